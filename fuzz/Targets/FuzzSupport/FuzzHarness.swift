// The `main` every fuzz target shares. Built by `fuzz/run` (`-sanitize=fuzzer,address -D
// TOPOSPEC_FUZZ`), it hands the command line to libFuzzer's driver; in an ordinary build
// (`swift build`) it replays the files named on the command line through the same check, so a
// finding reproduces as a plain crash: `.build/debug/FuzzLint FILE...`.

import Foundation

/// Runs one fuzz target: every input goes through its `FuzzCheck`, and a failure traps, which is
/// what libFuzzer records as a finding.
public enum FuzzHarness {
    /// The target's check. libFuzzer calls back through a C function pointer, which cannot carry
    /// context, and it runs every input on one thread: this is set once, before the driver starts.
    nonisolated(unsafe) private static var check = FuzzCheck.yaml

    public static func main(_ check: FuzzCheck) -> Never {
        Self.check = check
        #if TOPOSPEC_FUZZ
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(runFuzzerDriver(&argc, &argv, testOneInput))
        #else
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("\(path): cannot be read")
                    exit(2)
                }
                run([UInt8](data))
                print("\(path): ok")
            }
            exit(0)
        #endif
    }

    static func run(_ bytes: [UInt8]) {
        if let failure = check.failure(bytes) { fatalError("fuzz target \(check.rawValue): \(failure)") }
    }
}

#if TOPOSPEC_FUZZ
    /// libFuzzer's callback for one input, under the name libFuzzer's runtime links against. A
    /// function of its own: Swift 6.3's SendNonSendable pass crashes on a closure literal here.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        FuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }

    /// libFuzzer's driver. SwiftPM links executables with their own `main`, so libFuzzer's `main` is
    /// not used; `FuzzHarness.main` hands the command line to the driver instead.
    @_silgen_name("LLVMFuzzerRunDriver")
    private func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt
#endif
