import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS209: NICs whose rails do not line up across a rail-optimized fabric.
package struct RailsMisaligned: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS209", slug: "rails-misaligned", category: .performance, severity: .warning,
        summary: "NIC rails do not line up with GPUs across the nodes of a rail-optimized network.",
        rationale: """
            In a rail-optimized fat tree, NIC k of every node plugs into the leaf switches of rail k, so traffic \
            between GPU k of two nodes stays on one leaf (one hop) instead of crossing the spine. That only works \
            when GPU k's nearest NIC is on rail k on every node type, each rail appears once per node, and no NIC \
            claims a rail the network does not have. NCCL's rings and trees assume this alignment (PXN moves data \
            over NVLink to the GPU whose NIC is on the destination's rail).
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband, gbps: 400, topology: rail-optimized-fat-tree, rails: 2}
            node_types:
              box:
                gpus: {sku: h100-sxm5-80gb, count: 2}
                nvlink: {mesh: all}
                pcie:
                  - {switch: s0, socket: 0, gpus: [0], nics: [cx0]}
                  - {switch: s1, socket: 0, gpus: [1], nics: [cx1]}
                nics:
                  cx0: {sku: connectx-7, network: ib, rail: 1}
                  cx1: {sku: connectx-7, network: ib, rail: 0}
              other:  # expect: TS209
                gpus: {sku: h100-sxm5-80gb, count: 2}
                nvlink: {mesh: all}
                pcie:
                  - {switch: s0, socket: 0, gpus: [0], nics: [cx0]}
                  - {switch: s1, socket: 0, gpus: [1], nics: [cx1]}
                nics: {"cx[0-1]": {sku: connectx-7, network: ib}}
            nodes:
              n1: {type: box}
              n2: {type: other}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband, gbps: 400, topology: rail-optimized-fat-tree, rails: 2}
            node_types:
              box:
                gpus: {sku: h100-sxm5-80gb, count: 2}
                nvlink: {mesh: all}
                pcie:
                  - {switch: s0, socket: 0, gpus: [0], nics: [cx0]}
                  - {switch: s1, socket: 0, gpus: [1], nics: [cx1]}
                nics: {"cx[0-1]": {sku: connectx-7, network: ib}}
            nodes:
              "n[1-2]": {type: box}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for network in spec.networks where network.topology == .railOptimizedFatTree {
            var reference: (type: String, rails: [Int?])?
            for (t, type) in spec.nodeTypesWithIDs {
                let onNetwork = type.nics.indices.filter { type.nics[$0].network == network.name }
                guard !onNetwork.isEmpty, spec.nodes.contains(where: { $0.typeID == t }) else { continue }
                var rails: [Int: Int] = [:]
                for (position, i) in onNetwork.enumerated() { rails[i] = type.nics[i].rail ?? position }
                if let (nic, rail) = rails.sorted(by: { $0.key < $1.key }).first(where: { $0.value >= network.rails }) {
                    findings.report(
                        "NIC `\(type.nics[nic].name)` of node type `\(type.name)` is on rail \(rail), but network `\(network.name)` has \(Format.count(network.rails, "rail")) (0–\(network.rails - 1))",
                        at: type.nics[nic].location)
                    continue
                }
                let counts = Dictionary(grouping: rails.values, by: { $0 })
                if let (rail, _) = counts.sorted(by: { $0.key < $1.key }).first(where: { $0.value.count > 1 }) {
                    findings.report(
                        "node type `\(type.name)` puts \(counts[rail]?.count ?? 2) NICs on rail \(rail) of network `\(network.name)`; each rail takes one NIC per node",
                        at: type.location)
                    continue
                }
                // GPU k → rail of its nearest NIC on this network.
                let topology = context.nodeTopologies[t]
                let gpuRails: [Int?] = (0..<topology.gpuCount).map { gpu in
                    topology.nearestNIC(to: gpu, among: onNetwork).flatMap { rails[$0] }
                }
                if let r = reference {
                    if let gpu = gpuRails.indices.first(where: { $0 < r.rails.count && gpuRails[$0] != r.rails[$0] }) {
                        findings.report(
                            "rails of network `\(network.name)` are not aligned: GPU \(gpu) uses rail \(gpuRails[gpu].map(String.init) ?? "none") on node type `\(type.name)` but rail \(r.rails[gpu].map(String.init) ?? "none") on `\(r.type)`",
                            at: type.location,
                            help: "give the NIC nearest GPU k rail k on every node type (or set `rail:` to match)")
                    }
                } else {
                    reference = (type.name, gpuRails)
                }
            }
        }
    }
}
