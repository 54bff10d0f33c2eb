import TopoModel
import TopoTopology

/// TS103: NVLink bridges on a GPU that takes none (SXM modules, cards without a bridge connector).
package struct BridgeUnsupported: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS103", slug: "bridge-unsupported", category: .hardware, severity: .error,
        summary: "NVLink bridges declared on a GPU that takes no bridge.",
        rationale: """
            NVLink bridges are for PCIe cards with a bridge connector: A100 PCIe, H100 PCIe and H100 NVL (2 cards), \
            H200 NVL (2 or 4), A30, A40, RTX A6000, RTX A4500, RTX 3090, Quadro RTX 6000 / 8000, TITAN RTX and \
            RTX 2080 Ti (2). SXM and OAM modules have no bridge \
            connector; their links run through the baseboard, either to NVSwitch chips or directly between GPUs. \
            Declaring bridges on them describes hardware that does not exist; declare `nvswitch`, `mesh` or \
            `links` instead.
            """,
        triggering: [
            """
            topospec: 1
            cluster: hgx
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 2}, nvlink: {bridges: [[0, 1]]}}  # expect: TS103
            nodes:
              n1: {type: hgx}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: nvl
            node_types:
              nvl: {gpus: {sku: h100-nvl-94gb, count: 2}, nvlink: {bridges: [[0, 1]]}}
            nodes:
              n1: {type: nvl}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypesWithIDs {
            guard let wiring = type.scaleUp else { continue }
            let skus = context.gpuSKUs[t]
            var reported: Set<String> = []
            for group in wiring.bridges {
                for gpu in group.gpus where gpu < skus.count {
                    let sku = skus[gpu]
                    guard let capability = sku.scaleUp, capability.kind == wiring.kind, capability.bridgeMaxGPUs == nil,
                        reported.insert(sku.id).inserted
                    else { continue }
                    let how =
                        sku.formFactor == .pcie
                        ? "this card has no NVLink bridge connector"
                        : "\(sku.formFactor.rawValue.uppercased()) modules link through the baseboard, not bridges"
                    findings.report(
                        "NVLink bridges declared on \(context.describe(sku)); \(how)",
                        at: group.location, notes: context.declarationNote(sku),
                        help: capability.nvswitch
                            ? "declare `nvswitch: {sku, count}` (or `mesh`/`links` for boards without switches)"
                            : "declare the board's wiring with `mesh` or `links`")
                }
            }
        }
    }
}
