import TopoDiagnostics
import TopoModel
import TopoTopology

/// Runs rules over a decoded spec and returns their findings in a deterministic order.
public struct RuleEngine: Sendable {
    public var rules: [any Rule]
    /// Units of work the rules may spend in all (`RuleBudget`).
    public var budget: Int

    public init(rules: [any Rule] = RuleRegistry.all, budget: Int = RuleBudget.placementUnits) {
        self.rules = rules
        self.budget = budget
    }

    public func run(_ spec: ClusterSpec) -> [Diagnostic] {
        let context = SpecAnalysis(spec: spec)
        let shared = WorkBudget(limit: budget)
        var all: [Diagnostic] = []
        for rule in rules {
            var findings = Findings(metadata: rule.metadata, budget: shared)
            rule.check(context, &findings)
            all.append(contentsOf: findings.diagnostics)
        }
        return all.sorted()
    }
}
