import TopoModel
import TopoSolver

/// The collective model applied to one placement of a job: every group of a dimension runs its
/// collectives (`DimensionCollective`) on the links its ranks actually sit on, all groups of the
/// dimension at once. A group is described by its shape — first node's type, nodes (NVLink
/// domains count once), ranks per node, the local GPUs on its first node, its share of each
/// node's NICs (a node's compute NICs divided among the ranks there whose groups leave the node,
/// the busiest node gating) and whether it spans racks (then the fabric's worst
/// oversubscription divides the network rate, as `ClusterDistance` does) — and the estimate is
/// computed once per shape (`CollectiveModel`, cached), not once per group: a 16,384-rank job
/// has a handful of shapes per dimension.
struct GroupCollectiveTimes {
    private struct Shape: Hashable {
        var dimension: JobLayout.Dimension
        var type: NodeTypeID
        var networkNodes: Int
        var ranksPerNode: Int
        var localGPUs: [Int]
        var firstInDomain: Bool
        var nics: Double
        var acrossRacks: Bool
    }

    private let context: SpecAnalysis
    private let slots: [JobLayout.Slot]
    /// The job's nodes, numbered locally (0 ..< its node count) so that no evaluation does work in
    /// proportion to the whole cluster: per slot, its local node and its local network key.
    private let localNodeOfSlot: [Int]
    private let localKeyOfSlot: [Int]
    /// Per local node: its compute NICs (1 without any: the fallback port the model assumes), its
    /// node type, its rack, and whether it belongs to a multi-node NVLink domain.
    private let nicsOfNode: [Double]
    private let typeOfNode: [NodeTypeID]
    private let rackOfNode: [Int?]
    private let inDomain: [Bool]
    /// Per local node: its local network key.
    private let keyOfNode: [Int]
    private let acrossRackFactor: Double
    private var cache: [Shape: Double] = [:]
    /// Group shapes priced on the collective model (cache misses): the work that grows with the
    /// variety of placements, not with the number of groups.
    private(set) var shapesPriced = 0
    private var nodeCount: [Int]
    private var keyRanks: [Int]
    private var keyNICs: [Double]

    /// - Complexity: O(*r*) for the job's *r* slots, plus one NIC lookup per node type they use.
    init(context: SpecAnalysis, slots: [JobLayout.Slot]) {
        self.context = context
        self.slots = slots
        let nodes = context.spec.nodes
        var localNode: [Int: Int] = [:]
        var localKey: [Int: Int] = [:]
        var nicsOfType: [NodeTypeID: Double] = [:]
        var nodeOfSlot: [Int] = []
        var keyOfSlot: [Int] = []
        var nics: [Double] = []
        var types: [NodeTypeID] = []
        var racks: [Int?] = []
        var domains: [Bool] = []
        nodeOfSlot.reserveCapacity(slots.count)
        keyOfSlot.reserveCapacity(slots.count)
        var keys: [Int] = []
        for slot in slots {
            let node = nodes[slot.node]
            // Nodes of one multi-node NVLink domain share one network key; other nodes have their own.
            let networkKey = node.domainIndex.map { -1 - $0 } ?? slot.node
            let key: Int
            if let known = localKey[networkKey] {
                key = known
            } else {
                key = localKey.count
                localKey[networkKey] = key
            }
            keyOfSlot.append(key)
            let local: Int
            if let known = localNode[slot.node] {
                local = known
            } else {
                local = nics.count
                localNode[slot.node] = local
                let type = node.typeID
                let count: Double
                if let known = nicsOfType[type] {
                    count = known
                } else {
                    count = Double(max(1, context.computeNICs(ofType: type).count))
                    nicsOfType[type] = count
                }
                nics.append(count)
                types.append(type)
                racks.append(node.rackIndex)
                domains.append(node.domainIndex != nil)
                keys.append(key)
            }
            nodeOfSlot.append(local)
        }
        localNodeOfSlot = nodeOfSlot
        localKeyOfSlot = keyOfSlot
        nicsOfNode = nics
        typeOfNode = types
        rackOfNode = racks
        inDomain = domains
        keyOfNode = keys
        var factor = 1.0
        for network in context.spec.networks where network.role == .compute {
            for tier in network.tiers { if let ratio = tier.oversubscription, ratio > factor { factor = ratio } }
        }
        acrossRackFactor = factor
        nodeCount = [Int](repeating: 0, count: nics.count)
        keyRanks = [Int](repeating: 0, count: localKey.count)
        keyNICs = [Double](repeating: 0, count: localKey.count)
    }

    /// Seconds each group of `groups` (ranks) spends on `collectives` under `mapping`.
    mutating func seconds(
        _ dimension: JobLayout.Dimension, groups: [[Int]], collectives: [DimensionCollective],
        mapping: Mapping
    ) -> [Double] {
        guard !collectives.isEmpty else { return [Double](repeating: 0, count: groups.count) }
        // Ranks per node whose group leaves the node: they share its NICs (a rank in two groups,
        // a pipeline stage with two neighbours, counts once: it sends to them in turn).
        var crossing = [Int](repeating: 0, count: nicsOfNode.count)
        var counted = [Bool](repeating: false, count: mapping.slot.count)
        var spans = [Bool](repeating: false, count: groups.count)
        for (g, group) in groups.enumerated() {
            guard let first = group.first else { continue }
            let key = localKeyOfSlot[mapping.slot[first]]
            if group.contains(where: { localKeyOfSlot[mapping.slot[$0]] != key }) {
                spans[g] = true
                for rank in group where !counted[rank] {
                    counted[rank] = true
                    crossing[localNodeOfSlot[mapping.slot[rank]]] += 1
                }
            }
        }
        var result = [Double](repeating: 0, count: groups.count)
        // Neighbouring groups mostly share a shape: compare with the last one before hashing.
        var last: (shape: Shape, seconds: Double)?
        var touchedNodes: [Int] = []
        var localGPUs: [Int] = []
        var touchedKeys: [Int] = []
        for (g, group) in groups.enumerated() where group.count > 1 {
            let firstSlot = mapping.slot[group[0]]
            let firstNode = localNodeOfSlot[firstSlot]
            let firstKey = localKeyOfSlot[firstSlot]
            localGPUs.removeAll(keepingCapacity: true)
            var acrossRacks = false
            let rack = rackOfNode[firstNode]
            for rank in group {
                let slot = mapping.slot[rank]
                let node = localNodeOfSlot[slot]
                if nodeCount[node] == 0 { touchedNodes.append(node) }
                nodeCount[node] += 1
                let key = localKeyOfSlot[slot]
                if keyRanks[key] == 0 { touchedKeys.append(key) }
                keyRanks[key] += 1
                if key == firstKey { localGPUs.append(slots[slot].gpu) }
                if rack == nil || rackOfNode[node] != rack { acrossRacks = true }
            }
            var nics = 0.0
            if spans[g] {
                for node in touchedNodes where crossing[node] > 0 {
                    keyNICs[keyOfNode[node]] +=
                        nicsOfNode[node] * Double(nodeCount[node]) / Double(crossing[node])
                }
                nics = .infinity
                for key in touchedKeys { nics = min(nics, keyNICs[key]) }
            }
            var ranksPerNode = 1
            for key in touchedKeys { ranksPerNode = max(ranksPerNode, keyRanks[key]) }
            if ranksPerNode > 1 { localGPUs.sort() } else { localGPUs.removeAll(keepingCapacity: true) }
            let networkNodes = touchedKeys.count
            let firstInDomain = inDomain[firstNode]
            for node in touchedNodes { nodeCount[node] = 0 }
            for key in touchedKeys { keyRanks[key] = 0; keyNICs[key] = 0 }
            touchedNodes.removeAll(keepingCapacity: true)
            touchedKeys.removeAll(keepingCapacity: true)
            // The same shape as the last group: no key to build or hash.
            if let last, last.shape.type == typeOfNode[firstNode], last.shape.networkNodes == networkNodes,
                last.shape.ranksPerNode == ranksPerNode, last.shape.firstInDomain == firstInDomain,
                last.shape.nics == nics,
                last.shape.acrossRacks == (spans[g] && acrossRacks), last.shape.localGPUs == localGPUs
            {
                result[g] = last.seconds
                continue
            }
            let shape = Shape(
                dimension: dimension, type: typeOfNode[firstNode], networkNodes: networkNodes,
                ranksPerNode: ranksPerNode, localGPUs: localGPUs,
                firstInDomain: firstInDomain, nics: nics, acrossRacks: spans[g] && acrossRacks)
            if let cached = cache[shape] {
                result[g] = cached
                last = (shape, cached)
                continue
            }
            var group = CollectiveGroup(
                context: context, slots: group.map { (slots[mapping.slot[$0]].node, slots[mapping.slot[$0]].gpu) })
            if spans[g] { group = group.sharingNetwork(nics: nics, slowdown: shape.acrossRacks ? acrossRackFactor : 1) }
            let model = CollectiveModel(group: group)
            var seconds = 0.0
            for c in collectives where c.count > 0 && c.bytes > 0 {
                let bytes = Int(min(max(c.bytes.rounded(), 1), 1e18))
                seconds += c.count * (model.estimate(c.operation, bytes: bytes)?.seconds ?? 0)
            }
            cache[shape] = seconds
            last = (shape, seconds)
            shapesPriced += 1
            result[g] = seconds
        }
        return result
    }
}
