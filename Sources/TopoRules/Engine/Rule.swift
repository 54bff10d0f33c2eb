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
    /// The lint's work budget, shared by every rule of the run (`RuleBudget`).
    public let budget: WorkBudget

    init(metadata: RuleMetadata, budget: WorkBudget = WorkBudget(limit: RuleBudget.placementUnits)) {
        self.metadata = metadata
        self.budget = budget
    }

    /// Says that a check was skipped because its `cost` does not fit in the budget left (TS407).
    public mutating func reportSkipped(_ what: String, cost: Int, at location: SourceLocation?, help: String? = nil) {
        diagnostics.append(
            Diagnostic(
                code: RuleBudget.checkSkipped,
                message:
                    "\(what) skipped: it needs \(cost) units of work, more than the \(budget.remaining) left of lint's budget of \(budget.limit)",
                location: location, help: help))
    }

    public mutating func report(
        _ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = [],
        help: String? = nil
    ) {
        diagnostics.append(
            Diagnostic(
                code: metadata.diagnosticCode, message: message,
                location: location, notes: notes, help: help))
    }
}
