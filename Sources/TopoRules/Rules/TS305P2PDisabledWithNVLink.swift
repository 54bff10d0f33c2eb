import TopoModel
import TopoTopology

/// TS305: NCCL_P2P_DISABLE on a node whose GPUs have NVLink, which it also switches off.
package struct P2PDisabledWithNVLink: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS305", slug: "p2p-disabled-with-nvlink", category: .platform, severity: .warning,
        summary: "`pcie_p2p: disabled` (NCCL_P2P_DISABLE=1) on GPUs that have NVLink.",
        rationale: """
            NCCL_P2P_DISABLE=1 disables NCCL's whole P2P transport, NVLink included (to NCCL, NVLink and PCIe \
            peer access are the same CUDA mechanism): bridged RTX 3090s or NVSwitch-connected GPUs then exchange \
            data through host memory, losing the 56–450 GB/s per direction of their NVLinks. To keep NVLink but \
            avoid PCIe P2P, set NCCL_P2P_LEVEL=NVL instead.
            """,
        triggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: rtx-3090, count: 2}, nvlink: {bridges: [[0, 1]]}, platform: {pcie_p2p: disabled}}  # expect: TS305
            nodes:
              ws01: {type: ws}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: rtx-4090, count: 2}, platform: {pcie_p2p: disabled}}
            nodes:
              ws01: {type: ws}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypesWithIDs where type.platform.pcieP2P == .disabled {
            guard let links = context.scaleUpLinks[t],
                links.usedLinks.contains(where: { $0 > 0 }) || !links.switched.isEmpty
            else { continue }
            findings.report(
                "node type `\(type.name)` disables P2P (NCCL_P2P_DISABLE=1), which also turns off its \(type.scaleUp?.kind.displayName ?? "NVLink") peer traffic",
                at: type.platform.location ?? type.location,
                help: "keep NVLink and avoid PCIe P2P with NCCL_P2P_LEVEL=NVL instead")
        }
    }
}
