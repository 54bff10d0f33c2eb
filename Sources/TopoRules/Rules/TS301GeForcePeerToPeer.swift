import TopoModel
import TopoTopology

/// TS301: GeForce cards whose stock driver gives no working PCIe peer-to-peer, with nothing set.
package struct GeForcePeerToPeer: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS301", slug: "geforce-p2p", category: .platform, severity: .warning,
        summary: "Multi-GPU GeForce node without a decision on PCIe peer-to-peer.",
        rationale: """
            The stock NVIDIA driver does not give working PCIe peer-to-peer to GeForce cards (RTX 3090, 4090, \
            5090): `cudaDeviceCanAccessPeer` may still say yes on some driver versions, and NCCL then hangs or \
            crawls on the first collective (NVIDIA/nccl and nccl-tests issues are full of it). Either set \
            NCCL_P2P_DISABLE=1 (`platform: {pcie_p2p: disabled}`) so NCCL goes through host memory, or run a \
            P2P-enabled driver and declare it (`pcie_p2p: enabled`). Pairs joined by an NVLink bridge (RTX 3090) \
            do P2P over the bridge, but GPUs outside a pair still need the decision.
            """,
        triggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: rtx-4090, count: 4}}  # expect: TS301
            nodes:
              ws01: {type: ws}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: rtx-4090, count: 4}, platform: {pcie_p2p: disabled}}
            nodes:
              ws01: {type: ws}
            """,
            """
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: rtx-3090, count: 2}, nvlink: {bridges: [[0, 1]]}}
            nodes:
              ws01: {type: ws}
            """,
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypesWithIDs where type.platform.pcieP2P == .default {
            let skus = context.gpuSKUs[t]
            guard skus.count > 1, let sku = skus.first(where: { !$0.pcieP2P }) else { continue }
            // `nvlink: unknown` on cards that take bridges: the pairs may well be bridged.
            if type.scaleUpUnknown, skus.contains(where: { $0.scaleUp != nil }) { continue }
            // Every pair joined by NVLink: nothing goes over PCIe peer-to-peer.
            let links = context.scaleUpLinks[t]
            let allLinked = (0..<skus.count).allSatisfy { a in
                (0..<skus.count).allSatisfy { b in a == b || (links?.links(a, b) ?? 0) > 0 }
            }
            guard !allLinked else { continue }
            findings.report(
                "node type `\(type.name)` has \(skus.count) `\(sku.id)` GPUs, whose stock driver gives no working PCIe peer-to-peer; NCCL may hang or crawl",
                at: type.location,
                help:
                    "declare `platform: {pcie_p2p: disabled}` and export NCCL_P2P_DISABLE=1, or `pcie_p2p: enabled` if you run a P2P-enabled driver"
            )
        }
    }
}
