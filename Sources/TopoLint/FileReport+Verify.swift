import TopoDiagnostics
import TopoModel

extension Linter.FileReport {
    /// A report of findings about `source` made outside the linter (`topospec verify`), so they
    /// render in every lint output format; `spec` nil marks an input that could not be used.
    ///
    /// - Parameters:
    ///   - source: The file the findings are about, for excerpts.
    ///   - spec: The decoded spec, or nil when the input could not be used (exit status 2).
    ///   - diagnostics: The findings, as they are.
    public init(verified source: SourceText, spec: ClusterSpec?, diagnostics: [Diagnostic]) {
        self.init(source: source, spec: spec, diagnostics: diagnostics)
    }
}
