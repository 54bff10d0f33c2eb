import TopoModel
import TopoTopology

/// TS214: a NIC declared slower than the network it is attached to.
package struct NICSlowerThanNetwork: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS214", slug: "nic-slower-than-network", category: .performance, severity: .warning,
        summary: "A NIC runs slower than its network's port speed.",
        rationale: """
            A 200 Gb/s port on a 400 Gb/s NDR fabric halves that GPU's share of the network, and collective \
            algorithms (rings, trees) run at the speed of their slowest member: one slow NIC slows every \
            all-reduce it takes part in.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband, gbps: 400}
            node_types:
              n: {gpus: {sku: h100-sxm5-80gb, count: 8}, nics: {"cx[0-7]": {sku: connectx-7, network: ib, gbps: 200}}}  # expect: TS214
            nodes:
              n1: {type: n}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband, gbps: 400}
            node_types:
              n: {gpus: {sku: h100-sxm5-80gb, count: 8}, nics: {"cx[0-7]": {sku: connectx-7, network: ib}}}
            nodes:
              n1: {type: n}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for type in spec.nodeTypes {
            var reported: Set<String> = []
            for nic in type.nics {
                guard let name = nic.network, let network = spec.network(named: name), let speed = network.gbps,
                    nic.gbps < speed, reported.insert("\(nic.location)").inserted
                else { continue }
                findings.report(
                    "NIC `\(nic.name)` runs at \(Int(nic.gbps)) Gb/s on network `\(name)` of \(Int(speed)) Gb/s",
                    at: nic.location)
            }
        }
    }
}
