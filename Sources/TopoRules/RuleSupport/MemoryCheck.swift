import TopoDiagnostics
import TopoModel
import TopoTopology

/// The memory arithmetic shared by TS125 and TS215.
enum MemoryCheck {
    struct Usage {
        var bytes: Double
        var zero3Bytes: Double
        var sku: GPUSKU
        var fraction: Double
        var formula: String
        var describe: String { "\(Format.bytes(bytes)) (\(formula))" }
    }

    static func usage(context: SpecAnalysis, job: Job, index: Int) -> Usage? {
        guard let layout = context.layouts[index],
            let (bytes, perParam) = TrainingEstimates.stateBytesPerGPU(job: job, layout: layout),
            let params = job.model?.params
        else { return nil }
        let spec = context.spec
        var smallest: GPUSKU?
        for slot in layout.slots {
            let sku = context.gpuSKUs[spec.nodes[slot.node].typeID][slot.gpu]
            if sku.memoryGB < (smallest?.memoryGB ?? .infinity) { smallest = sku }
        }
        guard let sku = smallest else { return nil }
        // Marketed "80 GB" HBM is 80 GiB; compare against GiB so only surely-full jobs are flagged.
        let capacity = sku.memoryGB * 1_073_741_824
        var divisor = "tp \(layout.tp) × pp \(layout.pp)"
        if job.model?.experts != nil { divisor += " × ep \(layout.ep)" }
        let zero = job.training.zero
        let formula =
            "\(Format.oneDecimal(params / 1e9))B params × \(Int(perParam.total)) B ÷ \(divisor)"
            + (zero > 0 ? ", ZeRO-\(zero) over dp \(layout.dp)" : "")
        let zero3 =
            params / Double(layout.tp * layout.pp * (job.model?.experts != nil ? layout.ep : 1)) * perParam.total
            / Double(layout.dp)
        return Usage(bytes: bytes, zero3Bytes: zero3, sku: sku, fraction: bytes / capacity, formula: formula)
    }
}
