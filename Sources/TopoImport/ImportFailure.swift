import TopoDiagnostics

/// The errors that make an input unusable, as the failure of a parsing step.
struct ImportFailure: Error, Sendable {
    var diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
