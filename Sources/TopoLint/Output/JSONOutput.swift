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

    static func file(_ report: Linter.FileReport) -> File {
        File(
            path: report.source.path,
            status: report.excluded
                ? "excluded" : report.inputFailed ? "input-error" : report.diagnostics.isEmpty ? "ok" : "findings",
            diagnostics: report.diagnostics.map { d in
                Item(
                    code: d.code, slug: d.slug, severity: d.severity.rawValue, message: d.message,
                    location: location(d.location),
                    notes: d.notes.map { Note(message: $0.message, location: location($0.location)) },
                    help: d.help)
            })
    }

    static func skeleton(_ tally: LintTally, strict: Bool) -> String {
        JSONText.encode(
            Document(
                files: [],
                summary: Summary(
                    files: tally.files, errors: tally.errors, warnings: tally.warnings,
                    infos: tally.infos, exit_code: tally.exitCode(strict: strict))))
    }

    /// The document written as files are linted (`head`, one `file` per file, `end`), so that
    /// only the counts of earlier files are kept: the same bytes as `render`.
    public struct Stream {
        private var json = StreamedJSON(skeleton: JSONOutput.skeleton(LintTally(), strict: false), key: "files")
        public private(set) var tally = LintTally()

        public init() {}

        /// The text before the first file.
        public var head: String { json.head }

        /// The text of one more file.
        ///
        /// - Parameter report: The file's report; it is added to `tally`.
        /// - Returns: The file's JSON object, comma-separated from earlier ones.
        public mutating func file(_ report: Linter.FileReport) -> String {
            tally.add(report)
            return json.element(JSONText.encode(JSONOutput.file(report)))
        }

        /// The rest: the summary of every file added.
        ///
        /// - Parameter strict: Whether warnings fail the run, for the summary's `exit_code`.
        /// - Returns: The text closing the file list, then the summary.
        public func end(strict: Bool) -> String {
            json.tail(skeleton: JSONOutput.skeleton(tally, strict: strict), key: "files")
        }
    }

    /// The JSON document of `summary`: every file's findings, then the counts and exit status.
    ///
    /// - Parameters:
    ///   - summary: The files linted, in order.
    ///   - strict: Whether warnings fail the run, for the summary's `exit_code`.
    /// - Returns: The document as JSON text, the same bytes as streaming it with `Stream`.
    public static func render(_ summary: LintSummary, strict: Bool) -> String {
        var stream = Stream()
        var out = stream.head
        for report in summary.files { out += stream.file(report) }
        return out + stream.end(strict: strict)
    }

    /// The whole document encoded at once (what `Stream` must match byte for byte).
    package static func document(_ summary: LintSummary, strict: Bool) -> String {
        let tally = LintTally(files: summary.files)
        return JSONText.encode(
            Document(
                files: summary.files.map(file),
                summary: Summary(
                    files: tally.files, errors: tally.errors, warnings: tally.warnings, infos: tally.infos,
                    exit_code: tally.exitCode(strict: strict))))
    }
}
