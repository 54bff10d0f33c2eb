import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs Graphviz's `dot` (found on PATH) to turn DOT text into SVG. topospec does not link
/// Graphviz; when `dot` is missing the failure says how to install it.
public enum GraphvizLayout {
    /// The path of `dot` on PATH, if any.
    ///
    /// - Parameter path: A `PATH`-style list of folders, searched in order; nil searches `/usr/bin:/bin`.
    /// - Returns: The first executable `dot` found, or nil.
    public static func findDot(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = String(folder) + "/dot"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Most DOT statements (lines) handed to `dot`: its layout is superlinear, and a cluster of
    /// 2,000 racks took over 120 s (issue 12). Larger drawings are not laid out.
    public static let maximumStatements = 4_000
    /// Seconds `dot` may run. It runs under coreutils `timeout` where that exists, so a `dot`
    /// orphaned by a killed topospec is killed too when the time is up (ChildProcess spawns it).
    public static let timeLimit = 60

    /// An SVG that says why there is no drawing (for reports, which go on without one).
    ///
    /// - Parameter message: The reason, escaped for XML.
    /// - Returns: A one-line 640 × 40 SVG showing `message`.
    public static func placeholder(_ message: String) -> String {
        let text = message.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"40\"><text x=\"8\" y=\"24\" font-family=\"Helvetica\" font-size=\"13\">\(text)</text></svg>\n"
    }

    /// SVG of `dot` text; with `placeholderWhenTooLarge`, a drawing past `maximumStatements`
    /// becomes a `placeholder` instead of a failure.
    ///
    /// - Parameters:
    ///   - dot: DOT text, as `DOTRenderer` writes it; its lines count as statements.
    ///   - placeholderWhenTooLarge: Whether a drawing over `maximumStatements` gives a placeholder SVG
    ///     instead of a failure.
    /// - Returns: The SVG `dot -Tsvg` wrote; it throws an `EmitFailure` saying that the drawing is too large, `dot` is
    ///   missing, ran past `timeLimit`, ended on a signal or failed (with its error output).
    public static func svg(_ dot: String, placeholderWhenTooLarge: Bool = false) throws(EmitFailure) -> String {
        let statements = dot.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        if statements > maximumStatements {
            let message =
                "drawing left out: \(statements) DOT statements, more than the \(maximumStatements) topospec hands to Graphviz"
            if placeholderWhenTooLarge { return placeholder(message) }
            throw EmitFailure(description: message + "; use --format dot or mermaid, or draw one node type with --type")
        }
        guard let executable = findDot() else {
            throw EmitFailure(
                description:
                    "Graphviz `dot` is not on PATH, so SVG cannot be drawn; install Graphviz (Debian: apt-get install graphviz)"
            )
        }
        // Under coreutils `timeout` where it exists, so a `dot` orphaned by a killed topospec is
        // stopped too when the time is up; topospec stops the child itself as well.
        let timeout = ["/usr/bin/timeout", "/bin/timeout"].first { (path: String) in access(path, X_OK) == 0 }
        let outcome: ChildProcess.Outcome
        if let timeout {
            outcome = try ChildProcess.run(
                timeout, ["--kill-after=5", String(timeLimit), executable, "-Tsvg"], input: Array(dot.utf8),
                limit: timeLimit + 5)
        } else {
            outcome = try ChildProcess.run(executable, ["-Tsvg"], input: Array(dot.utf8), limit: timeLimit)
        }
        if outcome.timedOut || outcome.status == 124 {
            throw EmitFailure(
                description:
                    "\(executable) ran past \(timeLimit) s and was stopped; the drawing is too large (use --format dot or mermaid)"
            )
        }
        if let signal = outcome.signal {
            throw EmitFailure(description: "\(executable) ended on signal \(signal)")
        }
        guard outcome.status == 0 else {
            let text = String(
                String(decoding: outcome.errors, as: UTF8.self).drop { $0.isWhitespace }.reversed().drop {
                    $0.isWhitespace
                }.reversed())
            throw EmitFailure(description: "\(executable) failed (exit \(outcome.status ?? -1)): \(text)")
        }
        return String(decoding: outcome.output, as: UTF8.self)
    }
}
