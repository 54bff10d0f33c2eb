import TopoModel
import TopoTopology

/// TS122: a global batch that does not split into whole micro-batches per data-parallel rank.
package struct GlobalBatchIndivisible: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS122", slug: "global-batch-indivisible", category: .job, severity: .error,
        summary: "The global batch is not a multiple of micro-batch × DP.",
        rationale: """
            Each data-parallel rank processes global ÷ DP sequences per step, in micro-batches of `micro`, so the \
            global batch must be a multiple of micro × DP (Megatron-LM refuses to start otherwise: the number of \
            micro-batches must be a whole number). With pipeline parallelism the micro-batch count should also be \
            at least PP to keep the pipeline full.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-04]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-04]", parallelism: {tp: 8, dp: 4}, batch: {micro: 2, seq: 4096, global: 100}}  # expect: TS122
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-04]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-04]", parallelism: {tp: 8, dp: 4}, batch: {micro: 2, seq: 4096, global: 128}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (j, job) in context.spec.jobs.enumerated() {
            guard let layout = context.layouts[j], let batch = job.batch, let micro = batch.micro,
                let global = batch.global
            else { continue }
            let (step, overflow) = micro.multipliedReportingOverflow(by: layout.dp)
            guard !overflow, step > 0, global % step != 0 else { continue }
            let lower = global / step * step, upper = lower + step
            findings.report(
                "global batch \(global) is not a multiple of micro \(micro) × dp \(layout.dp) = \(step) in job `\(job.name)`",
                at: batch.location, help: "use \(lower > 0 ? "\(lower) or " : "")\(upper)")
        }
    }
}
