import TopoModel
import TopoTopology

/// TS211: GPUs without NVLink between them on different sockets.
public struct PeerToPeerAcrossSockets: Rule {
    public init() {}

    public let metadata = RuleMetadata(
        code: "TS211", slug: "p2p-across-sockets", category: .performance, severity: .warning,
        summary: "GPUs without NVLink sit on different CPU sockets.",
        rationale: """
        Without NVLink, GPU-to-GPU traffic uses PCIe peer-to-peer, which NCCL enables only up to PXB by default \
        (NCCL_P2P_LEVEL): across sockets (SYS) it stages every transfer through host memory and the socket \
        interconnect, adding a copy through CPU memory to every transfer and competing with everything else the \
        CPUs move. Collectives spanning both sockets run at that speed. Keep multi-GPU work on one socket's GPUs, or choose a board \
        whose GPUs share PCIe switches.
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
        ])

    public func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypes.enumerated() {
            let topology = context.nodeTopologies[t]
            // Only GPUs with no scale-up link at all: NCCL routes NVLink-connected GPUs' traffic over
            // NVLink even between pairs without a direct link (DGX-1's cube-mesh rings).
            let links = context.scaleUpLinks[t]
            let linked = (0..<topology.gpuCount).map { ($0 < (links?.usedLinks.count ?? 0) && (links?.usedLinks[$0] ?? 0) > 0) || (links?.switched.contains($0) ?? false) || type.scaleUp?.external != nil }
            var pair: (Int, Int)?
            var count = 0
            for a in 0..<topology.gpuCount {
                for b in (a + 1)..<max(a + 1, topology.gpuCount) where !linked[a] && !linked[b] && topology.gpuPath(a, b).pathClass == .sys {
                    count += 1
                    if pair == nil { pair = (a, b) }
                }
            }
            guard let (a, b) = pair else { continue }
            findings.report(
                "node type `\(type.name)`: \(count) GPU pair\(count == 1 ? "" : "s") without NVLink cross the socket interconnect (e.g. GPU \(a) ↔ GPU \(b), SYS); NCCL stages their traffic through host memory",
                at: type.location, help: "run multi-GPU jobs on one socket's GPUs, or use NVLink-bridged or switch-attached GPUs")
        }
    }
}
