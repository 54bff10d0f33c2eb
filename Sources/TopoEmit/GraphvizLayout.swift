import Foundation

/// Runs Graphviz's `dot` (found on PATH) to turn DOT text into SVG. topospec does not link
/// Graphviz; when `dot` is missing the failure says how to install it.
public enum GraphvizLayout {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The path of `dot` on PATH, if any.
    public static func findDot(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = String(folder) + "/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// SVG of `dot` text.
    public static func svg(_ dot: String) -> Result<String, Failure> {
        guard let executable = findDot() else {
            return .failure(Failure(description: "Graphviz `dot` is not on PATH, so SVG cannot be drawn; install Graphviz (Debian: apt-get install graphviz)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(Failure(description: "cannot run \(executable): \(error.localizedDescription)"))
        }
        // Read both pipes while dot runs, so a large graph cannot fill a pipe and stall it.
        let group = DispatchGroup()
        let collected = Collected()
        group.enter()
        DispatchQueue.global().async {
            collected.setOutput(output.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            collected.setErrors(errors.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        input.fileHandleForWriting.write(Data(dot.utf8))
        try? input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        let (svg, message) = collected.values
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(Failure(description: "\(executable) failed (exit \(process.terminationStatus)): \(text)"))
        }
        return .success(String(decoding: svg, as: UTF8.self))
    }

    /// The two pipes' contents, filled from two threads.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var output = Data()
        private var errors = Data()

        func setOutput(_ data: Data) { lock.withLock { output = data } }
        func setErrors(_ data: Data) { lock.withLock { errors = data } }
        var values: (Data, Data) { lock.withLock { (output, errors) } }
    }
}
