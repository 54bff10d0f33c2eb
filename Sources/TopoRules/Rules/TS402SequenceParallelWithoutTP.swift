import TopoModel
import TopoTopology

/// TS402: sequence parallelism requested without tensor parallelism.
package struct SequenceParallelWithoutTP: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS402", slug: "sequence-parallel-without-tp", category: .style, severity: .info,
        summary: "`sequence_parallel: true` with TP 1 has no effect.",
        rationale: """
            Megatron's sequence parallelism splits the LayerNorm and dropout activations across the tensor-parallel \
            ranks; with TP 1 there is nothing to split, and Megatron-LM turns the flag off with a warning. (Context \
            parallelism, `cp`, is what splits long sequences across GPUs.)
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              n1: {type: hgx}
            jobs:
              train: {nodes: n1, parallelism: {dp: 8}, training: {sequence_parallel: true}}  # expect: TS402
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              n1: {type: hgx}
            jobs:
              train: {nodes: n1, parallelism: {tp: 8}, training: {sequence_parallel: true}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for job in context.spec.jobs where job.training.sequenceParallel && job.parallelism.tp == 1 {
            findings.report(
                "job `\(job.name)` enables sequence parallelism with tp 1; it has no effect",
                at: job.training.location ?? job.location)
        }
    }
}
