/// One finding about an input: its documented code (`TS101`), a severity, a message, where it
/// is, and optional notes pointing at related places and a help line saying how to fix it.
public struct Diagnostic: Sendable, Hashable, Error {
    /// A secondary message attached to a diagnostic, usually pointing at a related place.
    public struct Note: Sendable, Hashable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    /// The documented code: slug, domain, default severity, summary and explanation.
    public let diagnosticCode: DiagnosticCode
    /// The severity reported: the code's default unless configuration changed it.
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    public var notes: [Note]
    public var help: String?

    /// A finding of `code`, at the code's default severity unless `severity` is given.
    public init(
        code: DiagnosticCode, severity: Severity? = nil, message: String, location: SourceLocation?,
        notes: [Note] = [], help: String? = nil
    ) {
        self.diagnosticCode = code
        self.severity = severity ?? code.severity
        self.message = message
        self.location = location
        self.notes = notes
        self.help = help
    }

    /// The code's text, `TS101`.
    public var code: String { diagnosticCode.code }

    /// The code's slug, `nvlink-unsupported-gpu`.
    public var slug: String { diagnosticCode.slug }
}

extension Diagnostic: Comparable {
    /// Orders diagnostics by place, then code, then message, so output is deterministic.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        default: break
        }
        if a.code != b.code { return a.code < b.code }
        return a.message < b.message
    }
}
