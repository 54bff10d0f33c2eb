import TopoDiagnostics
import TopoModel

extension Linter.FileReport {
    /// A report of findings about `source` made outside the linter (`topospec verify`), so they
    /// render in every lint output format; `spec` nil marks an input that could not be used.
    public init(verified source: SourceText, spec: ClusterSpec?, diagnostics: [Diagnostic]) {
        self.init(source: source, spec: spec, diagnostics: diagnostics)
    }
}
