import TopoDiagnostics
import TopoModel
import TopoTopology

/// Wording shared by rule messages: how a GPU slot and a SKU are named, and the note that points
/// at a user-defined SKU.
extension SpecAnalysis {
    /// "gpu001 GPU 3".
    func describe(_ slot: JobLayout.Slot) -> String {
        "\(spec.nodes[slot.node].name) GPU \(slot.gpu)"
    }

    /// A SKU's DSL id with its display name: "`rtx-4090` (NVIDIA GeForce RTX 4090)".
    func describe(_ sku: GPUSKU) -> String {
        sku.name == sku.id ? "`\(sku.id)`" : "`\(sku.id)` (\(sku.name))"
    }

    /// Notes pointing at a user-defined SKU's declaration (built-in SKUs need none).
    func declarationNote(_ sku: GPUSKU) -> [Diagnostic.Note] {
        sku.builtin ? [] : [.init("`\(sku.id)` is declared here", at: sku.location)]
    }
}
