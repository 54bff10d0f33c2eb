import TopoDiagnostics

/// `--format github`: GitHub Actions workflow commands, one per finding, which the runner turns
/// into annotations on the pull request's diff:
///
///     ::error file=specs/a.yaml,line=9,col=5,title=TS101 nvlink-unsupported-gpu::NVLink declared on …
///
/// Errors are `error`, warnings `warning`, infos `notice`. Values are escaped as the runner
/// expects (`%`, CR, LF; and `:` `,` inside properties).
public enum GitHubOutput {
    /// The workflow commands of every finding of `summary`.
    ///
    /// - Parameter summary: The files linted, in order.
    /// - Returns: One `::error`, `::warning` or `::notice` line per finding, each ending in a newline.
    public static func render(_ summary: LintSummary) -> String {
        var out = ""
        for report in summary.files {
            for d in report.diagnostics {
                let command: String
                switch d.severity {
                case .error: command = "error"
                case .warning: command = "warning"
                case .info: command = "notice"
                }
                var properties: [String] = []
                let at = d.location ?? SourceLocation(file: report.source.path, line: 1, column: 1)
                properties.append("file=" + escapeProperty(at.file))
                properties.append("line=\(at.line)")
                properties.append("col=\(at.column)")
                if at.length > 0 { properties.append("endColumn=\(at.column + at.length)") }
                properties.append("title=" + escapeProperty("\(d.code) \(d.slug)"))
                var message = d.message
                for note in d.notes {
                    message += "\n" + (note.location.map { "\($0): " } ?? "") + "note: " + note.message
                }
                if let help = d.help { message += "\nhelp: " + help }
                out += "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
            }
        }
        return out
    }

    static func escapeData(_ text: String) -> String {
        // Other control characters (escape sequences, U+2028) shown as `UntrustedText` shows them.
        let visible = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map {
                $0.split(separator: "\r", omittingEmptySubsequences: false).map { UntrustedText.visible(String($0)) }
                    .joined(separator: "\r")
            }
            .joined(separator: "\n")
        return visible.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", "%3A").replacingAll(",", "%2C")
    }
}

extension String {
    package func replacingAll(_ target: String, _ replacement: String) -> String {
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
