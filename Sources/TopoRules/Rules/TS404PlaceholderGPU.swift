import TopoModel
import TopoTopology

/// TS404: node types whose GPUs are placeholder entries, not identified models.
package struct PlaceholderGPU: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS404", slug: "placeholder-gpu", category: .style, severity: .warning,
        summary: "A node type uses a placeholder GPU entry instead of an identified model.",
        rationale: """
            `topospec import` writes a `placeholder: true` GPU entry when its input does not name the GPU model \
            (`nvidia-smi topo -m` never does): the link counts it saw are kept, but memory, host interface and \
            the model's limits are guesses, so memory-fit, host-link and NVLink-limit checks are not trustworthy \
            until the entry is replaced by a catalog SKU (`topospec catalog`) or a real `hardware:` entry.
            """,
        triggering: [
            """
            topospec: 1
            cluster: imported
            hardware:
              gpus:
                unidentified-gpu: {vendor: nvidia, form_factor: pcie, memory_gb: 1, host: pcie-gen4-x16, placeholder: true}
            node_types:
              box: {gpus: {sku: unidentified-gpu, count: 2}}  # expect: TS404
            nodes:
              n1: {type: box}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: imported
            node_types:
              box: {gpus: {sku: l40s, count: 2}}
            nodes:
              n1: {type: box}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypesWithIDs {
            guard let sku = context.gpuSKUs[t].first(where: \.placeholder),
                let group = type.gpuGroups.first(where: { $0.sku == sku.id })
            else { continue }
            findings.report(
                "node type `\(type.name)` uses the placeholder GPU `\(sku.id)`; identify the model",
                at: group.location, notes: [.init("the placeholder entry", at: sku.location)],
                help: "replace it with a catalog SKU (`topospec catalog`), or import again with --gpu-names")
        }
    }
}
