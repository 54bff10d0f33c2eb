import TopoSolver
import TopoTopology

/// A lower bound on the placement cost of a job whose traffic is TP rings, PP chains and DP
/// rings (the bench's job; nil for CP or EP, or above 2,048 nodes), from counting what the
/// machine allows rather than from distances alone:
/// - a TP group costs its ring at the cheapest in-node distance only when all its ranks share a
///   node, and at most Σ over nodes of ⌊GPUs ÷ TP⌋ groups can; a group that does not is cut in
///   at least two ring edges (one for TP 2), each at least the cheapest distance between nodes
///   of one rack — or between racks when the group is not inside one rack either, which at
///   most Σ over racks of ⌊GPUs ÷ TP⌋ groups are;
/// - every PP and DP edge costs at least the cheapest distance between two nodes, except the
///   edges inside a node: per dimension at most one fewer than the node's GPUs (its ring, when
///   the node can hold a whole one), and none in a node filled by a whole TP group.
/// - and TP costs at least, for every slot, its ring edges at the smallest distances from it.
/// - a rack that holds a whole TP group has ranks on t DP rings and t PP chains, which caps the
///   DP and PP edges inside it; the others cross racks.
/// The bound is the least of these over how many groups are whole in a node and in a rack.
enum StructuralLowerBound {
    static func compute(traffic: TrafficModel, distance: ClusterDistance, graph: CommunicationGraph) -> Double? {
        let layout = traffic.layout
        guard layout.cp == 1, layout.ep == 1, layout.tp >= 2 else { return nil }
        let units = StructuredPacking.units(distance)
        guard units.count <= 2048 else { return nil }
        // Distances: cheapest inside a node (and inside nodes that can hold a TP group), between
        // nodes of one rack, between racks. Racks below 0 (none) count as one rack per node.
        let t = layout.tp
        var inNode = Double.infinity, inWholeNode = Double.infinity
        for unit in units {
            var least = Double.infinity
            for (i, a) in unit.enumerated() {
                for b in unit[(i + 1)...] { least = min(least, distance.distance(a, b)) }
            }
            inNode = min(inNode, least)
            if unit.count >= t { inWholeNode = min(inWholeNode, least) }
        }
        func rack(_ u: Int) -> Int {
            let r = distance.superGroup(of: units[u][0])
            return r >= 0 ? r : -1 - u
        }
        var sameRack = Double.infinity, acrossRacks = Double.infinity
        for u in units.indices {
            for v in (u + 1)..<units.count {
                let d = distance.distance(units[u][0], units[v][0])
                if rack(u) == rack(v) { sameRack = min(sameRack, d) } else { acrossRacks = min(acrossRacks, d) }
            }
        }
        let betweenNodes = min(sameRack, acrossRacks)
        guard betweenNodes.isFinite else { return nil }
        if !sameRack.isFinite { sameRack = acrossRacks }
        if !acrossRacks.isFinite { acrossRacks = sameRack }
        let cheapest = min(inNode, betweenNodes)
        // Edge weight of one group's ring or chain edge, from the graph.
        func edgeWeight(_ dimension: JobLayout.Dimension) -> Double {
            guard let group = layout.groups(dimension).first, group.count >= 2 else { return 0 }
            return graph.edges(of: group[0]).first { Int($0.0) == group[1] }?.1 ?? 0
        }
        // TP: node-whole, rack-whole and other groups.
        let groups = layout.size / t
        let ringEdges = t >= 3 ? t : 1, cutEdges = t >= 3 ? 2 : 1
        let wTP = edgeWeight(.tp)
        let whole = inWholeNode.isFinite ? Double(ringEdges) * wTP * inWholeNode : .infinity
        let splitInRack = wTP * (Double(ringEdges - cutEdges) * cheapest + Double(cutEdges) * sameRack)
        let splitAcross = wTP * (Double(ringEdges - cutEdges) * cheapest + Double(cutEdges) * acrossRacks)
        var nodeWhole = 0, exactNodes = 0, largerNodeGroups = 0
        var rackSlots: [Int: Int] = [:]
        for (u, unit) in units.enumerated() {
            nodeWhole += unit.count / t
            if unit.count == t { exactNodes += 1 } else { largerNodeGroups += unit.count / t }
            rackSlots[rack(u), default: 0] += unit.count
        }
        let rackWhole = max(nodeWhole, min(groups, rackSlots.values.reduce(0) { $0 + $1 / t }))
        // Per slot: each rank's ring edges cost at least the smallest distances from its slot
        // (in its node, else between nodes), so TP costs at least ½ Σ over slots of them.
        var bySlots = 0.0
        for unit in units {
            for a in unit {
                var nearest = unit.filter { $0 != a }.map { distance.distance(a, $0) } + [betweenNodes, betweenNodes]
                nearest.sort()
                bySlots += t >= 3 ? (nearest[0] + nearest[1]) / 2 : nearest[0] / 2
            }
        }
        bySlots *= wTP
        nodeWhole = min(nodeWhole, groups)
        // PP and DP: every edge at the cheapest distance between nodes, less what edges inside
        // nodes could save.
        var restWeight = 0.0
        var rest: [(weight: Double, ringFits: (Int) -> Bool)] = []
        for dimension in [JobLayout.Dimension.pp, .dp] where layout.groupSize(dimension) > 1 {
            let size = layout.groupSize(dimension)
            let w = edgeWeight(dimension)
            let edges = dimension == .pp ? size - 1 : (size >= 3 ? size : 1)
            restWeight += w * Double(edges * layout.groups(dimension).count)
            rest.append((w, { g in dimension == .dp && size >= 3 && size <= g }))
        }
        // Edges inside nodes, per dimension: a node of g GPUs holds at most g − 1 (g when a
        // whole ring fits); a node of exactly t GPUs filled by a TP group holds none.
        let inNodeEdges = rest.map { dimension in
            units.reduce(0) { $0 + ($1.count < 2 ? 0 : (dimension.ringFits($1.count) ? $1.count : $1.count - 1)) }
        }
        func saving(wholeInExactNodes: Int) -> Double {
            var total = 0.0
            for (k, dimension) in rest.enumerated() {
                let lostPerNode = dimension.ringFits(t) ? t : t - 1
                let edges = inNodeEdges[k] - wholeInExactNodes * lostPerNode
                total += dimension.weight * max(0, betweenNodes - inNode) * Double(max(0, edges))
            }
            return total
        }
        // Racks: a rack holding a whole TP group has ranks on t different DP rings and t different
        // PP chains, so at most k − (t − complete rings) DP edges and k − max(t, ⌈k ÷ PP⌉) PP edges
        // inside it; every other DP and PP edge crosses racks. At least ⌈h ÷ (most groups a rack
        // holds)⌉ racks hold one of h rack-whole groups; the rest are granted every edge.
        let racks = rackSlots.values.sorted()
        let perRack = racks.map { $0 / t }.max() ?? 0
        let dpSize = layout.dp, ppSize = layout.pp
        let wDP = edgeWeight(.dp), wPP = edgeWeight(.pp)
        let dpEdges = dpSize >= 3 ? layout.size : 0
        let ppEdges = ppSize >= 2 ? layout.size / ppSize * (ppSize - 1) : 0
        let dpPenalty = racks.map { max(0, t - $0 / max(1, dpSize)) }.min() ?? 0
        let ppFree = racks.reduce(0) { $0 + $1 - ($1 + ppSize - 1) / max(1, ppSize) }
        let ppPenalty = racks.map { max(0, t - ($0 + ppSize - 1) / max(1, ppSize)) }.min() ?? 0
        let rackExtra = max(0, acrossRacks - betweenNodes)
        func acrossRackCost(wholeInRacks h: Int) -> Double {
            guard h > 0, perRack > 0, racks.count > 1 else { return 0 }
            let forced = (h + perRack - 1) / perRack
            let dpAcross = dpSize >= 3 ? max(0, dpEdges - layout.size + forced * dpPenalty) : 0
            let ppAcross = ppSize >= 2 ? max(0, ppEdges - ppFree + forced * ppPenalty) : 0
            return (Double(dpAcross) * wDP + Double(ppAcross) * wPP) * rackExtra
        }
        var best = Double.infinity
        for x in 0...nodeWhole {
            for y in 0...max(0, min(rackWhole, groups) - x) {
                let tp = max(
                    bySlots, Double(x) * whole + Double(y) * splitInRack + Double(groups - x - y) * splitAcross)
                let inExact = max(0, x - largerNodeGroups)
                let others = restWeight * betweenNodes - saving(wholeInExactNodes: min(inExact, exactNodes))
                let total = tp + max(restWeight * cheapest, others) + acrossRackCost(wholeInRacks: x + y)
                if x == 0 || whole.isFinite { best = min(best, total) }
            }
        }
        return best.isFinite ? best : nil
    }
}
