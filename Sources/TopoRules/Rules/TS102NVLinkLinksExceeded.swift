import TopoModel
import TopoTopology

/// TS102: a GPU wired with more NVLinks than its SKU has.
package struct NVLinkLinksExceeded: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS102", slug: "nvlink-links-exceeded", category: .hardware, severity: .error,
        summary: "A GPU is wired with more NVLink (or Infinity Fabric) links than the SKU has.",
        rationale: """
            Each GPU has a fixed number of links: 6 on V100, 12 on A100, 18 on H100 and B200, 4 on GA102 cards \
            (RTX 3090, A6000, A40), 8 Infinity Fabric (xGMI) links on MI300X and MI325X, 7 of which join the \
            fully connected 8-GPU board. Links can be split among peers (DGX-1's \
            hybrid cube-mesh gives some pairs 2 links and others 1), but their sum cannot exceed the SKU's count; \
            an NVSwitch attachment uses all of them. A spec that wires more links than exist overstates the \
            bandwidth between GPUs.
            """,
        triggering: [
            """
            topospec: 1
            cluster: dgx1
            node_types:
              dgx1:
                gpus: {sku: v100-sxm2-32gb, count: 4}
                nvlink: {links: [{gpus: [0, 1], count: 2}, {gpus: [0, 2], count: 2}, {gpus: [0, 3], count: 3}]}  # expect: TS102
            nodes:
              n1: {type: dgx1}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: dgx1
            node_types:
              dgx1:
                gpus: {sku: v100-sxm2-32gb, count: 4}
                nvlink: {links: [{gpus: [0, 1], count: 2}, {gpus: [0, 2], count: 2}, {gpus: [0, 3], count: 2}]}
            nodes:
              n1: {type: dgx1}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypesWithIDs {
            guard let wiring = type.scaleUp, let links = context.scaleUpLinks[t] else { continue }
            let skus = context.gpuSKUs[t]
            for gpu in skus.indices {
                guard let capability = skus[gpu].scaleUp, capability.kind == wiring.kind else { continue }
                let used = links.usedLinks[gpu]
                guard used > capability.links else { continue }
                findings.report(
                    "GPU \(gpu) (`\(skus[gpu].id)`) is wired with \(used) \(wiring.kind.displayName) links; the SKU has \(capability.links)",
                    at: wiring.location, notes: context.declarationNote(skus[gpu]),
                    help: links.switched.contains(gpu)
                        ? "a GPU on NVSwitch already uses all its links; remove its other links"
                        : "lower the link counts so each GPU uses at most \(capability.links)")
                break
            }
        }
    }
}
