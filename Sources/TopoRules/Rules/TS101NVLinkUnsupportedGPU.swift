import TopoModel
import TopoTopology

/// TS101: NVLink (or Infinity Fabric) wiring declared on GPUs that have no such link at all.
package struct NVLinkUnsupportedGPU: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS101", slug: "nvlink-unsupported-gpu", category: .hardware, severity: .error,
        summary: "NVLink (bridges, NVSwitch, links) declared on a GPU that has no NVLink.",
        rationale: """
            Several NVIDIA GPUs in one box do not make an NVLink fabric. The RTX 4090, RTX 5090, RTX 6000 Ada, \
            L4, L40, L40S, T4, A10 and V100 PCIe have no NVLink connector at all (NVIDIA removed NVLink from Ada \
            GeForce and workstation cards); their GPUs exchange data over PCIe only: 31.5 GB/s per direction for \
            Gen4 x16, against 450 GB/s per direction over an H100's 18 NVLinks. A spec that declares NVLink there \
            promises a bandwidth the machine cannot deliver, and every estimate built on it is wrong.
            """,
        triggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: rtx-4090, count: 2}, nvlink: {bridges: [[0, 1]]}}  # expect: TS101
            nodes:
              ws01: {type: ws}
            """,
            """
            topospec: 1
            cluster: inf
            node_types:
              l40s-box: {gpus: {sku: l40s, count: 4}, nvlink: {mesh: all}}  # expect: TS101
            nodes:
              inf01: {type: l40s-box}
            """,
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: rtx-3090, count: 2}, nvlink: {bridges: [[0, 1]]}}
            nodes:
              ws01: {type: ws}
            """,
            """
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: rtx-4090, count: 2}, nvlink: none}
            nodes:
              ws01: {type: ws}
            """,
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypesWithIDs {
            guard let wiring = type.scaleUp else { continue }
            let skus = context.gpuSKUs[t]
            let gpus = wiring.external != nil ? Array(skus.indices) : wiring.involvedGPUs
            var reported: Set<String> = []
            for gpu in gpus where gpu < skus.count {
                let sku = skus[gpu]
                guard sku.scaleUp == nil, reported.insert(sku.id).inserted else { continue }
                let host = sku.host.displayName
                findings.report(
                    "\(wiring.kind.displayName) declared on \(context.describe(sku)), which has no \(wiring.kind.displayName)",
                    at: wiring.location, notes: context.declarationNote(sku),
                    help:
                        "its GPUs talk over \(host) only; remove `\(wiring.kind.key)` (or write `\(wiring.kind.key): none`)"
                )
            }
        }
    }
}
