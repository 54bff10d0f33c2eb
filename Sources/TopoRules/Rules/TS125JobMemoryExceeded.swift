import TopoModel

/// TS125: weights, gradients and optimizer state alone exceed GPU memory.
public struct JobMemoryExceeded: Rule {
    public init() {}

    public let metadata = RuleMetadata(
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
              train: {nodes: "gpu[01-04]", parallelism: {tp: 8, pp: 2, dp: 2}, model: {params: 70B, dtype: bf16}}
            """,
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
            """,
        ])

    public func check(_ context: RuleContext, _ findings: inout Findings) {
        for (j, job) in context.spec.jobs.enumerated() {
            guard let usage = MemoryCheck.usage(context: context, job: job, index: j), usage.fraction > 1 else { continue }
            findings.report(
                "job `\(job.name)` needs \(usage.describe) per GPU for weights, gradients and optimizer state; `\(usage.sku.id)` has \(TrainingEstimates.format(bytes: usage.sku.memoryGB * 1_073_741_824)) (\(TrainingEstimates.oneDecimal(usage.sku.memoryGB)) GiB; GB here are 10⁹ bytes)",
                at: job.model?.location ?? job.location,
                help: "raise TP × PP, or shard states with ZeRO (`training: {zero: 1|2|3}`): ZeRO-3 would need \(TrainingEstimates.format(bytes: usage.zero3Bytes)) per GPU")
        }
    }
}

/// The memory arithmetic shared by TS125 and TS215.
enum MemoryCheck {
    struct Usage {
        var bytes: Double
        var zero3Bytes: Double
        var sku: GPUSKU
        var fraction: Double
        var formula: String
        var describe: String { "\(TrainingEstimates.format(bytes: bytes)) (\(formula))" }
    }

    static func usage(context: RuleContext, job: Job, index: Int) -> Usage? {
        guard let layout = context.layouts[index], let (bytes, perParam) = TrainingEstimates.stateBytesPerGPU(job: job, layout: layout),
              let params = job.model?.params else { return nil }
        let spec = context.spec
        var smallest: GPUSKU?
        for slot in layout.slots {
            let sku = context.gpuSKUs[spec.nodes[slot.node].typeIndex][slot.gpu]
            if sku.memoryGB < (smallest?.memoryGB ?? .infinity) { smallest = sku }
        }
        guard let sku = smallest else { return nil }
        // Marketed "80 GB" HBM is 80 GiB; compare against GiB so only surely-full jobs are flagged.
        let capacity = sku.memoryGB * 1_073_741_824
        var divisor = "tp \(layout.tp) × pp \(layout.pp)"
        if job.model?.experts != nil { divisor += " × ep \(layout.ep)" }
        let zero = job.training.zero
        let formula = "\(TrainingEstimates.oneDecimal(params / 1e9))B params × \(Int(perParam.total)) B ÷ \(divisor)"
            + (zero > 0 ? ", ZeRO-\(zero) over dp \(layout.dp)" : "")
        let zero3 = params / Double(layout.tp * layout.pp * (job.model?.experts != nil ? layout.ep : 1)) * perParam.total / Double(layout.dp)
        return Usage(bytes: bytes, zero3Bytes: zero3, sku: sku, fraction: bytes / capacity, formula: formula)
    }
}
