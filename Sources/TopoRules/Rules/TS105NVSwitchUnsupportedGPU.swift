import TopoModel
import TopoTopology

/// TS105: GPUs on an NVSwitch fabric that cannot attach to one (PCIe cards, SXM2 modules).
package struct NVSwitchUnsupportedGPU: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS105", slug: "nvswitch-unsupported-gpu", category: .hardware, severity: .error,
        summary: "NVSwitch declared for GPUs that cannot attach to an NVSwitch fabric.",
        rationale: """
            NVSwitch chips sit on SXM baseboards (HGX/DGX) and in NVLink switch trays; only SXM and superchip \
            modules built for them attach. PCIe cards (A100 PCIe, H100 PCIe, H100 NVL, H200 NVL) reach each other \
            only through bridges, at most 4 cards; V100 SXM2 modules (DGX-1) use a direct hybrid cube-mesh, and \
            only the SXM3 V100 of DGX-2 attaches to first-generation NVSwitch.
            """,
        triggering: [
            """
            topospec: 1
            cluster: lab
            node_types:
              box: {gpus: {sku: h100-pcie-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}  # expect: TS105
            nodes:
              n1: {type: box}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: lab
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              n1: {type: hgx}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypesWithIDs {
            guard let wiring = type.scaleUp, wiring.kind == .nvlink else { continue }
            let skus = context.gpuSKUs[t]
            var gpus: [Int] = []
            if let attachment = wiring.nvswitch { gpus = attachment.gpus }
            if wiring.external != nil { gpus = Array(skus.indices) }
            var reported: Set<String> = []
            for gpu in gpus where gpu < skus.count {
                let sku = skus[gpu]
                guard let nvlink = sku.nvlink, !nvlink.nvswitch, reported.insert(sku.id).inserted else { continue }
                let why =
                    sku.formFactor == .pcie
                    ? "it is a PCIe card; PCIe cards reach each other only through NVLink bridges"
                    : "these modules connect directly to each other, not to NVSwitch"
                findings.report(
                    "\(context.describe(sku)) cannot attach to an NVSwitch fabric: \(why)",
                    at: wiring.nvswitch?.location ?? wiring.location, notes: context.declarationNote(sku),
                    help: nvlink.bridgeMaxGPUs.map { "declare `bridges` of up to \($0) cards" }
                        ?? "declare the direct wiring with `links` or `mesh`")
            }
        }
    }
}
