import TopoDiagnostics
import TopoModel

/// What every rule reads: the spec, and facts computed once per spec (SKUs resolved per GPU,
/// scale-up link counts per node type).
public struct RuleContext: Sendable {
    public let spec: ClusterSpec
    /// For each node type, the resolved SKU of each GPU.
    public let gpuSKUs: [[GPUSKU]]
    /// For each node type, its scale-up links (nil when it declares none).
    public let scaleUpLinks: [ScaleUpLinks?]

    public init(spec: ClusterSpec) {
        self.spec = spec
        var skus: [[GPUSKU]] = []
        var links: [ScaleUpLinks?] = []
        for type in spec.nodeTypes {
            let resolved = type.gpus.compactMap { spec.catalog.gpus[$0.sku] }
            skus.append(resolved)
            links.append(type.scaleUp.map { ScaleUpLinks(wiring: $0, skus: resolved) })
        }
        gpuSKUs = skus
        scaleUpLinks = links
    }

    /// A SKU's DSL id with its display name: "`rtx-4090` (NVIDIA GeForce RTX 4090)".
    public func describe(_ sku: GPUSKU) -> String {
        sku.name == sku.id ? "`\(sku.id)`" : "`\(sku.id)` (\(sku.name))"
    }

    /// The sum of GPUs a job runs on: `gpus_per_node` per node, or every healthy GPU.
    public func jobGPUCount(_ job: Job) -> Int {
        job.nodes.reduce(0) { total, index in
            total + (job.gpusPerNode ?? spec.healthyGPUs(of: spec.nodes[index]).count)
        }
    }

    /// Notes pointing at a user-defined SKU's declaration (built-in SKUs need none).
    public func declarationNote(_ sku: GPUSKU) -> [Diagnostic.Note] {
        sku.builtin ? [] : [.init("`\(sku.id)` is declared here", at: sku.location)]
    }
}
