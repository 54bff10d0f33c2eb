import TopoDiagnostics

/// `--format sarif`: SARIF 2.1.0 (OASIS), the format GitHub code scanning uploads. Every code is
/// described in `tool.driver.rules`; results point at the file, line and column (columns count
/// Unicode code points, declared with `columnKind`), notes become related locations.
public enum SARIFOutput {
    struct Message: Encodable { var text: String }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endColumn: Int?
    }

    struct ArtifactLocation: Encodable { var uri: String }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct Location: Encodable {
        var id: Int?
        var physicalLocation: PhysicalLocation
        var message: Message?
    }

    struct Configuration: Encodable { var level: String }

    struct RuleProperties: Encodable {
        var category: String
        var tags: [String]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Driver: Encodable {
        var name = ToolInfo.name
        var version = ToolInfo.version
        var semanticVersion = ToolInfo.version
        var rules: [ReportingDescriptor]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
    }

    struct Run: Encodable {
        var tool: Tool
        var columnKind = "unicodeCodePoints"
        var results: [Result]
    }

    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A relative URI reference for a path: percent-encodes what URIs do not allow.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return path.hasPrefix("/") ? "file://" + out : out
    }

    static func location(_ l: SourceLocation, id: Int? = nil, message: String? = nil) -> Location {
        Location(
            id: id,
            physicalLocation: PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: uri(l.file)),
                region: Region(
                    startLine: max(1, l.line), startColumn: max(1, l.column),
                    endColumn: l.length > 0 ? l.column + l.length : nil)),
            message: message.map(Message.init))
    }

    static func rules(_ entries: [DiagnosticCode]) -> [ReportingDescriptor] {
        entries.map { e in
            ReportingDescriptor(
                id: e.code, name: e.slug, shortDescription: Message(text: e.summary),
                fullDescription: Message(text: e.explanation),
                help: Message(text: "topospec explain \(e.code)"),
                defaultConfiguration: Configuration(level: level(e.severity)),
                properties: RuleProperties(category: e.domain.rawValue, tags: ["topospec", e.domain.rawValue]))
        }
    }

    static func results(_ report: Linter.FileReport, index: [String: Int]) -> [Result] {
        report.diagnostics.map { d in
            let at = d.location ?? SourceLocation(file: report.source.path, line: 1, column: 1)
            let related = d.notes.enumerated().compactMap { i, note in
                note.location.map { location($0, id: i + 1, message: note.message) }
            }
            var text = d.message
            let unlocated = d.notes.filter { $0.location == nil }.map(\.message)
            if !unlocated.isEmpty { text += " (" + unlocated.joined(separator: "; ") + ")" }
            if let help = d.help { text += ". Help: " + help }
            return Result(
                ruleId: d.code, ruleIndex: index[d.code] ?? 0, level: level(d.severity), message: Message(text: text),
                locations: [location(at)], relatedLocations: related.isEmpty ? nil : related)
        }
    }

    /// The log written as files are linted (`head`, one `file` per file, `end`), so that no
    /// file is kept once its results are written: the same bytes as `render`.
    public struct Stream {
        private var json: StreamedJSON
        private let skeleton: String
        private let index: [String: Int]

        /// `codes`: the table described in `tool.driver.rules`.
        ///
        /// - Parameter entries: The codes described in `tool.driver.rules`; results refer to them by index.
        public init(codes entries: [DiagnosticCode]) {
            var index: [String: Int] = [:]
            for (i, e) in entries.enumerated() { index[e.code] = i }
            self.index = index
            skeleton = JSONText.encode(
                Log(runs: [Run(tool: Tool(driver: Driver(rules: SARIFOutput.rules(entries))), results: [])]))
            json = StreamedJSON(skeleton: skeleton, key: "results")
        }

        /// The text before the first result.
        public var head: String { json.head }

        /// The text of one more file's results.
        ///
        /// - Parameter report: The file's report.
        /// - Returns: Its results, comma-separated from earlier ones; empty when it has no findings.
        public mutating func file(_ report: Linter.FileReport) -> String {
            var out = ""
            for result in SARIFOutput.results(report, index: index) { out += json.element(JSONText.encode(result)) }
            return out
        }

        /// The rest: the rule table.
        ///
        /// - Returns: The text closing the results and the log.
        public func end() -> String { json.tail(skeleton: skeleton, key: "results") }
    }

    /// The SARIF log of `summary`; `codes` is the table described in `tool.driver.rules` (every
    /// code topospec documents, in catalog order).
    ///
    /// - Parameters:
    ///   - summary: The files linted, in order.
    ///   - entries: The codes described in `tool.driver.rules`.
    /// - Returns: The SARIF 2.1.0 log as JSON text.
    public static func render(_ summary: LintSummary, codes entries: [DiagnosticCode]) -> String {
        var stream = Stream(codes: entries)
        var out = stream.head
        for report in summary.files { out += stream.file(report) }
        return out + stream.end()
    }

    /// The whole log encoded at once (what `Stream` must match byte for byte).
    package static func document(_ summary: LintSummary, codes entries: [DiagnosticCode]) -> String {
        var index: [String: Int] = [:]
        for (i, e) in entries.enumerated() { index[e.code] = i }
        let all = summary.files.flatMap { SARIFOutput.results($0, index: index) }
        return JSONText.encode(Log(runs: [Run(tool: Tool(driver: Driver(rules: rules(entries))), results: all)]))
    }
}
