import TopoModel

/// The topology analysis of one spec, built once per command: SKUs resolved per GPU, scale-up
/// links and device paths per node type, each job's default layout, and paths between ranks.
/// Rules, emitters, reports, diff and placement all read it.
public struct SpecAnalysis: Sendable {
    public let spec: ClusterSpec
    /// For each node type, the resolved SKU of each GPU.
    public let gpuSKUs: [[GPUSKU]]
    /// For each node type, its scale-up links (nil when it declares none).
    package let scaleUpLinks: [ScaleUpLinks?]
    /// For each node type, its GPU↔GPU and GPU↔NIC paths.
    package let nodeTopologies: [NodeTopology]
    /// For each job, its default (Megatron-order) layout; nil when its sizes do not fit its GPUs.
    public let layouts: [JobLayout?]
    /// For each node type, `computeNICs(ofType:)` and `networkGBsPerGPU(ofType:)`, worked out once:
    /// paths across nodes ask for them per pair of ranks.
    private let computeNICsOfType: [[Int]]
    private let networkGBsOfType: [Double?]

    /// Analyses `spec`: resolves every node type's SKUs, scale-up links and device paths and every job's
    /// default layout.
    ///
    /// - Parameter spec: A decoded, resolved cluster spec.
    /// - Complexity: One `NodeTopology` per node type, plus O(*j*) for the jobs' GPUs.
    public init(spec: ClusterSpec) {
        self.spec = spec
        var skus: [[GPUSKU]] = []
        var links: [ScaleUpLinks?] = []
        for type in spec.nodeTypes {
            let resolved = type.gpus.map(\.model)
            skus.append(resolved)
            links.append(type.scaleUp.map { ScaleUpLinks(wiring: $0, skus: resolved) })
        }
        gpuSKUs = skus
        scaleUpLinks = links
        nodeTopologies = spec.nodeTypes.typeIDs.map {
            NodeTopology(type: spec.nodeTypes[$0], skus: skus[$0], links: links[$0], catalog: spec.catalog)
        }
        layouts = spec.jobs.map { JobLayout(job: $0, spec: spec) }
        let nicsOfType = spec.nodeTypes.map { type in
            type.nics.indices.filter { i in
                guard let name = type.nics[i].network, let network = spec.network(named: name) else { return false }
                return network.role == .compute
            }
        }
        computeNICsOfType = nicsOfType
        networkGBsOfType = spec.nodeTypes.indices.map { t in
            let nics = nicsOfType[t]
            let gpus = spec.nodeTypes[t].gpus.count
            guard !nics.isEmpty, gpus > 0 else { return nil }
            let total = nics.reduce(0.0) { $0 + spec.nodeTypes[t].nics[$1].gbps } / 8
            return total / Double(gpus)
        }
    }

    /// Indices of a node type's NICs on compute networks (all NICs with a network whose role is
    /// `compute`).
    ///
    /// - Parameter typeID: A node type of `spec`.
    /// - Returns: Indices into the node type's `nics`, in declaration order; NICs on no network or on an
    ///   unknown one are left out.
    public func computeNICs(ofType typeID: NodeTypeID) -> [Int] {
        computeNICsOfType[typeID]
    }

    /// Network bandwidth available to each GPU of a node type, GB/s per direction: the compute
    /// NICs' total speed shared by the GPUs (nil without compute NICs).
    ///
    /// - Parameter typeID: A node type of `spec`.
    /// - Returns: The compute NICs' summed Gb/s ÷ 8 ÷ GPUs, or nil without compute NICs or GPUs.
    public func networkGBsPerGPU(ofType typeID: NodeTypeID) -> Double? {
        networkGBsOfType[typeID]
    }

    /// The path between two job ranks' GPUs: inside a node from its topology; across nodes of one
    /// NVLink domain over NVLink; otherwise over the network (NET).
    ///
    /// - Parameters:
    ///   - a: One rank's node and GPU.
    ///   - b: The other rank's node and GPU.
    /// - Returns: The path's class and bandwidth; across nodes, the slower node type's network share
    ///   per GPU.
    public func path(_ a: JobLayout.Slot, _ b: JobLayout.Slot) -> DevicePath {
        // Fields read in place: no copy of either node (names, exceptions) per pair.
        let typeA = spec.nodes[a.node].typeID
        if a.node == b.node {
            return nodeTopologies[typeA].gpuPath(a.gpu, b.gpu)
        }
        if let da = spec.nodes[a.node].domainIndex, da == spec.nodes[b.node].domainIndex,
            let link = gpuSKUs[typeA][a.gpu].nvlink
        {
            return DevicePath(.nvlink(links: link.links), gbs: link.totalGBs / 2)
        }
        let gbs: Double?
        switch (networkGBsOfType[typeA], networkGBsOfType[spec.nodes[b.node].typeID]) {
        case let (a?, b?): gbs = min(a, b)
        case let (a, b): gbs = a ?? b
        }
        return DevicePath(.net, gbs: gbs)
    }

    /// The slowest path inside a group of ranks (by class, then bandwidth), with a pair that
    /// takes it. Linear in the group size when the group spans nodes; pairwise only inside a
    /// node, so large DP or EP groups stay cheap.
    ///
    /// - Parameters:
    ///   - group: Ranks of `layout`, as `JobLayout.groups(_:)` gives them.
    ///   - layout: The job's layout, for each rank's slot.
    /// - Returns: The slowest path and two ranks that take it, or nil for an empty group.
    /// - Complexity: O(*n*) when the group spans nodes, O(*n*²) inside one node, for *n* ranks.
    public func worstPath(in group: [Int], of layout: JobLayout) -> (path: DevicePath, a: Int, b: Int)? {
        guard let first = group.first else { return nil }
        let firstSlot = layout.slots[first]
        if let other = group.first(where: { layout.slots[$0].node != firstSlot.node }) {
            // Across nodes: NET unless every node shares the first node's NVLink domain.
            let domain = spec.nodes[firstSlot.node].domainIndex
            if let outside = group.first(where: {
                domain == nil || spec.nodes[layout.slots[$0].node].domainIndex != domain
            }) {
                let crossing = layout.slots[outside].node == firstSlot.node ? other : outside
                var slowest = path(firstSlot, layout.slots[crossing])
                for rank in group {
                    let p = path(firstSlot, layout.slots[rank])
                    if p.pathClass == .net, let g = p.gbs, g < (slowest.gbs ?? .infinity) { slowest = p }
                }
                return (slowest, first, crossing)
            }
            return (path(firstSlot, layout.slots[other]), first, other)
        }
        var worst: (path: DevicePath, a: Int, b: Int)?
        for (i, x) in group.enumerated() {
            for y in group[(i + 1)...] {
                let p = path(layout.slots[x], layout.slots[y])
                if let w = worst,
                    !(p.pathClass > w.path.pathClass
                        || (p.pathClass == w.path.pathClass && (p.gbs ?? 0) < (w.path.gbs ?? 0)))
                {
                    continue
                }
                worst = (p, x, y)
            }
        }
        return worst
    }

    /// The sum of GPUs a job runs on: `gpus_per_node` per node, or every healthy GPU.
    ///
    /// - Parameter job: The job; its nodes and `gpusPerNode` are read.
    /// - Returns: The GPU count, whether or not the job's parallel sizes fit it.
    public func jobGPUCount(_ job: Job) -> Int {
        job.nodes.reduce(0) { total, index in
            total + (job.gpusPerNode ?? spec.healthyGPUs(of: spec.nodes[index]).count)
        }
    }
}
