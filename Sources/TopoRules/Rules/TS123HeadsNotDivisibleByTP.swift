import TopoModel
import TopoTopology

/// TS123: attention heads that do not split evenly over tensor-parallel ranks.
package struct HeadsNotDivisibleByTP: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS123", slug: "heads-not-divisible-by-tp", category: .job, severity: .error,
        summary: "The attention heads (or hidden size) do not divide evenly by TP.",
        rationale: """
            Tensor parallelism splits attention by heads and the MLP by columns: each TP rank holds heads ÷ TP \
            heads, so Megatron-LM requires the head count (and the hidden and FFN sizes) to be divisible by TP; with \
            grouped-query attention the key/value heads are split the same way, so Megatron-LM also requires \
            `num_query_groups` to divide by TP (megatron/training/arguments.py). Llama-3-70B has 64 query heads but \
            8 key/value heads (its config.json: num_attention_heads 64, num_key_value_heads 8), so TP is 1, 2, 4 or 8, \
            not 16 or 64 (and never 6 or 12). Give `kv_heads` for GQA models.
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
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-02]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-02]", parallelism: {tp: 16}, model: {params: 70B, heads: 64, kv_heads: 8, hidden: 8192}}  # expect: TS123
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
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for job in context.spec.jobs {
            let tp = job.parallelism.tp
            guard tp > 1, let model = job.model else { continue }
            let checks: [(String, Int?)] = [
                ("attention heads", model.heads), ("key/value heads", model.kvHeads), ("hidden size", model.hidden),
                ("FFN size", model.ffn),
            ]
            for (what, value) in checks {
                guard let value, value % tp != 0 else { continue }
                findings.report(
                    "\(what) \(value) do not divide by tp \(tp) in job `\(job.name)`",
                    at: job.parallelism.location ?? model.location,
                    help: "choose a TP that divides \(value)")
                break
            }
        }
    }
}
