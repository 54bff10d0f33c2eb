import TopoModel

/// Per-GPU memory and per-iteration traffic estimates from a job's model, batch and
/// parallelism, by the standard formulas (ZeRO paper, Rajbhandari et al. 2020; Megatron-LM,
/// Narayanan et al. 2021).
package enum TrainingEstimates {
    /// Bytes per parameter for weights, gradients and optimizer state, split by what ZeRO shards.
    /// Mixed-precision Adam: 2 (bf16/fp16 weights) + 2 (gradients) + 12 (fp32 master weights,
    /// momentum and variance) = 16. fp32 Adam: 4 + 4 + 8 = 16. SGD with momentum: 2 + 2 + 8
    /// (master + momentum) = 12, or 4 + 4 + 4 = 12 in fp32.
    package struct StateBytes: Sendable {
        package var weights: Double
        package var gradients: Double
        package var optimizer: Double
        package var total: Double { weights + gradients + optimizer }
    }

    /// Bytes per parameter of weights, gradients and optimizer state for an optimizer and precision.
    ///
    /// - Parameters:
    ///   - training: The job's training settings; only the optimizer (Adam or SGD) is read.
    ///   - dtype: The model's precision: fp32 keeps 4-byte weights and gradients, anything else 2-byte
    ///     ones plus fp32 master weights in the optimizer state.
    /// - Returns: The split, 16 bytes in all for Adam and 12 for SGD.
    package static func stateBytes(_ training: Job.Training, dtype: Job.DType) -> StateBytes {
        let fp32 = dtype == .fp32
        let low = fp32 ? 4.0 : 2.0
        switch training.optimizer {
        case .adam: return StateBytes(weights: low, gradients: low, optimizer: fp32 ? 8 : 12)
        case .sgd: return StateBytes(weights: low, gradients: low, optimizer: fp32 ? 4 : 8)
        }
    }

    /// Bytes of weights, gradients and optimizer state each GPU holds: parameters ÷ (TP × PP)
    /// (and ÷ EP for MoE models, treating all parameters as expert parameters: a lower bound),
    /// with ZeRO stage 1 / 2 / 3 also dividing the optimizer state / + gradients / + weights by DP.
    ///
    /// - Parameters:
    ///   - job: The job; its model's `params`, `experts` and `dtype` and its ZeRO stage are read.
    ///   - layout: The job's layout, for TP, PP, EP and DP.
    /// - Returns: The bytes per GPU and the unsharded per-parameter split, or nil when the job declares no
    ///   model or parameter count.
    package static func stateBytesPerGPU(job: Job, layout: JobLayout) -> (bytes: Double, perParam: StateBytes)? {
        guard let model = job.model, let params = model.params else { return nil }
        let b = stateBytes(job.training, dtype: model.dtype)
        var shard = Double(layout.tp * layout.pp)
        if model.experts != nil { shard *= Double(layout.ep) }
        let dp = Double(layout.dp)
        let zero = job.training.zero
        let perParam =
            b.weights / (zero >= 3 ? dp : 1) + b.gradients / (zero >= 2 ? dp : 1) + b.optimizer / (zero >= 1 ? dp : 1)
        return (params / shard * perParam, b)
    }

    /// Bytes one GPU sends to its next pipeline stage per iteration: activations forward and
    /// their gradients backward, for every micro-batch: 2 × micro-batches × micro × seq ×
    /// hidden × dtype bytes ÷ TP (each TP rank sends its shard; with sequence parallelism the
    /// shard is the sequence, without it Megatron still scatters across TP ranks before sending).
    ///
    /// - Parameters:
    ///   - job: The job; its model's hidden size and dtype and its micro, global and sequence batch sizes
    ///     are read.
    ///   - layout: The job's layout, for TP, CP, DP and PP.
    /// - Returns: The bytes, or nil when there is one stage or any of those inputs is missing.
    package static func pipelineBytesPerGPU(job: Job, layout: JobLayout) -> Double? {
        guard layout.pp > 1, let model = job.model, let hidden = model.hidden, let batch = job.batch,
            let micro = batch.micro, let seq = batch.seq, let global = batch.global
        else { return nil }
        let microBatches = Double(global) / Double(layout.dp * micro)
        return 2 * microBatches * Double(micro) * Double(seq) / Double(layout.cp) * Double(hidden) * model.dtype.bytes
            / Double(layout.tp)
    }

    /// Bytes one GPU sends for the data-parallel gradient reduction per iteration: a ring
    /// all-reduce moves 2 × (DP − 1) / DP of the gradient shard (params ÷ (TP × PP) × gradient
    /// bytes). Under ZeRO-2/3 the reduce-scatter plus all-gather move the same volume.
    ///
    /// - Parameters:
    ///   - job: The job; its model's parameter count and dtype and its optimizer are read.
    ///   - layout: The job's layout, for TP, PP and DP.
    /// - Returns: The bytes, or nil when DP is 1 or the job declares no parameter count.
    package static func dataParallelBytesPerGPU(job: Job, layout: JobLayout) -> Double? {
        guard layout.dp > 1, let model = job.model, let params = model.params else { return nil }
        let gradientBytes = stateBytes(job.training, dtype: model.dtype).gradients
        let dp = Double(layout.dp)
        return 2 * (dp - 1) / dp * params / Double(layout.tp * layout.pp) * gradientBytes
    }

}
