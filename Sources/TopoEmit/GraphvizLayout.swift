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

    /// Most DOT statements (lines) handed to `dot`: its layout is superlinear, and a cluster of
    /// 2,000 racks took over 120 s (issue 12). Larger drawings are not laid out.
    public static let maximumStatements = 4_000
    /// Seconds `dot` may run. It runs under coreutils `timeout` where that exists, so a `dot`
    /// orphaned by a killed topospec is killed too when the time is up.
    public static let timeLimit = 60

    /// An SVG that says why there is no drawing (for reports, which go on without one).
    public static func placeholder(_ message: String) -> String {
        let text = message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"40\"><text x=\"8\" y=\"24\" font-family=\"Helvetica\" font-size=\"13\">\(text)</text></svg>\n"
    }

    /// SVG of `dot` text; with `placeholderWhenTooLarge`, a drawing past `maximumStatements`
    /// becomes a `placeholder` instead of a failure.
    public static func svg(_ dot: String, placeholderWhenTooLarge: Bool = false) -> Result<String, Failure> {
        let statements = dot.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        if statements > maximumStatements {
            let message = "drawing left out: \(statements) DOT statements, more than the \(maximumStatements) topospec hands to Graphviz"
            if placeholderWhenTooLarge { return .success(placeholder(message)) }
            return .failure(Failure(description: message + "; use --format dot or mermaid, or draw one node type with --type"))
        }
        guard let executable = findDot() else {
            return .failure(Failure(description: "Graphviz `dot` is not on PATH, so SVG cannot be drawn; install Graphviz (Debian: apt-get install graphviz)"))
        }
        let process = Process()
        let timeout = ["/usr/bin/timeout", "/bin/timeout"].first { FileManager.default.isExecutableFile(atPath: $0) }
        if let timeout {
            process.executableURL = URL(fileURLWithPath: timeout)
            process.arguments = ["--kill-after=5", String(timeLimit), executable, "-Tsvg"]
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["-Tsvg"]
        }
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
        // Without `timeout`, topospec ends dot itself when the time is up.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeLimit + 5), execute: watchdog)
        input.fileHandleForWriting.write(Data(dot.utf8))
        try? input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        watchdog.cancel()
        let (svg, message) = collected.values
        if process.terminationStatus == 124 || process.terminationReason == .uncaughtSignal {
            return .failure(Failure(description: "\(executable) ran past \(timeLimit) s and was stopped; the drawing is too large (use --format dot or mermaid)"))
        }
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
