import TopoModel
import TopoTopology

/// TS120: expert parallelism that does not divide the data-parallel ranks or the experts.
package struct ExpertParallelMismatch: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS120", slug: "expert-parallel-mismatch", category: .job, severity: .error,
        summary: "EP does not divide CP × DP, or the experts do not split evenly over EP.",
        rationale: """
            In Megatron-core, expert parallelism shards a MoE layer's experts across the data-parallel (and \
            context-parallel) ranks: the EP size must divide CP × DP, and each EP rank holds experts ÷ EP experts. \
            An EP of 6 with DP 8, or 64 experts over EP 6, cannot be laid out.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-08]": {type: hgx}
            jobs:
              moe: {nodes: "gpu[01-08]", parallelism: {tp: 8, ep: 3, dp: 8}}  # expect: TS120
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-08]": {type: hgx}
            jobs:
              moe:
                nodes: "gpu[01-08]"
                parallelism: {tp: 8, ep: 8, dp: 8}
                model: {params: 141e9, experts: 8, top_k: 2, dtype: bf16}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for job in context.spec.jobs {
            let p = job.parallelism
            guard p.ep > 1 else { continue }
            let base = p.tp * p.cp * p.pp
            let dp = p.dp ?? (base > 0 ? context.jobGPUCount(job) / base : 0)
            let (ranks, overflow) = p.cp.multipliedReportingOverflow(by: dp)
            if !overflow, ranks > 0, ranks % p.ep != 0 {
                findings.report(
                    "ep \(p.ep) does not divide cp \(p.cp) × dp \(dp) = \(ranks) in job `\(job.name)`",
                    at: p.location ?? job.location,
                    help:
                        "expert parallelism shards experts across the data-parallel ranks; pick an ep that divides \(ranks)"
                )
            } else if let experts = job.model?.experts, experts % p.ep != 0 {
                findings.report(
                    "\(experts) experts do not split evenly over ep \(p.ep) in job `\(job.name)`",
                    at: p.location ?? job.location)
            }
        }
    }
}
