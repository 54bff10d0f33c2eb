import TopoModel
import TopoSolver

/// The placement solver's surrogate cost (the figures `place` prints come from the collective
/// model, `PlacementMetrics`): seconds per byte between the GPUs a job runs on (its slots, in
/// default rank order), from the path each pair takes — NVLink or NVSwitch, a PCIe path inside
/// the node, NVLink across a multi-node domain, or the network, where a pair in different racks
/// gets the NIC bandwidth scaled down by the worst oversubscription on the way (a 2:1 leaf tier
/// leaves half). Also classifies each path for the bytes-per-link-class report.
public struct ClusterDistance: SlotDistance {
    /// Where traffic between two slots goes.
    public enum LinkClass: String, Sendable, CaseIterable, Comparable {
        case nvlink = "NVLink"
        case pcie = "PCIe"
        case networkRack = "network, same rack"
        case networkAcross = "network, across racks"

        /// Orders classes from fastest to slowest: NVLink, PCIe, network in the rack, network across racks.
        ///
        /// - Parameters:
        ///   - a: One class.
        ///   - b: The other class.
        /// - Returns: True when `a` is faster than `b`.
        public static func < (a: LinkClass, b: LinkClass) -> Bool {
            allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
        }
    }

    /// Bandwidth assumed for GPUs whose node has no compute NIC, GB/s per direction (one 10 Gb/s
    /// Ethernet port); the placement report says when it was used.
    public static let fallbackNetworkGBs = 1.25

    public let slots: [JobLayout.Slot]
    private let nodeOfSlot: [Int]
    private let typeOfSlot: [NodeTypeID]
    private let domainOfSlot: [Int]
    private let rackOfSlot: [Int]
    /// Per node type: GPU × GPU seconds per byte inside a node, and the class of each pair.
    private let intraNode: [[Double]]
    private let intraClass: [[LinkClass]]
    private let gpusPerType: [Int]
    /// Per node type: NVLink seconds per byte across its multi-node domain (nil without one).
    private let domainCost: [Double?]
    /// Per node type: network seconds per byte for one GPU (same rack).
    private let networkCost: [Double]
    /// Multiplier for network paths between racks (worst tier's down ÷ up, at least 1).
    private let acrossRackFactor: Double
    /// Slots of each node, in slot order; group index of each slot.
    private let groups: [[Int]]
    private let groupOfSlot: [Int]
    /// True when some node type had no compute NIC and the fallback bandwidth was used.
    public let usedFallback: Bool

    /// The distances between a job's slots.
    ///
    /// - Parameters:
    ///   - context: The analysed spec, for node topologies, NVLink domains, racks and NIC bandwidth.
    ///   - layout: The job's layout; its slots are the ones placed.
    /// - Complexity: O(*s* + *t* · *g*²) for *s* slots and *t* node types of up to *g* GPUs.
    public init(context: SpecAnalysis, layout: JobLayout) {
        let spec = context.spec
        slots = layout.slots
        var nodeIndex: [Int: Int] = [:]
        var groups: [[Int]] = []
        var groupOfSlot: [Int] = []
        for (i, slot) in slots.enumerated() {
            if let g = nodeIndex[slot.node] {
                groups[g].append(i)
                groupOfSlot.append(g)
            } else {
                nodeIndex[slot.node] = groups.count
                groupOfSlot.append(groups.count)
                groups.append([i])
            }
        }
        self.groups = groups
        self.groupOfSlot = groupOfSlot
        nodeOfSlot = slots.map(\.node)
        typeOfSlot = slots.map { spec.nodes[$0.node].typeID }
        domainOfSlot = slots.map { spec.nodes[$0.node].domainIndex ?? -1 }
        rackOfSlot = slots.map { spec.nodes[$0.node].rackIndex ?? -1 }
        var intra: [[Double]] = []
        var classes: [[LinkClass]] = []
        var domain: [Double?] = []
        var network: [Double] = []
        var fallback = false
        for (t, _) in spec.nodeTypesWithIDs {
            let topology = context.nodeTopologies[t]
            let n = topology.gpuCount
            var row = [Double](repeating: 0, count: n * n)
            var rowClass = [LinkClass](repeating: .pcie, count: n * n)
            for a in 0..<n {
                for b in 0..<n where a != b {
                    let path = topology.gpuPath(a, b)
                    row[a * n + b] = 1 / ((path.gbs ?? Self.fallbackNetworkGBs) * 1e9)
                    rowClass[a * n + b] = path.pathClass.isScaleUp ? .nvlink : .pcie
                }
            }
            intra.append(row)
            classes.append(rowClass)
            domain.append(context.gpuSKUs[t].first?.nvlink.map { 1 / ($0.totalGBs / 2 * 1e9) })
            if let gbs = context.networkGBsPerGPU(ofType: t) {
                network.append(1 / (gbs * 1e9))
            } else {
                network.append(1 / (Self.fallbackNetworkGBs * 1e9))
                if spec.nodes.contains(where: { $0.typeID == t })
                    && spec.jobs.contains(where: { job in job.nodes.contains { spec.nodes[$0].typeID == t } })
                {
                    fallback = true
                }
            }
        }
        intraNode = intra
        intraClass = classes
        gpusPerType = spec.nodeTypes.map(\.gpus.count)
        domainCost = domain
        networkCost = network
        var factor = 1.0
        for network in spec.networks where network.role == .compute {
            for tier in network.tiers { if let ratio = tier.oversubscription, ratio > factor { factor = ratio } }
        }
        acrossRackFactor = factor
        usedFallback = fallback && Set(slots.map(\.node)).count > 1
    }

    public var slotCount: Int { slots.count }

    /// Seconds per byte between two slots.
    ///
    /// - Parameters:
    ///   - a: A slot index in `0..<slotCount`.
    ///   - b: Another slot index in `0..<slotCount`.
    /// - Returns: 0 for the same slot; the in-node path, the NVLink domain, or the slower node's network
    ///   (times the worst oversubscription across racks) otherwise.
    public func distance(_ a: Int, _ b: Int) -> Double {
        if a == b { return 0 }
        let ta = typeOfSlot[a]
        if nodeOfSlot[a] == nodeOfSlot[b] {
            return intraNode[ta][slots[a].gpu * gpusPerType[ta] + slots[b].gpu]
        }
        if domainOfSlot[a] >= 0, domainOfSlot[a] == domainOfSlot[b], let d = domainCost[ta] { return d }
        let base = max(networkCost[ta], networkCost[typeOfSlot[b]])
        return rackOfSlot[a] != rackOfSlot[b] || rackOfSlot[a] < 0 ? base * acrossRackFactor : base
    }

    /// The class of link traffic between two slots takes.
    ///
    /// - Parameters:
    ///   - a: A slot index in `0..<slotCount`.
    ///   - b: Another slot index in `0..<slotCount`.
    /// - Returns: `.nvlink` for scale-up and NVLink-domain paths, `.pcie` for other in-node paths, else the
    ///   network class by rack; slots without a rack count as across racks.
    public func linkClass(_ a: Int, _ b: Int) -> LinkClass {
        if nodeOfSlot[a] == nodeOfSlot[b] {
            return intraClass[typeOfSlot[a]][slots[a].gpu * gpusPerType[typeOfSlot[a]] + slots[b].gpu]
        }
        if domainOfSlot[a] >= 0, domainOfSlot[a] == domainOfSlot[b], domainCost[typeOfSlot[a]] != nil { return .nvlink }
        return rackOfSlot[a] >= 0 && rackOfSlot[a] == rackOfSlot[b] ? .networkRack : .networkAcross
    }

    /// Seconds per byte and the index of the link class in `LinkClass.allCases` between two slots:
    /// `distance(_:_:)` and `linkClass(_:_:)` in one pass, for evaluating every send of a placement.
    ///
    /// - Parameters:
    ///   - a: A slot index in `0..<slotCount`.
    ///   - b: Another slot index in `0..<slotCount`.
    /// - Returns: The same figures as the two functions.
    @inline(__always)
    func distanceAndClass(_ a: Int, _ b: Int) -> (seconds: Double, classIndex: Int) {
        let ta = typeOfSlot[a]
        if nodeOfSlot[a] == nodeOfSlot[b] {
            let i = slots[a].gpu * gpusPerType[ta] + slots[b].gpu
            let seconds = a == b ? 0 : intraNode[ta][i]
            return (seconds, intraClass[ta][i] == .nvlink ? 0 : 1)
        }
        if domainOfSlot[a] >= 0, domainOfSlot[a] == domainOfSlot[b], let d = domainCost[ta] { return (d, 0) }
        let base = max(networkCost[ta], networkCost[typeOfSlot[b]])
        return rackOfSlot[a] != rackOfSlot[b] || rackOfSlot[a] < 0 ? (base * acrossRackFactor, 3) : (base, 2)
    }

    /// Whether every pair of `members` (slots, in a group's rank order) is connected by NVLink, as
    /// `linkClass(a, b)` for each earlier `a` and later `b` says — without looking at every pair:
    /// pairs on different nodes are NVLink only inside one multi-node domain, so only the pairs
    /// on one node (at most its GPUs) are compared.
    ///
    /// - Parameter members: Distinct slot indices.
    /// - Returns: True when every pair is `.nvlink`.
    /// - Complexity: O(*k* log *k* + *k* · *g*) for *k* members and at most *g* GPUs per node.
    public func allOnNVLink(_ members: [Int]) -> Bool {
        guard let first = members.first, members.count > 1 else { return true }
        let node = nodeOfSlot[first]
        if members.allSatisfy({ nodeOfSlot[$0] == node }) {
            for (i, a) in members.enumerated() {
                for b in members[(i + 1)...] where linkClass(a, b) != .nvlink { return false }
            }
            return true
        }
        // Across nodes: one multi-node domain, and every member with a later member on another
        // node has a type with NVLink across it (`linkClass` asks the earlier slot's type).
        let domain = domainOfSlot[first]
        guard domain >= 0, members.allSatisfy({ domainOfSlot[$0] == domain }) else { return false }
        var after = -1
        var severalAfter = false
        for a in members.reversed() {
            let n = nodeOfSlot[a]
            if (severalAfter || (after >= 0 && after != n)) && domainCost[typeOfSlot[a]] == nil { return false }
            if after < 0 { after = n } else if after != n { severalAfter = true }
        }
        // Pairs on one node, in rank order: members sorted by node, stable.
        let byNode = members.indices.sorted { (nodeOfSlot[members[$0]], $0) < (nodeOfSlot[members[$1]], $1) }
        var start = 0
        while start < byNode.count {
            var end = start + 1
            while end < byNode.count && nodeOfSlot[members[byNode[end]]] == nodeOfSlot[members[byNode[start]]] {
                end += 1
            }
            for i in start..<end {
                for j in (i + 1)..<end where linkClass(members[byNode[i]], members[byNode[j]]) != .nvlink {
                    return false
                }
            }
            start = end
        }
        return true
    }

    /// The slot's node, numbered by first appearance among the slots.
    ///
    /// - Parameter slot: A slot index in `0..<slotCount`.
    /// - Returns: An index for `slots(inGroup:)`.
    public func group(of slot: Int) -> Int { groupOfSlot[slot] }

    /// The slot's rack (-1 without one), for packing rack by rack.
    ///
    /// - Parameter slot: A slot index in `0..<slotCount`.
    /// - Returns: An index into `ClusterSpec.racks`, or -1.
    public func superGroup(of slot: Int) -> Int { rackOfSlot[slot] }

    /// The slots on one node.
    ///
    /// - Parameter g: A group index, as `group(of:)` gives.
    /// - Returns: The node's slot indices, ascending.
    public func slots(inGroup g: Int) -> [Int] { groups[g] }

    /// Every slot of a node type shares one optimistic profile (valid for the lower bound: no
    /// slot of that type has shorter distances): the shortest in-node paths of any of its GPUs,
    /// then NVLink across its domain, then the network without oversubscription.
    ///
    /// - Parameter slot: A slot index in `0..<slotCount`.
    /// - Returns: The slot's node type index.
    public func profileKey(of slot: Int) -> Int { typeOfSlot[slot].index }

    /// An optimistic bound on the `count` shortest distances from `slot` to other slots.
    ///
    /// - Parameters:
    ///   - slot: A slot index; only its node type matters.
    ///   - count: How many distances to give.
    /// - Returns: At most `count` distances, ascending: the best in-node distances of any GPU of the type,
    ///   then NVLink across its domain, then the network without oversubscription.
    /// - Complexity: O(*g*² log *g* + *c* log *c*) for *g* GPUs per node and *c* = `count`.
    public func smallestDistances(from slot: Int, count: Int) -> [Double] {
        let t = typeOfSlot[slot]
        let n = gpusPerType[t]
        var best = [Double](repeating: .infinity, count: max(0, n - 1))
        for g in 0..<n {
            let row = (0..<n).filter { $0 != g }.map { intraNode[t][g * n + $0] }.sorted()
            for (i, d) in row.enumerated() { best[i] = min(best[i], d) }
        }
        var result = best
        if let d = domainCost[t] {
            let domainSize = slots.count  // at most every slot shares the domain
            result += Array(repeating: d, count: max(0, min(count, domainSize)))
        }
        let network = networkCost[t]
        if result.count < count { result += Array(repeating: network, count: count - result.count) }
        return Array(result.sorted().prefix(count))
    }
}
