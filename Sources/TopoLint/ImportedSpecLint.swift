import TopoDiagnostics

/// The rule engine run on a spec an importer wrote, its findings written into the spec as
/// comments above `node_types:`' first entry: what lint will say about the machine (a placeholder
/// model, NICs across the sockets, no P2P, …), from the same rules `topospec lint` runs. The
/// importers (`TopoImport`) and the rules are peers; this is where the two meet.
public enum ImportedSpecLint {
    /// `spec` with a comment block naming every finding the rules give it (code, severity and
    /// message, in lint's order), and the findings. Lints with the built-in configuration, so the
    /// result does not depend on a `.topospec.yml` near the output; comments change no finding.
    /// - Parameters:
    ///   - spec: the spec text an importer wrote.
    ///   - path: the name the findings are located in (the output file, or a placeholder).
    /// - Returns: the annotated spec text and the findings on it.
    public static func annotate(_ spec: String, path: String) -> (spec: String, findings: [Diagnostic]) {
        let report = Linter().lint(bytes: Array(spec.utf8), path: path)
        let findings = report.diagnostics
        guard !findings.isEmpty else { return (spec, findings) }
        var block = [
            "  # Lint findings on this spec (the rules of `topospec lint`; what the machine is like, not import errors):"
        ]
        for d in findings {
            let message = d.message.split(whereSeparator: \.isNewline).joined(separator: " ")
            block.append("  #  - \(d.code) (\(d.severity.rawValue)): \(message)")
        }
        var lines = spec.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let index = lines.firstIndex(of: "node_types:") {
            lines.insert(contentsOf: block, at: index + 1)
        } else {
            lines.insert(contentsOf: block.map { String($0.dropFirst(2)) }, at: 0)
        }
        return (lines.joined(separator: "\n"), findings)
    }
}
