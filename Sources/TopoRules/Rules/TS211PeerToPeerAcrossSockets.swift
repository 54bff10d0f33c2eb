import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS211: GPUs without NVLink between them whose PCIe path crosses a CPU host bridge (PHB, NODE
/// or SYS), where NCCL turns peer-to-peer off.
package struct PeerToPeerAcrossSockets: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS211", slug: "p2p-across-sockets", category: .performance, severity: .warning,
        summary: "GPUs without NVLink reach each other only through a CPU host bridge or across sockets.",
        rationale: """
            Without NVLink, GPU-to-GPU traffic uses PCIe peer-to-peer, which NCCL allows only up to PXB (GPUs under \
            PCIe switches): `ncclTopoCheckP2p` in NCCL's src/graph/paths.cc starts from `p2pLevel = PATH_PXB` \
            since NCCL 2.23 on every CPU (before 2.23 only Intel, Arm and Zhaoxin hosts; the one exception left is an \
            AMD x86 host with at most two GPUs, which keeps PATH_SYS). A pair that meets only at a CPU host bridge \
            (PHB), on different host bridges of one socket (NODE) or on different sockets (SYS) therefore stages \
            every transfer through host memory, adding a copy through CPU memory and competing with everything \
            else the CPUs move (measured: 8 × RTX 5090 on two Xeon 8480+ reach ~28 GB/s all-reduce bus bandwidth, \
            NVIDIA/nccl#1639; the socket link counts at NCCL's figure for the CPU, e.g. 22 GB/s for Sapphire \
            Rapids, src/graph/topo.h SRP_QPI_BW); NCCL_P2P_LEVEL overrides it. Collectives spanning such pairs run at that speed. Keep \
            multi-GPU work on GPUs that share a PCIe switch, or choose a board whose GPUs do. Node types whose \
            NVLink is `unknown`, that already run with `pcie_p2p: disabled`, or that have only two GPUs (the answer \
            then depends on the CPU vendor, which a spec does not give) are not checked. With `sockets: {count: \
            unknown, numa_nodes: N}` SYS joins NUMA nodes that may share a package, and the finding says so.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              box:  # expect: TS211
                gpus: {sku: l40s, count: 4}
                sockets: 2
                pcie:
                  - {host_bridge: rc0, socket: 0, gpus: [0, 1]}
                  - {host_bridge: rc1, socket: 1, gpus: [2, 3]}
            nodes:
              n1: {type: box}
            """,
            """
            topospec: 1
            cluster: c
            node_types:
              box:  # expect: TS211
                gpus: {sku: l40s, count: 4}
                pcie:
                  - {host_bridge: rc0, socket: 0, gpus: [0, 1, 2, 3]}
            nodes:
              n1: {type: box}
            """,
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              box:
                gpus: {sku: l40s, count: 4}
                sockets: 2
                pcie:
                  - {switch: sw0, socket: 0, gpus: [0, 1, 2, 3]}
            nodes:
              n1: {type: box}
            """,
            """
            topospec: 1
            cluster: c
            node_types:
              box:
                gpus: {sku: h100-sxm5-80gb, count: 4}
                sockets: 2
                nvlink: unknown
                pcie:
                  - {host_bridge: rc0, socket: 0, gpus: [0, 1]}
                  - {host_bridge: rc1, socket: 1, gpus: [2, 3]}
            nodes:
              n1: {type: box}
            """,
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        // `pcie_p2p: disabled`: the spec already runs without P2P (NCCL_P2P_DISABLE=1).
        for (t, type) in context.spec.nodeTypesWithIDs
        where !type.scaleUpUnknown && type.platform.pcieP2P != .disabled {
            let topology = context.nodeTopologies[t]
            // Only GPUs with no scale-up link at all: NCCL routes NVLink-connected GPUs' traffic over
            // NVLink even between pairs without a direct link (DGX-1's cube-mesh rings).
            let links = context.scaleUpLinks[t]
            let linked = (0..<topology.gpuCount).map {
                ($0 < (links?.usedLinks.count ?? 0) && (links?.usedLinks[$0] ?? 0) > 0)
                    || (links?.switched.contains($0) ?? false) || type.scaleUp?.external != nil
            }
            var pair: (Int, Int, PathClass)?
            var count = 0
            var classes = Set<String>()
            for a in 0..<topology.gpuCount {
                for b in (a + 1)..<max(a + 1, topology.gpuCount) where !linked[a] && !linked[b] {
                    let pathClass = topology.gpuPath(a, b).pathClass
                    guard [PathClass.phb, .node, .sys].contains(pathClass) else { continue }
                    count += 1
                    classes.insert(pathClass.description)
                    if pair == nil || pathClass > (pair?.2 ?? .phb) { pair = (a, b, pathClass) }
                }
            }
            // Two GPUs: NCCL keeps P2P up to SYS on AMD hosts and turns it off beyond PXB on Intel and Arm;
            // the spec does not say which CPU, so nothing is claimed.
            guard let (a, b, worst) = pair, topology.gpuCount > 2 else { continue }
            // With an unknown socket count, SYS joins NUMA nodes: no socket boundary is claimed.
            let through =
                worst != .sys
                ? "meet only at a CPU host bridge"
                : type.socketCountUnknown ? "go between NUMA nodes" : "cross the socket interconnect"
            // The collective model's ring over all the node's GPUs (host-staged where P2P is off).
            var ring = ""
            if let node = context.spec.nodes.firstIndex(where: { $0.typeID == t }) {
                let group = CollectiveGroup(context: context, slots: (0..<topology.gpuCount).map { (node, $0) })
                if let gbs = group.intraGBs {
                    ring =
                        "; a ring over its \(topology.gpuCount) GPUs reaches about \(Format.bandwidth(gbs: gbs)) per direction (collective model, \(group.intraLink.rawValue))"
                }
            }
            findings.report(
                "node type `\(type.name)`: \(count) GPU pair\(count == 1 ? "" : "s") without NVLink \(through) (e.g. GPU \(a) ↔ GPU \(b), \(worst)\(classes.count > 1 ? "; " + classes.sorted().joined(separator: ", ") : "")), beyond PXB where NCCL turns peer-to-peer off and stages their traffic through host memory\(ring)",
                at: type.location,
                help:
                    "run multi-GPU jobs on GPUs that share a PCIe switch, or use NVLink-bridged or switch-attached GPUs"
            )
        }
    }
}
