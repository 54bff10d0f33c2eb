import TopoModel
import TopoTopology

/// TS104: a bridge group joining more cards than the SKU's bridges allow.
package struct BridgeGroupTooLarge: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS104", slug: "bridge-group-too-large", category: .hardware, severity: .error,
        summary: "An NVLink bridge group joins more cards than the SKU's bridge allows.",
        rationale: """
            NVLink bridges join 2 cards on every bridged SKU (A100 PCIe, H100 PCIe, H100 NVL, A30, A40, RTX A6000, \
            RTX A4500, RTX 3090, and the Turing Quadro RTX 6000 / 8000, TITAN RTX and RTX 2080 Ti), and at most 4 \
            on H200 NVL (its 4-way bridge). Three A100 PCIe cards cannot share one \
            NVLink fabric: at most two of them are bridged, and traffic to the third crosses PCIe (31.5 GB/s \
            per direction on Gen4 x16 instead of 300 GB/s over the bridge).
            """,
        triggering: [
            """
            topospec: 1
            cluster: lab
            node_types:
              box: {gpus: {sku: a100-pcie-80gb, count: 4}, nvlink: {bridges: [[0, 1, 2]]}}  # expect: TS104
            nodes:
              n1: {type: box}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: lab
            node_types:
              box: {gpus: {sku: a100-pcie-80gb, count: 4}, nvlink: {bridges: [[0, 1], [2, 3]]}}
            nodes:
              n1: {type: box}
            """,
            """
            topospec: 1
            cluster: lab
            node_types:
              box: {gpus: {sku: h200-nvl-141gb, count: 4}, nvlink: {bridges: [[0, 1, 2, 3]]}}
            nodes:
              n1: {type: box}
            """,
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypesWithIDs {
            guard let wiring = type.scaleUp else { continue }
            let skus = context.gpuSKUs[t]
            for group in wiring.bridges {
                guard let first = group.gpus.first, first < skus.count, let limit = skus[first].scaleUp?.bridgeMaxGPUs,
                    group.gpus.count > limit
                else { continue }
                findings.report(
                    "this bridge group joins \(group.gpus.count) cards; an NVLink bridge for \(context.describe(skus[first])) joins at most \(limit)",
                    at: group.location, notes: context.declarationNote(skus[first]),
                    help: "split it into groups of \(limit)")
            }
        }
    }
}
