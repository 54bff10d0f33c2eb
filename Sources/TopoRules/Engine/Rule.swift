import TopoDiagnostics
import TopoModel
import TopoTopology

/// One check over a decoded spec. Rules are stateless values; the engine runs each once per spec
/// and gives it the shared `SpecAnalysis`.
public protocol Rule: Sendable {
    var metadata: RuleMetadata { get }
    func check(_ context: SpecAnalysis, _ findings: inout Findings)
}

/// Collects a rule's findings, stamping them with the rule's code and default severity.
public struct Findings {
    let metadata: RuleMetadata
    public private(set) var diagnostics: [Diagnostic] = []

    init(metadata: RuleMetadata) {
        self.metadata = metadata
    }

    public mutating func report(_ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = [],
                                help: String? = nil) {
        diagnostics.append(Diagnostic(code: metadata.diagnosticCode, message: message,
                                      location: location, notes: notes, help: help))
    }
}
