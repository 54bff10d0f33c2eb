import TopoDiagnostics

/// What a GPU SKU's scale-up links can do: the `nvlink:` / `infinity_fabric:` block of a catalog
/// entry.
public struct ScaleUpCapability: Sendable, Hashable {
    public var kind: LinkKind
    /// NVLink 1–5, or the Infinity Fabric generation.
    public var generation: Int
    /// Links per GPU.
    public var links: Int
    /// GB/s per link, both directions together (NVIDIA's and AMD's convention).
    public var linkGBs: Double
    /// The GPU can sit on an NVSwitch fabric.
    public var nvswitch: Bool
    /// Largest number of cards one NVLink bridge joins; nil when the SKU takes no bridge.
    public var bridgeMaxGPUs: Int?
    /// Largest set of GPUs one fabric of this SKU can join.
    public var maxDomain: Int
    public var location: SourceLocation

    public init(
        kind: LinkKind, generation: Int, links: Int, linkGBs: Double, nvswitch: Bool,
        bridgeMaxGPUs: Int?, maxDomain: Int, location: SourceLocation
    ) {
        self.kind = kind
        self.generation = generation
        self.links = links
        self.linkGBs = linkGBs
        self.nvswitch = nvswitch
        self.bridgeMaxGPUs = bridgeMaxGPUs
        self.maxDomain = maxDomain
        self.location = location
    }

    /// Aggregate GB/s per GPU, both directions together (H100 SXM: 900).
    public var totalGBs: Double { Double(links) * linkGBs }
}
