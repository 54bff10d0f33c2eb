import FoundationEssentials
import TopoDiagnostics

/// `--format json`: every file's diagnostics and a summary, in one JSON document.
///
/// ```json
/// {"tool": {"name": "topospec", "version": "0.1.0"},
///  "files": [{"path": "specs/a.yaml", "status": "findings",
///             "diagnostics": [{"code": "TS101", "slug": "nvlink-unsupported-gpu", "severity": "error",
///                              "message": "…", "location": {"path": "specs/a.yaml", "line": 9, "column": 5},
///                              "notes": [{"message": "…", "location": {…}}], "help": "…"}]}],
///  "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0, "exit_code": 1}}
/// ```
/// `status` is `ok`, `findings`, `input-error` or `excluded`. Keys are sorted; output is
/// byte-identical for the same input.
public enum JSONOutput {
    struct Location: Encodable {
        var path: String
        var line: Int
        var column: Int
    }

    struct Note: Encodable {
        var message: String
        var location: Location?
    }

    struct Item: Encodable {
        var code: String
        var slug: String
        var severity: String
        var message: String
        var location: Location?
        var notes: [Note]
        var help: String?
    }

    struct File: Encodable {
        var path: String
        var status: String
        var diagnostics: [Item]
    }

    struct Summary: Encodable {
        var files: Int
        var errors: Int
        var warnings: Int
        var infos: Int
        var exit_code: Int32
    }

    struct Tool: Encodable {
        var name = ToolInfo.name
        var version = ToolInfo.version
    }

    struct Document: Encodable {
        /// The shape's version: grammar/outputs/lint.schema.json, and grammar/outputs/README.md says when it changes.
        var schema_version = 1
        var tool = Tool()
        var files: [File]
        var summary: Summary
    }

    static func location(_ l: SourceLocation?) -> Location? {
        l.map { Location(path: $0.file, line: $0.line, column: $0.column) }
    }

    public static func render(_ summary: LintSummary, strict: Bool) -> String {
        let files = summary.files.map { report in
            File(path: report.source.path,
                 status: report.excluded ? "excluded" : report.inputFailed ? "input-error" : report.diagnostics.isEmpty ? "ok" : "findings",
                 diagnostics: report.diagnostics.map { d in
                     Item(code: d.code, slug: d.slug, severity: d.severity.rawValue, message: d.message,
                          location: location(d.location), notes: d.notes.map { Note(message: $0.message, location: location($0.location)) },
                          help: d.help)
                 })
        }
        let all = summary.files.flatMap(\.diagnostics)
        let document = Document(files: files, summary: Summary(
            files: summary.files.count, errors: all.filter { $0.severity == .error }.count,
            warnings: all.filter { $0.severity == .warning }.count, infos: all.filter { $0.severity == .info }.count,
            exit_code: summary.exitCode(strict: strict)))
        return JSONText.encode(document)
    }
}
