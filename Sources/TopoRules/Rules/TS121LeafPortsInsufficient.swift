import TopoModel
import TopoTopology

/// TS121: more NIC ports on a network than its leaf tier has downlinks, or more uplinks from a
/// tier than the tier above has down ports.
package struct LeafPortsInsufficient: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS121", slug: "leaf-ports-insufficient", category: .hardware, severity: .error,
        summary: "A network tier has fewer down ports than the ports below it: NIC ports at the leaf, uplinks above.",
        rationale: """
            Every NIC port on a network ends on a leaf switch port. With `count` leaves of `down` ports each, the \
            network takes at most count × down NIC ports: a 32-node DGX H100 unit with 8 compute NICs per node \
            needs 256 leaf ports, i.e. 8 leaves of 32 down ports in a non-blocking rail-optimized fat tree. A spec \
            with fewer describes a fabric that cannot be cabled. The same holds at every tier above: the uplinks of \
            the tier below (count × up) must each end on a down port of the tier above (count × down; the ports \
            that are not `up`, or every port of the top tier, when `down` is not written): 5 leaves with 16 uplinks \
            each need 80 spine ports, not one 8-port spine.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 400, tiers: [{name: leaf, radix: 64, down: 32, up: 32, count: 1}]}  # expect: TS121
            node_types:
              n: {gpus: {sku: h100-sxm5-80gb, count: 8}, nics: {"cx[0-7]": {sku: connectx-7, network: ib}}}
            nodes:
              "n[1-8]": {type: n}
            """,
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 400, tiers: [{name: leaf, radix: 32, down: 16, up: 16, count: 5}, {name: spine, radix: 8, count: 1}]}  # expect: TS121
            node_types:
              n: {gpus: {sku: h100-sxm5-80gb, count: 8}, nics: {"cx[0-7]": {sku: connectx-7, network: ib}}}
            nodes:
              "n[1-8]": {type: n}
            """,
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 400, tiers: [{name: leaf, radix: 64, down: 32, up: 32, count: 2}]}
            node_types:
              n: {gpus: {sku: h100-sxm5-80gb, count: 8}, nics: {"cx[0-7]": {sku: connectx-7, network: ib}}}
            nodes:
              "n[1-8]": {type: n}
            """,
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 400, tiers: [{name: leaf, radix: 32, down: 16, up: 16, count: 5}, {name: spine, radix: 64, count: 2}]}
            node_types:
              n: {gpus: {sku: h100-sxm5-80gb, count: 8}, nics: {"cx[0-7]": {sku: connectx-7, network: ib}}}
            nodes:
              "n[1-8]": {type: n}
            """,
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for network in spec.networks {
            let perType = spec.nodeTypes.map { type in type.nics.filter { $0.network == network.name }.count }
            let nicPorts = spec.nodes.reduce(0) { $0 + perType[$1.typeID] }
            for (i, tier) in network.tiers.enumerated() {
                guard let capacity = network.downPorts(ofTier: i), let count = tier.count else { continue }
                let each = capacity / max(count, 1)
                if i == 0 {
                    guard nicPorts > capacity else { continue }
                    let needed = each > 0 ? " at least \((nicPorts + each - 1) / each) leaf switches are needed" : ""
                    findings.report(
                        "network `\(network.name)` has \(nicPorts) NIC ports, but its leaf tier has \(count) × \(each) = \(capacity) down ports",
                        at: tier.location, help: needed.isEmpty ? nil : String(needed.dropFirst()))
                } else {
                    guard let uplinks = network.upPorts(ofTier: i - 1), uplinks > capacity else { continue }
                    let below = network.tiers[i - 1]
                    findings.report(
                        "tier \(i + 1)\(tier.name.map { " (`\($0)`)" } ?? "") of network `\(network.name)` has \(count) × \(each) = \(capacity) down ports, but the tier below has \(below.count ?? 0) × \(below.up ?? 0) = \(uplinks) up ports to take",
                        at: tier.location,
                        help: each > 0
                            ? "at least \((uplinks + each - 1) / each) switches are needed in this tier, or fewer uplinks below"
                            : nil)
                }
            }
        }
    }
}
