import Foundation
import Testing
import TopoDiagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Colour is decided for the stream written to: diagnostics on standard error are plain when
/// standard error is not a terminal, even when standard output is one (they used to follow
/// standard output, so `topospec matrix … 2>err.txt` on a terminal wrote escape codes into the file).
@Suite struct TerminalColorTests {
    /// A C function of the C library by name (Swift's Glibc module leaves out the pty calls).
    static func libc<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    /// A pseudo-terminal: the controller and the terminal side, both open; nil where none can be made.
    static func openTerminal() -> (controller: Int32, terminal: Int32)? {
        typealias OpenPT = @convention(c) (Int32) -> Int32
        typealias Grant = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        guard let openpt = libc("posix_openpt", as: OpenPT.self), let grantpt = libc("grantpt", as: Grant.self),
            let unlockpt = libc("unlockpt", as: Grant.self), let ptsname = libc("ptsname", as: Name.self)
        else { return nil }
        let controller = openpt(O_RDWR | O_NOCTTY)
        guard controller >= 0 else { return nil }
        guard grantpt(controller) == 0, unlockpt(controller) == 0, let name = ptsname(controller) else {
            close(controller)
            return nil
        }
        let terminal = open(name, O_RDWR | O_NOCTTY)
        guard terminal >= 0 else {
            close(controller)
            return nil
        }
        return (controller, terminal)
    }

    static let plainEnvironment = ["TERM": "xterm-256color"]

    @Test func aPipeIsNotColouredATerminalIs() throws {
        let pipe = Pipe()
        let fd = pipe.fileHandleForWriting.fileDescriptor
        #expect(!ColorChoice.auto.enabled(forFileDescriptor: fd, environment: Self.plainEnvironment))
        #expect(ColorChoice.always.enabled(forFileDescriptor: fd, environment: Self.plainEnvironment))
        let pty = try #require(Self.openTerminal(), "no pseudo-terminal available")
        defer { close(pty.terminal); close(pty.controller) }
        #expect(ColorChoice.auto.enabled(forFileDescriptor: pty.terminal, environment: Self.plainEnvironment))
        #expect(!ColorChoice.never.enabled(forFileDescriptor: pty.terminal, environment: Self.plainEnvironment))
        #expect(!ColorChoice.auto.enabled(forFileDescriptor: pty.terminal, environment: ["NO_COLOR": "1"]))
        #expect(ColorChoice.auto.enabled(forFileDescriptor: pty.terminal, environment: ["NO_COLOR": ""]))
        #expect(!ColorChoice.auto.enabled(forFileDescriptor: pty.terminal, environment: ["TERM": "dumb"]))
    }

    /// `topospec matrix BROKEN` with standard output on a terminal and standard error into a pipe:
    /// the error reaches the pipe without escape codes.
    @Test func diagnosticsToARedirectedStandardErrorArePlain() throws {
        let executable = try #require(DeterminismTests.executable, "the topospec executable is not built")
        let pty = try #require(Self.openTerminal(), "no pseudo-terminal available")
        defer { close(pty.controller) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["matrix", "specs/broken/TS010-unknown-key.yaml"]
        process.currentDirectoryURL = URL(fileURLWithPath: RepositoryFiles.root)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        environment["TERM"] = "xterm-256color"
        process.environment = environment
        let terminal = FileHandle(fileDescriptor: pty.terminal, closeOnDealloc: true)
        let errors = Pipe()
        process.standardOutput = terminal
        process.standardError = errors
        try process.run()
        try terminal.close()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(text.contains("error[TS010]"), "\(text)")
        #expect(!text.contains("\u{1B}["), "escape codes in redirected standard error: \(text)")
    }
}
