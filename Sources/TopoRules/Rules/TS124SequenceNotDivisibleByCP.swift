import TopoModel
import TopoTopology

/// TS124: a sequence length context parallelism cannot split into its load-balanced chunks.
package struct SequenceNotDivisibleByCP: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS124", slug: "sequence-not-divisible-by-cp", category: .job, severity: .error,
        summary: "The sequence length is not a multiple of 2 × CP.",
        rationale: """
            Context parallelism (Megatron-core / Transformer Engine ring attention) cuts each sequence into 2 × CP \
            chunks and gives every CP rank one early and one late chunk to balance causal-attention work, so the \
            sequence length must be divisible by 2 × CP; with sequence parallelism also by TP.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-02]": {type: hgx}
            jobs:
              long: {nodes: "gpu[01-02]", parallelism: {tp: 4, cp: 4}, batch: {micro: 1, seq: 130004, global: 8}}  # expect: TS124
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-02]": {type: hgx}
            jobs:
              long: {nodes: "gpu[01-02]", parallelism: {tp: 4, cp: 4}, batch: {micro: 1, seq: 131072, global: 8}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for job in context.spec.jobs {
            let p = job.parallelism
            guard let batch = job.batch, let seq = batch.seq else { continue }
            var divisor = p.cp > 1 ? 2 * p.cp : 1
            if job.training.sequenceParallel, p.tp > 1 { divisor = lcm(divisor, p.tp) }
            guard divisor > 1, seq % divisor != 0 else { continue }
            let what =
                p.cp > 1
                ? "2 × cp \(p.cp)" + (job.training.sequenceParallel && p.tp > 1 ? " and tp \(p.tp)" : "")
                : "tp \(p.tp) (sequence parallelism)"
            findings.report(
                "sequence length \(seq) is not divisible by \(what) in job `\(job.name)`",
                at: batch.location, help: "use a multiple of \(divisor), e.g. \((seq / divisor + 1) * divisor)")
        }
    }

    private func lcm(_ a: Int, _ b: Int) -> Int {
        var x = a, y = b
        while y != 0 { (x, y) = (y, x % y) }
        return a / x * b
    }
}
