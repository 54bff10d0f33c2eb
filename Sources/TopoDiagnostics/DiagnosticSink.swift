/// Collects diagnostics while a stage (parsing, decoding, rules) runs, so a stage can report every
/// problem it finds instead of stopping at the first.
public struct DiagnosticSink: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    public mutating func append(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    /// Records an error of `code` (an input error: it makes the spec unusable).
    public mutating func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
        notes: [Diagnostic.Note] = [], help: String? = nil
    ) {
        diagnostics.append(
            Diagnostic(code: code, severity: .error, message: message, location: location, notes: notes, help: help))
    }
}
