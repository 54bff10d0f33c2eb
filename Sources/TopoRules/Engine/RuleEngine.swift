import TopoDiagnostics
import TopoModel
import TopoTopology

/// Runs rules over a decoded spec and returns their findings in a deterministic order.
public struct RuleEngine: Sendable {
    public var rules: [any Rule]

    public init(rules: [any Rule] = RuleRegistry.all) {
        self.rules = rules
    }

    public func run(_ spec: ClusterSpec) -> [Diagnostic] {
        let context = SpecAnalysis(spec: spec)
        var all: [Diagnostic] = []
        for rule in rules {
            var findings = Findings(metadata: rule.metadata)
            rule.check(context, &findings)
            all.append(contentsOf: findings.diagnostics)
        }
        return all.sorted()
    }
}
