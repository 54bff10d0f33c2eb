import TopoModel
import TopoTopology

/// TS117: a switch tier using more ports than its switches have.
package struct TierPortsExceedRadix: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS117", slug: "tier-ports-exceed-radix", category: .hardware, severity: .error,
        summary: "A network tier's down plus up ports exceed the switch radix.",
        rationale: """
            A leaf of a 64-port switch (Quantum-2 QM9700: 64 × 400 Gb/s NDR) can split its ports 32 down / 32 up \
            for a non-blocking fat tree, or 40 / 24 for 1.67:1 oversubscription, but not 40 / 32: the ports do \
            not exist.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 400, tiers: [{radix: 64, down: 40, up: 32}, {radix: 64}]}  # expect: TS117
            node_types:
              n: {gpus: {sku: h100-sxm5-80gb, count: 8}}
            nodes:
              n1: {type: n}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 400, tiers: [{radix: 64, down: 32, up: 32}, {radix: 64}]}
            node_types:
              n: {gpus: {sku: h100-sxm5-80gb, count: 8}}
            nodes:
              n1: {type: n}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for network in context.spec.networks {
            for (level, tier) in network.tiers.enumerated() {
                let used = (tier.down ?? 0) + (tier.up ?? 0)
                guard used > tier.radix else { continue }
                findings.report(
                    "tier \(tier.name.map { "`\($0)`" } ?? String(level + 1)) of network `\(network.name)` uses \(tier.down ?? 0) down + \(tier.up ?? 0) up = \(used) ports on \(tier.radix)-port switches",
                    at: tier.location)
            }
        }
    }
}
