/// Collects diagnostics while a stage (parsing, decoding, rules) runs, so a stage can report every
/// problem it finds instead of stopping at the first. Bounded by a `DiagnosticCap`: what is past
/// the cap is counted, not kept, so a hostile file cannot fill memory with diagnostics.
package struct DiagnosticSink: Sendable {
    private var kept: [Diagnostic] = []
    private var cap = DiagnosticCap()
    private var sawError = false

    package init() {}

    /// The diagnostics kept, then one closing "N more" diagnostic per code that went past the cap.
    package var diagnostics: [Diagnostic] { kept + cap.closing }

    package var hasErrors: Bool { sawError }

    package mutating func append(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { sawError = true }
        if cap.admit(diagnostic) { kept.append(diagnostic) }
    }

    package mutating func append(contentsOf other: [Diagnostic]) {
        for diagnostic in other { append(diagnostic) }
    }

    /// Records an error of `code` (an input error: it makes the spec unusable).
    package mutating func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
        notes: [Diagnostic.Note] = [], help: String? = nil
    ) {
        append(Diagnostic(code: code, severity: .error, message: message, location: location, notes: notes, help: help))
    }
}
