import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS403: NVLink-bridge-capable cards declared without bridges.
package struct UnbridgedCards: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS403", slug: "unbridged-cards", category: .style, severity: .info,
        summary: "Several bridge-capable cards with no NVLink bridge declared.",
        rationale: """
            H100 NVL, A100 PCIe, A40, RTX A6000 / A4500, RTX 3090, Quadro RTX 6000 / 8000, TITAN RTX and RTX 2080 Ti \
            cards take NVLink bridges (H100 NVL is sold as bridged \
            pairs: 300 GB/s per direction line rate between the two cards, of which NCCL reaches ~247 GB/s (12 links \
            × 20.6 GB/s, src/graph/topo.h SM90_NVLINK_BW), against ~37 GB/s per direction over PCIe Gen5 x16 with \
            peer-to-peer (NCCL's 48 GB/s × 0.78 measured; line rate 63; docs/collective-model.md). A spec without bridges either \
            forgot them, and every estimate assumes PCIe, or describes a machine that leaves its fastest links \
            unused. Declare `nvlink: {bridges: …}` or `nvlink: none` to say it was checked.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              nvl: {gpus: {sku: h100-nvl-94gb, count: 4}}  # expect: TS403
            nodes:
              n1: {type: nvl}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              nvl: {gpus: {sku: h100-nvl-94gb, count: 4}, nvlink: {bridges: [[0, 1], [2, 3]]}}
              plain: {gpus: {sku: h100-nvl-94gb, count: 2}, nvlink: none}
            nodes:
              n1: {type: nvl}
              n2: {type: plain}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypesWithIDs
        where type.scaleUp == nil && !type.explicitlyNoScaleUp && !type.scaleUpUnknown {
            let bridgeable = context.gpuSKUs[t].filter { $0.nvlink?.bridgeMaxGPUs != nil }
            guard bridgeable.count >= 2, let sku = bridgeable.first else { continue }
            // What a bridged pair would reach against PCIe, at the rates NCCL reaches.
            var rates = ""
            if let perLink = AchievableRates.scaleUpGBsPerLink(sku), let links = sku.scaleUp?.links,
                case let .pcie(generation, width) = sku.host
            {
                rates =
                    " (bridged, a pair reaches about \(Format.bandwidth(gbs: Double(links) * perLink)) per direction; over PCIe about \(Format.bandwidth(gbs: AchievableRates.pcieP2PGBs(generation: generation, width: width))))"
            }
            findings.report(
                "node type `\(type.name)` has \(bridgeable.count) `\(sku.id)` cards that take NVLink bridges, but declares no `nvlink`\(rates)",
                at: type.location,
                help: "declare `nvlink: {bridges: [[0, 1], …]}`, or `nvlink: none` if they are not bridged")
        }
    }
}
