import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS215: model states leave too little GPU memory for activations.
package struct JobMemoryTight: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS215", slug: "job-memory-tight", category: .job, severity: .warning,
        summary: "Weights, gradients and optimizer state fill more than 85 % of GPU memory.",
        rationale: """
            Activations, temporary buffers, NCCL's buffers (hundreds of MB per communicator) and the CUDA context \
            also need memory; with model states above ~85 % of HBM, out-of-memory errors at the first long \
            sequence or larger micro-batch are likely. Same formula as TS125: 16 bytes per parameter for \
            mixed-precision Adam ÷ (TP × PP), with ZeRO dividing by DP.
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
              train: {nodes: "gpu[01-02]", parallelism: {tp: 8, dp: 2}, model: {params: 38B, dtype: bf16}}  # expect: TS215
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
              train: {nodes: "gpu[01-02]", parallelism: {tp: 8, dp: 2}, model: {params: 38B, dtype: bf16}, training: {zero: 1}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (j, job) in context.spec.jobs.enumerated() {
            guard let usage = MemoryCheck.usage(context: context, job: job, index: j), usage.fraction > 0.85,
                usage.fraction <= 1
            else { continue }
            findings.report(
                "job `\(job.name)` keeps \(usage.describe) of model states per GPU, \(Int((usage.fraction * 100).rounded())) % of `\(usage.sku.id)`'s \(Format.bytes( usage.sku.memoryGB * 1_073_741_824)) (\(Format.oneDecimal(usage.sku.memoryGB)) GiB; GB here are 10⁹ bytes); little is left for activations",
                at: job.model?.location ?? job.location,
                help: "shard optimizer state with ZeRO-1 (`training: {zero: 1}`) or raise TP × PP")
        }
    }
}
