import TopoDiagnostics
import TopoModel

/// Runs rules over a decoded spec and returns their findings in a deterministic order.
public struct RuleEngine: Sendable {
    public var rules: [any Rule]

    public init(rules: [any Rule] = RuleRegistry.all) {
        self.rules = rules
    }

    public func run(_ spec: ClusterSpec) -> [Diagnostic] {
        let context = RuleContext(spec: spec)
        var all: [Diagnostic] = []
        for rule in rules {
            var findings = Findings(metadata: rule.metadata)
            rule.check(context, &findings)
            all.append(contentsOf: findings.diagnostics)
        }
        return all.sorted()
    }
}
