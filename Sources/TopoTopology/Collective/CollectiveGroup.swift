import TopoModel

/// The links a group of ranks communicates over, reduced to what the collective model needs:
/// ranks, nodes and GPUs per node; the achievable ring bandwidth inside a node (NVSwitch, a
/// full mesh using all its links, bridges, PCIe with peer-to-peer or staged through host
/// memory); the node's usable NICs at their achievable rate; and whether NVLink SHARP applies.
/// Nodes of one multi-node NVLink domain count as one scale-up domain (MNNVL). A group over
/// nodes of different types is described by its first node's type.
public struct CollectiveGroup: Sendable {
    /// What carries the traffic inside a node (or NVLink domain).
    public enum IntraLink: String, Sendable {
        case nvswitch = "NVSwitch"
        case nvlinkMesh = "NVLink mesh"
        case xgmiMesh = "Infinity Fabric mesh"
        case pcieP2P = "PCIe peer-to-peer"
        case hostMemory = "host memory (no P2P)"
        case none = "none"
    }

    public let ranks: Int
    /// Nodes joined by the network (nodes of one NVLink domain count once).
    public let networkNodes: Int
    /// Ranks per network node (the most on any).
    public let ranksPerNode: Int
    /// Ring bus bandwidth inside a node or domain, GB/s per direction (nil with one rank there).
    public let intraGBs: Double?
    public let intraLink: IntraLink
    /// Usable NICs per node and their achievable rate (GB/s per direction per NIC).
    public let nicsPerNode: Int
    public let nicGBs: Double
    /// What the NICs are, for explanations ("8 × 400G InfiniBand").
    public let nicLabel: String
    /// NVLink SHARP available (Hopper or later NVIDIA GPUs, all switched).
    public let nvlsComputeCapability: Double?
    /// LL128 enabled by default (NVIDIA over NVLink, as NCCL does).
    public let ll128: Bool
    /// Bandwidth between two ranks, GB/s per direction (send/recv).
    public private(set) var pairGBs: Double
    /// The compute network reduces in the switches (`sharp: true`): CollNet.
    public let sharp: Bool
    /// The NCCL release the spec names (`nccl.version`); nil: a current one.
    public let ncclVersion: NCCLVersion?
    /// The protocols the spec allows collectives (`nccl.protocols`, NCCL_PROTO); nil: NCCL's defaults.
    public let protocols: Set<NCCLProtocol>?
    /// AMD GPUs: RCCL, whose tuner scales NCCL's bandwidths by its own per-platform tables
    /// (ROCm/rccl src/graph/tuning.cc `rcclTuningModel`).
    public let runsRCCL: Bool
    /// NCCL's cap on LL bus bandwidth, GB/s (`AchievableRates.llMaxBusGBs`); nil on RCCL.
    public let llMaxBusGBs: Double?
    /// The network plugin's own latency, µs, which NCCL adds to every network hop (twice with
    /// Simple): `AchievableRates.netPluginLatency`.
    public let netPluginLatency: Double

    /// Network bandwidth of one node available to the group, GB/s per direction: its usable
    /// NICs at their achievable rate, or what `sharingNetwork` set.
    public private(set) var networkGBsPerNode: Double

    /// The group of `slots` (node index, local GPU index) on `context`'s spec.
    ///
    /// - Parameters:
    ///   - context: The analysed spec, for node types, GPU SKUs, scale-up links, PCIe paths and NICs.
    ///   - slots: The ranks in order, each an index into `ClusterSpec.nodes` and a local GPU index; the
    ///     first slot's node type describes the whole group.
    /// - Complexity: O(*r* + *g*²) for *r* ranks and *g* GPUs on the first network node.
    public init(context: SpecAnalysis, slots: [(node: Int, gpu: Int)]) {
        let spec = context.spec
        ranks = slots.count
        // Network nodes: nodes, or NVLink domains when every node of the group shares one.
        var keyOfSlot: [Int] = []
        var perKey: [Int: [Int]] = [:]
        var order: [Int] = []
        for slot in slots {
            let node = spec.nodes[slot.node]
            let key = node.domainIndex.map { -1 - $0 } ?? slot.node
            keyOfSlot.append(key)
            if perKey[key] == nil { order.append(key) }
            perKey[key, default: []].append(slot.gpu)
        }
        networkNodes = max(1, order.count)
        ranksPerNode = perKey.values.map(\.count).max() ?? 0
        let firstNode = slots.first.map { spec.nodes[$0.node] }
        let typeID = firstNode?.typeID ?? NodeTypeID(0)
        let skus = spec.nodeTypes.contains(typeID: typeID) ? context.gpuSKUs[typeID] : []
        let sku = skus.first
        let type = spec.nodeTypes.contains(typeID: typeID) ? spec.nodeTypes[typeID] : nil
        let cc = sku?.computeCapability.flatMap(Double.init)
        // Every rank in a multi-node NVLink domain (one or several): each domain is one
        // network node, its ranks on NVSwitch, its ranks' share of its trays' NICs pooled.
        let inDomains = !slots.isEmpty && slots.allSatisfy { spec.nodes[$0.node].domainIndex != nil }
        let firstDomainRanks = order.first.flatMap { perKey[$0]?.count } ?? 0

        // Per-link achievable rate, GB/s per direction.
        let perLink = sku.flatMap(AchievableRates.scaleUpGBsPerLink)
        let localGPUs = order.first.flatMap { perKey[$0] } ?? []
        let links = context.scaleUpLinks.contains(typeID: typeID) ? context.scaleUpLinks[typeID] : nil
        let switched = inDomains || (links.map { l in localGPUs.allSatisfy { l.switched.contains($0) } } ?? false)
        var intra: Double?
        var kind = IntraLink.none
        let isAMD = sku?.scaleUp?.kind == .infinityFabric
        if ranksPerNode > 1 {
            if switched, let perLink, let count = sku?.scaleUp?.links {
                intra = Double(count) * perLink
                kind = .nvswitch
            } else if let links, let perLink, !localGPUs.isEmpty,
                let minPair = Self.minPairLinks(localGPUs, links), minPair > 0
            {
                // A ring over a full mesh uses every link at once: g − 1 rings, one per peer.
                intra = Double(minPair) * perLink * Double(localGPUs.count - 1)
                kind = isAMD ? .xgmiMesh : .nvlinkMesh
            } else {
                let (gbs, p2p) = Self.pcieRing(
                    context: context, typeID: typeID, gpus: localGPUs, sockets: type?.sockets ?? 1)
                intra = gbs
                kind = p2p ? .pcieP2P : .hostMemory
            }
        }
        intraGBs = intra
        intraLink = kind
        ll128 = !isAMD && (kind == .nvswitch || kind == .nvlinkMesh)
        ncclVersion = spec.nccl.version
        protocols = spec.nccl.protocols
        runsRCCL = sku?.vendor == .amd
        let cpuVendor = type?.cpu.flatMap { spec.catalog.cpus[$0] }?.vendor
        llMaxBusGBs =
            runsRCCL
            ? nil
            : AchievableRates.llMaxBusGBs(
                computeCapability: cc, networkNodes: networkNodes, amdCPU: cpuVendor == .amd)
        let nvlsAllowed =
            spec.nccl.nvls != false && (spec.nccl.version.map { $0 >= NCCLVersion(major: 2, minor: 17) } ?? true)
        if nvlsAllowed, let cc, cc >= 9, sku?.vendor == .nvidia, kind == .nvswitch, ranksPerNode > 2 {
            nvlsComputeCapability = cc
        } else {
            nvlsComputeCapability = nil
        }

        // Network: the node's compute NICs; a partial node uses its GPUs' share (rail NICs).
        let nicIndices = type == nil ? [] : context.computeNICs(ofType: typeID)
        let gpusOfType = max(1, type?.gpus.count ?? 1)
        if let type, !nicIndices.isEmpty {
            let used =
                inDomains
                ? min(
                    max(1, nicIndices.count * firstDomainRanks / gpusOfType), AchievableRates.nvlinkDomainNetworkNICs)
                : max(1, nicIndices.count * min(ranksPerNode, gpusOfType) / gpusOfType)
            let nic = type.nics[nicIndices[0]]
            let network = nic.network.flatMap { spec.network(named: $0) }
            let fabric = network?.fabric ?? .infiniband
            sharp = network?.sharp ?? false
            netPluginLatency = AchievableRates.netPluginLatency(fabric: fabric, nicGbps: nic.gbps)
            nicsPerNode = used
            nicGBs = nic.gbps / 8 * AchievableRates.nicEfficiency(fabric)
            nicLabel = "\(used) × \(Self.gbpsText(nic.gbps)) \(fabric.displayName)"
        } else {
            nicsPerNode = 1
            nicGBs = AchievableRates.fallbackNetworkGBs
            nicLabel = "no compute NIC (10 GbE assumed)"
            sharp = false
            netPluginLatency = 0
        }
        networkGBsPerNode = Double(nicsPerNode) * nicGBs
        if networkNodes > 1, ranksPerNode == 1 || intra == nil {
            pairGBs = nicGBs
        } else {
            pairGBs =
                (kind == .nvswitch ? intra.map { $0 } : intra.map { $0 / Double(max(1, localGPUs.count - 1)) })
                ?? nicGBs
        }
    }

    /// The group when other traffic shares its nodes' NICs (placement: every group of a
    /// dimension runs at once): `nics` NICs' worth of each node's network (a fraction when
    /// several groups share one NIC), slowed by `slowdown` (the fabric's oversubscription for
    /// a group that spans racks). A pair across nodes gets at most one NIC.
    ///
    /// - Parameters:
    ///   - nics: NICs' worth of each node's network left to this group; negative counts as 0.
    ///   - slowdown: The oversubscription factor to divide by; below 1 counts as 1.
    /// - Returns: A copy with `networkGBsPerNode` (and, without a link inside the node, `pairGBs`)
    ///   reduced; the group itself when it spans one network node.
    public func sharingNetwork(nics: Double, slowdown: Double) -> CollectiveGroup {
        var copy = self
        guard networkNodes > 1 else { return copy }
        copy.networkGBsPerNode = max(nics, 0) * nicGBs / max(slowdown, 1)
        if ranksPerNode == 1 || intraGBs == nil { copy.pairGBs = min(nicGBs, copy.networkGBsPerNode) }
        return copy
    }

    private static func minPairLinks(_ gpus: [Int], _ links: ScaleUpLinks) -> Int? {
        var best: Int?
        for (i, a) in gpus.enumerated() {
            for b in gpus[(i + 1)...] {
                let l = links.links(a, b)
                best = min(best ?? l, l)
            }
        }
        return best
    }

    /// A ring over PCIe: NCCL's PCIe rate with peer-to-peer where the GPUs and the platform
    /// allow it, else staged through host memory, whose bandwidth the flows share; the socket
    /// link (`sockets.link_gbs`, else NCCL's default for the CPU) caps rings that cross sockets.
    private static func pcieRing(context: SpecAnalysis, typeID: NodeTypeID, gpus: [Int], sockets: Int) -> (Double, Bool)
    {
        let type = context.spec.nodeTypes[typeID]
        let skus = context.gpuSKUs[typeID]
        let topology = context.nodeTopologies[typeID]
        var generation = 4, width = 16
        if let sku = skus.first, case let .pcie(g, w) = sku.host { generation = g; width = w }
        let pci = AchievableRates.pcieGBs(generation: generation, width: width)
        var p2p = type.platform.pcieP2P != .disabled && gpus.allSatisfy { $0 < skus.count && skus[$0].pcieP2P }
        var crossesSockets = false
        for (i, a) in gpus.enumerated() {
            for b in gpus[(i + 1)...] where a < topology.gpuCount && b < topology.gpuCount {
                let path = topology.gpuPath(a, b).pathClass
                if path == .sys { crossesSockets = true }
                if path != .unknown && !path.withinNCCLDefaultLevel && type.platform.pcieP2P != .enabled { p2p = false }
            }
        }
        var gbs: Double
        if p2p {
            gbs = pci * AchievableRates.pcieP2PEfficiency
        } else {
            let flows = 2 * Double(max(1, gpus.count))
            gbs = min(
                pci * AchievableRates.hostStagingEfficiency,
                AchievableRates.hostMemoryGBsPerSocket * Double(max(1, sockets)) / flows)
        }
        if crossesSockets, let socket = type.socketLinkGBs(catalog: context.spec.catalog) { gbs = min(gbs, socket) }
        return (gbs, p2p)
    }

    static func gbpsText(_ gbps: Double) -> String {
        gbps == gbps.rounded() ? "\(Int(gbps))G" : "\(gbps)G"
    }
}
