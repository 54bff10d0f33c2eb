import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS108: NVSwitch chips of a different NVLink generation from the GPUs they serve.
package struct NVSwitchGenerationMismatch: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS108", slug: "nvswitch-generation-mismatch", category: .hardware, severity: .error,
        summary: "The NVSwitch generation does not match the GPUs' NVLink generation.",
        rationale: """
            Each NVSwitch generation speaks one NVLink generation: first-generation NVSwitch (DGX-2) NVLink 2 for \
            V100, the second (HGX A100) NVLink 3, the third (HGX H100/H200) NVLink 4, the fourth (HGX B200, \
            NVL72) NVLink 5. Boards are built for one pairing; an H100 board with A100-era switches does not exist.
            """,
        triggering: [
            """
            topospec: 1
            cluster: hgx
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen2, count: 6}}}  # expect: TS108
            nodes:
              n1: {type: hgx}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: hgx
            node_types:
              hgx: {gpus: {sku: a100-sxm4-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen2, count: 6}}}
            nodes:
              n1: {type: hgx}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (t, type) in spec.nodeTypesWithIDs {
            guard let attachment = type.scaleUp?.nvswitch, let chip = spec.catalog.nvswitches[attachment.sku] else {
                continue
            }
            check(
                chip: chip,
                skus: attachment.gpus.compactMap { $0 < context.gpuSKUs[t].count ? context.gpuSKUs[t][$0] : nil },
                at: attachment.location, context, &findings)
        }
        for domain in spec.nvlinkDomains {
            guard let chip = spec.catalog.nvswitches[domain.switchSKU] else { continue }
            var skus: [GPUSKU] = []
            var seenTypes: Set<NodeTypeID> = []
            for member in domain.nodes where seenTypes.insert(spec.nodes[member].typeID).inserted {
                skus.append(contentsOf: context.gpuSKUs[spec.nodes[member].typeID])
            }
            check(chip: chip, skus: skus, at: domain.location, context, &findings)
        }
    }

    private func check(
        chip: NVSwitchSKU, skus: [GPUSKU], at location: SourceLocation, _ context: SpecAnalysis,
        _ findings: inout Findings
    ) {
        guard let sku = skus.first(where: { ($0.nvlink?.generation).map { $0 != chip.nvlinkGeneration } ?? false }),
            let generation = sku.nvlink?.generation
        else { return }
        findings.report(
            "`\(chip.id)` speaks NVLink \(chip.nvlinkGeneration), but \(context.describe(sku)) has NVLink \(generation)",
            at: location, notes: context.declarationNote(sku),
            help: matchingSwitch(context, generation).map { "use `\($0)`" })
    }

    private func matchingSwitch(_ context: SpecAnalysis, _ generation: Int) -> String? {
        context.spec.catalog.nvswitches.values.filter { $0.nvlinkGeneration == generation }.map(\.id).sorted().first
    }
}
