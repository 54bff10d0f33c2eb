import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS125: weights, gradients and optimizer state alone exceed GPU memory.
package struct JobMemoryExceeded: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS125", slug: "job-memory-exceeded", category: .job, severity: .error,
        summary: "Weights, gradients and optimizer state per GPU exceed the GPU's memory.",
        rationale: """
            Mixed-precision Adam keeps 16 bytes per parameter: 2 (bf16 weights) + 2 (gradients) + 12 (fp32 \
            master weights, momentum, variance); SGD with momentum 12. Each GPU holds params ÷ (TP × PP) of them \
            (÷ EP too for MoE experts); ZeRO-1 divides the optimizer state by DP, ZeRO-2 also the gradients, \
            ZeRO-3 / FSDP everything. Llama-3-70B at TP 8 × PP 2 without ZeRO needs 70e9 × 16 ÷ 16 = 70 GB per GPU \
            before a single activation: more than a 40 GB A100 has. The job cannot start.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: a100-sxm4-40gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen2, count: 6}}}
            nodes:
              "gpu[01-04]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-04]", parallelism: {tp: 8, pp: 2, dp: 2}, model: {params: 70B, dtype: bf16}}  # expect: TS125
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: a100-sxm4-40gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen2, count: 6}}}
            nodes:
              "gpu[01-04]": {type: hgx}
            jobs:
              train:
                nodes: "gpu[01-04]"
                parallelism: {tp: 8, pp: 2, dp: 2}
                model: {params: 70B, dtype: bf16}
                training: {zero: 3}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (j, job) in context.spec.jobs.enumerated() {
            guard let usage = MemoryCheck.usage(context: context, job: job, index: j), usage.fraction > 1 else {
                continue
            }
            findings.report(
                "job `\(job.name)` needs \(usage.describe) per GPU for weights, gradients and optimizer state; `\(usage.sku.id)` has \(Format.bytes( usage.sku.memoryGB * 1_073_741_824)) (\(Format.oneDecimal(usage.sku.memoryGB)) GiB; GB here are 10⁹ bytes)",
                at: job.model?.location ?? job.location,
                help:
                    "raise TP × PP, or shard states with ZeRO (`training: {zero: 1|2|3}`): ZeRO-3 would need \(Format.bytes(usage.zero3Bytes)) per GPU"
            )
        }
    }
}
