import TopoDiagnostics

/// A kind of machine (`node_types.NAME`): its GPUs, scale-up wiring, PCIe tree, NICs and
/// platform. Nodes refer to a node type; the rules check node types once, not every node.
public struct NodeType: Sendable {
    public var name: String
    public var description: String?
    public var location: SourceLocation
    /// GPU groups as written (`{sku, count}` or a list of them).
    public var gpuGroups: [GPUGroup]
    /// One entry per GPU, in index order.
    public var gpus: [GPUSlot]
    /// CPU sockets; with `socketCountUnknown`, the NUMA nodes the spec places devices on. Either
    /// way each is its own SYS domain (NCCL's `<cpu>`): PCIe entries' `socket` indexes them.
    public var sockets: Int
    /// True when the spec says `sockets: unknown` or `sockets: {count: unknown, numa_nodes: N}`:
    /// the input it was made from shows NUMA nodes (or none) but not the CPU packages that hold
    /// them (NCCL topology files with more than two `<cpu>` elements, AMD NPS4, Intel SNC). Paths
    /// between them are still SYS, as NCCL sees them; rules do not call them a socket boundary.
    public var socketCountUnknown = false
    /// What output calls each SYS domain: `socket`, or `NUMA node` when the count is unknown.
    public var cpuDomainNoun: String { socketCountUnknown ? "NUMA node" : "socket" }
    /// Socket interconnect bandwidth per direction, GB/s, when the spec gives it.
    public var socketLinkGBs: Double?
    /// The host CPU model of every socket (`sockets: {cpu: NAME}`, a `hardware.cpus` name), when given.
    public var cpu: String?
    /// NVLink or Infinity Fabric wiring; nil when the node type declares none.
    public var scaleUp: ScaleUpWiring?
    /// True when the spec says `nvlink: none` (or `infinity_fabric: none`) explicitly.
    public var explicitlyNoScaleUp = false
    /// True when the spec says `nvlink: unknown` (or `infinity_fabric: unknown`): the input it was
    /// made from cannot tell whether the GPUs have scale-up links, so rules that would assume
    /// PCIe-only paths stay quiet.
    public var scaleUpUnknown = false
    public var pcie: PCIeTree
    public var nics: [NICPort]
    public var platform: Platform

    public init(
        name: String, description: String?, location: SourceLocation, gpuGroups: [GPUGroup], gpus: [GPUSlot],
        sockets: Int, socketLinkGBs: Double?, scaleUp: ScaleUpWiring?, pcie: PCIeTree, nics: [NICPort],
        platform: Platform
    ) {
        self.name = name
        self.description = description
        self.location = location
        self.gpuGroups = gpuGroups
        self.gpus = gpus
        self.sockets = sockets
        self.socketLinkGBs = socketLinkGBs
        self.scaleUp = scaleUp
        self.pcie = pcie
        self.nics = nics
        self.platform = platform
    }

    /// The distinct GPU SKUs in this node type, in first-use order.
    public var skus: [String] {
        var seen: [String] = []
        for group in gpuGroups where !seen.contains(group.sku) { seen.append(group.sku) }
        return seen
    }
}

/// `gpus: {sku, count}` as written: `count` GPUs of one SKU.
public struct GPUGroup: Sendable {
    public var sku: String
    public var count: Int
    /// Index of the group's first GPU.
    public var firstIndex: Int
    public var location: SourceLocation

    public init(sku: String, count: Int, firstIndex: Int, location: SourceLocation) {
        self.sku = sku
        self.count = count
        self.firstIndex = firstIndex
        self.location = location
    }
}

/// One GPU position in a node type, holding its SKU resolved against the catalog when the spec
/// was decoded (the decoder drops a group whose SKU is unknown, so every slot has its model and
/// GPU indices never shift).
public struct GPUSlot: Sendable {
    public let index: Int
    /// The catalog entry of this GPU's SKU.
    public let model: GPUSKU
    /// The SKU's id as the spec names it (`model.id`).
    public var sku: String { model.id }
    public let busID: String?
    /// Where the GPU's SKU is named.
    public let location: SourceLocation

    public init(index: Int, model: GPUSKU, busID: String?, location: SourceLocation) {
        self.index = index
        self.model = model
        self.busID = busID
        self.location = location
    }
}
