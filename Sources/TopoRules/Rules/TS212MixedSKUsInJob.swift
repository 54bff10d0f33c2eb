import TopoModel
import TopoTopology

/// TS212: one job on GPUs of different models.
package struct MixedSKUsInJob: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS212", slug: "mixed-skus-in-job", category: .performance, severity: .warning,
        summary: "A job runs on GPUs of different models.",
        rationale: """
            Synchronous data-, tensor- and pipeline-parallel training advances at the pace of the slowest rank: an \
            H100 job with some A100 ranks runs at A100 speed (roughly a third of H100's BF16 throughput) and is \
            limited by the smallest memory, and NCCL picks algorithms for the weakest links. Keep a job on one SKU.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              h100: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
              a100: {gpus: {sku: a100-sxm4-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen2, count: 6}}}
            nodes:
              h1: {type: h100}
              a1: {type: a100}
            jobs:
              train: {nodes: "h1,a1", parallelism: {tp: 8, dp: 2}}  # expect: TS212
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              h100: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
              a100: {gpus: {sku: a100-sxm4-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen2, count: 6}}}
            nodes:
              "h[1-2]": {type: h100}
              a1: {type: a100}
            jobs:
              train: {nodes: "h[1-2]", parallelism: {tp: 8, dp: 2}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (j, job) in spec.jobs.enumerated() {
            var skus: [String] = []
            if let layout = context.layouts[j] {
                for slot in layout.slots {
                    let sku = context.gpuSKUs[spec.nodes[slot.node].typeID][slot.gpu].id
                    if !skus.contains(sku) { skus.append(sku) }
                }
            } else {
                for index in job.nodes {
                    for sku in spec.nodeTypes[spec.nodes[index].typeID].skus where !skus.contains(sku) {
                        skus.append(sku)
                    }
                }
            }
            guard skus.count > 1 else { continue }
            findings.report(
                "job `\(job.name)` runs on \(skus.count) GPU models (\(skus.map { "`\($0)`" }.joined(separator: ", "))); it advances at the slowest one's pace",
                at: job.nodesLocation)
        }
    }
}
