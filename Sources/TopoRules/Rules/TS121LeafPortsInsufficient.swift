import TopoModel
import TopoTopology

/// TS121: more NIC ports on a network than its leaf tier has downlinks.
public struct LeafPortsInsufficient: Rule {
    public init() {}

    public let metadata = RuleMetadata(
        code: "TS121", slug: "leaf-ports-insufficient", category: .hardware, severity: .error,
        summary: "A network has more NIC ports than its leaf switches have down ports.",
        rationale: """
        Every NIC port on a network ends on a leaf switch port. With `count` leaves of `down` ports each, the \
        network takes at most count × down NIC ports: a 32-node DGX H100 unit with 8 compute NICs per node \
        needs 256 leaf ports, i.e. 8 leaves of 32 down ports in a non-blocking rail-optimized fat tree. A spec \
        with fewer describes a fabric that cannot be cabled.
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
        ])

    public func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for network in spec.networks {
            guard let leaf = network.tiers.first, let count = leaf.count, let down = leaf.down else { continue }
            let perType = spec.nodeTypes.map { type in type.nics.filter { $0.network == network.name }.count }
            let ports = spec.nodes.reduce(0) { $0 + perType[$1.typeIndex] }
            let (capacity, overflow) = count.multipliedReportingOverflow(by: down)
            guard !overflow, ports > capacity else { continue }
            let needed = (ports + down - 1) / down
            findings.report(
                "network `\(network.name)` has \(ports) NIC ports, but its leaf tier has \(count) × \(down) = \(capacity) down ports",
                at: leaf.location, help: "at least \(needed) leaf switches are needed")
        }
    }
}
