import TopoModel
import TopoTopology

/// TS123: attention heads that do not split evenly over tensor-parallel ranks.
public struct HeadsNotDivisibleByTP: Rule {
    public init() {}

    public let metadata = RuleMetadata(
        code: "TS123", slug: "heads-not-divisible-by-tp", category: .job, severity: .error,
        summary: "The attention heads (or hidden size) do not divide evenly by TP.",
        rationale: """
        Tensor parallelism splits attention by heads and the MLP by columns: each TP rank holds heads ÷ TP \
        heads, so Megatron-LM requires the head count (and the hidden and FFN sizes) to be divisible by TP. \
        Llama-3-70B's 64 heads allow TP 1, 2, 4, 8, 16, 32 or 64, not 6 or 12.
        """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-03]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-03]", parallelism: {tp: 6, dp: 4}, model: {params: 70B, heads: 64, hidden: 8192}}  # expect: TS123
            """,
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-03]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-03]", parallelism: {tp: 8, dp: 3}, model: {params: 70B, heads: 64, hidden: 8192}}
            """,
        ])

    public func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for job in context.spec.jobs {
            let tp = job.parallelism.tp
            guard tp > 1, let model = job.model else { continue }
            let checks: [(String, Int?)] = [("attention heads", model.heads), ("hidden size", model.hidden), ("FFN size", model.ffn)]
            for (what, value) in checks {
                guard let value, value % tp != 0 else { continue }
                findings.report("\(what) \(value) do not divide by tp \(tp) in job `\(job.name)`",
                                at: job.parallelism.location ?? model.location,
                                help: "choose a TP that divides \(value)")
                break
            }
        }
    }
}
