import TopoModel
import TopoTopology

/// TS116: a NIC attached to a network whose fabric the adapter cannot speak.
package struct NICFabricMismatch: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS116", slug: "nic-fabric-mismatch", category: .hardware, severity: .error,
        summary: "A NIC is attached to a network whose fabric the adapter cannot speak.",
        rationale: """
            ConnectX-6 Dx, BlueField-2 Ethernet SKUs, Intel E810 and Broadcom Thor 2 are Ethernet (RoCE) adapters; \
            they cannot join an InfiniBand fabric. ConnectX VPI adapters speak both. EFA is AWS's own transport.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 200}
            node_types:
              n: {gpus: {sku: a100-sxm4-80gb, count: 8}, nics: {eth0: {sku: connectx-6-dx, network: ib}}}  # expect: TS116
            nodes:
              n1: {type: n}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            networks:
              roce: {fabric: roce, gbps: 200}
            node_types:
              n: {gpus: {sku: a100-sxm4-80gb, count: 8}, nics: {eth0: {sku: connectx-6-dx, network: roce}}}
            nodes:
              n1: {type: n}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for type in spec.nodeTypes {
            var reported: Set<String> = []
            for nic in type.nics {
                guard let networkName = nic.network, let network = spec.network(named: networkName),
                    let model = spec.catalog.nics[nic.sku], !model.fabrics.contains(network.fabric),
                    reported.insert("\(nic.location)").inserted
                else { continue }
                findings.report(
                    "NIC `\(nic.name)` is `\(model.id)` (\(model.name)), which speaks \(Self.list(model.fabrics.map(\.displayName))), not \(network.fabric.displayName) (network `\(network.name)`)",
                    at: nic.location, notes: [.init("the network", at: network.location)])
            }
        }
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }
}
