import TopoModel
import TopoTopology

/// TS110: NVLink declared on an Infinity Fabric GPU, or the reverse.
package struct ScaleUpKindMismatch: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS110", slug: "scale-up-kind-mismatch", category: .hardware, severity: .error,
        summary: "`nvlink` declared on an AMD GPU (or `infinity_fabric` on an NVIDIA one).",
        rationale: """
            AMD Instinct GPUs (MI250X, MI300X, MI325X) link to each other over Infinity Fabric (xGMI): MI300X has \
            8 links of 128 GB/s each (both directions), 7 of which join it to the 7 peers of a fully connected \
            8-GPU board, one per peer. NVIDIA \
            GPUs use NVLink. The two do not interoperate, have different bandwidths and switches, and collective \
            libraries (NCCL, RCCL) treat them differently, so the DSL names them separately.
            """,
        triggering: [
            """
            topospec: 1
            cluster: amd
            node_types:
              mi: {gpus: {sku: mi300x, count: 8}, nvlink: {mesh: all}}  # expect: TS110
            nodes:
              n1: {type: mi}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: amd
            node_types:
              mi: {gpus: {sku: mi300x, count: 8}, infinity_fabric: {mesh: all}}
            nodes:
              n1: {type: mi}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypesWithIDs {
            guard let wiring = type.scaleUp else { continue }
            let skus = context.gpuSKUs[t]
            let gpus = wiring.external != nil ? Array(skus.indices) : wiring.involvedGPUs
            var reported: Set<String> = []
            for gpu in gpus where gpu < skus.count {
                let sku = skus[gpu]
                guard let capability = sku.scaleUp, capability.kind != wiring.kind, reported.insert(sku.id).inserted
                else { continue }
                findings.report(
                    "`\(wiring.kind.key)` declared on \(context.describe(sku)), whose GPUs link over \(capability.kind.displayName)",
                    at: wiring.location, notes: context.declarationNote(sku),
                    help: "write `\(capability.kind.key):` instead")
            }
        }
    }
}
