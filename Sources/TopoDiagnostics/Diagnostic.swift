/// One finding about an input: its documented code (`TS101`), a severity, a message, where it
/// is, and optional notes pointing at related places and a help line saying how to fix it.
public struct Diagnostic: Sendable, Hashable, Error {
    /// A secondary message attached to a diagnostic, usually pointing at a related place.
    public struct Note: Sendable, Hashable {
        public var message: String
        public var location: SourceLocation?

        /// A note saying `message`, pointing at `location` when there is one.
        ///
        /// - Parameters:
        ///   - message: The note's text, shown after `note:`.
        ///   - location: The related place; nil for a note without a place (printed indented
        ///     under the diagnostic instead of with a source excerpt).
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
    ///
    /// - Parameters:
    ///   - code: The documented code; its slug, domain and summary come with it.
    ///   - severity: The severity to report; nil takes `code.severity` (configuration passes
    ///     the severity a `.topospec.yml` chose).
    ///   - message: The one-line finding, naming the offending value.
    ///   - location: Where the finding is; nil for one about a whole file or none.
    ///   - notes: Related places (for example where a duplicate was first defined).
    ///   - help: A line saying how to fix it.
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
    ///
    /// Diagnostics without a location come before located ones.
    ///
    /// - Returns: True when `a` is printed before `b`.
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
