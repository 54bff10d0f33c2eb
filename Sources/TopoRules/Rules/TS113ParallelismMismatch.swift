import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS113: a job whose parallel sizes do not multiply to its GPU count.
package struct ParallelismMismatch: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS113", slug: "parallelism-mismatch", category: .job, severity: .error,
        summary: "tp × cp × pp × dp differs from the number of GPUs the job runs on.",
        rationale: """
            Megatron-style training lays ranks out as a grid: world size = TP × CP × PP × DP, one rank per GPU \
            (expert parallelism subdivides the data-parallel ranks and does not change the world size). If the \
            product differs from the GPUs the job gets (nodes × GPUs per node, minus failed GPUs), the launcher \
            either refuses to start or leaves GPUs idle. `dp: auto` derives DP and only requires that TP × CP × PP \
            divides the GPU count.
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
              train: {nodes: "gpu[01-04]", parallelism: {tp: 8, pp: 2, dp: 4}}  # expect: TS113
            """,
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-03]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-03]", parallelism: {tp: 8, pp: 2, dp: auto}}  # expect: TS113
            """,
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
              train: {nodes: "gpu[01-04]", parallelism: {tp: 8, pp: 2, dp: 2}}
              auto: {nodes: "gpu[01-04]", parallelism: {tp: 8, dp: auto}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for job in context.spec.jobs {
            let gpus = context.jobGPUCount(job)
            let p = job.parallelism
            let sizes = [p.tp, p.cp, p.pp] + (p.dp.map { [$0] } ?? [])
            var product = 1
            var overflow = false
            for size in sizes {
                let (value, over) = product.multipliedReportingOverflow(by: size)
                product = value
                overflow = overflow || over
            }
            let formula = "tp \(p.tp) × cp \(p.cp) × pp \(p.pp)" + (p.dp.map { " × dp \($0)" } ?? "")
            let place = "job `\(job.name)` has \(gpus) GPUs on \(Format.count(job.nodes.count, "node"))"
            if p.dp == nil {
                guard overflow || product == 0 || gpus % product != 0 else { continue }
                findings.report(
                    "\(formula) = \(overflow ? "more than 2^63" : String(product)) does not divide the GPU count: \(place)",
                    at: p.location ?? job.location)
            } else if overflow || product != gpus {
                let hint =
                    !overflow && product > 0 && gpus % (p.tp * p.cp * p.pp) == 0
                    ? "dp \(gpus / (p.tp * p.cp * p.pp)) fits (or write `dp: auto`)"
                    : "change the sizes or the job's nodes"
                findings.report(
                    "\(formula) = \(overflow ? "more than 2^63" : String(product)) ranks, but \(place)",
                    at: p.location ?? job.location, help: hint)
            }
        }
    }
}
