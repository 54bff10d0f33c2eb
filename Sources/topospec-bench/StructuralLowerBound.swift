import TopoSolver
import TopoTopology

/// A lower bound on the placement cost of a job whose traffic is TP rings, PP chains and DP
/// rings (the bench's job; nil for CP or EP, or above 2,048 nodes), from counting what the
/// machine allows rather than from distances alone.
///
/// Why it is a lower bound of `Mapping.cost` (Σ over edges of weight × distance) for every
/// one-to-one placement: fix any placement, let x be its TP groups inside one node and x + y
/// those inside one rack. The bound is a minimum over all feasible (x, y) — x ≤ Σ over nodes of
/// ⌊GPUs ÷ t⌋, x + y ≤ Σ over racks of ⌊GPUs ÷ t⌋, since whole groups occupy disjoint slots — of
/// a sum of three terms, each a lower bound on a disjoint part of the cost for that (x, y):
/// 1. TP edges (each ring edge weighs at least `w_TP`, the least TP edge weight). A ring of
///    t ≥ 3 ranks (one edge for t = 2) cut by a node boundary crosses it at least twice (a cycle
///    crosses every cut an even number of times), each crossing at least the least distance
///    between two nodes of one rack (group inside a rack) or of two racks (group across racks),
///    its other edges at least the least distance at all; a whole group's edges cost at least
///    the least distance inside a node that can hold it. Alternatively, each rank's two ring
///    neighbours sit on two other slots, so TP ≥ ½ Σ over slots of its two smallest distances to
///    other slots (`bySlots`); the larger of the two counts.
/// 2. PP and DP edges (weight at least `w_PP`, `w_DP`), at least the least distance between two
///    nodes each, except edges inside a node, which cost at least the least in-node distance.
///    A node of g ranks holds at most g − 1 edges of a set of disjoint chains and rings (an
///    induced forest of paths), g only when a whole ring fits in it; a node of exactly t GPUs
///    filled by a whole TP group holds none (its ranks differ only in their TP coordinate, and
///    PP and DP edges join ranks that differ in another one), and at least x − (whole groups
///    that nodes larger than t can hold) whole groups sit in such nodes. Every edge also costs at
///    least the least distance at all; the larger of the two counts.
/// 3. PP and DP edges that cross racks cost the difference between the least distance across
///    racks and between nodes on top of term 2 (no edge inside a node crosses racks). A rack of k
///    ranks that holds a whole TP group has ranks on t different DP rings and t different PP
///    chains, so at most k − (t − ⌊k ÷ dp⌋) DP edges and k − max(t, ⌈k ÷ pp⌉) PP edges inside it
///    (k minus the incomplete components); at least ⌈(x + y) ÷ (most groups a rack holds)⌉
///    distinct racks hold a whole group, each charged the smallest such loss over all racks;
///    every other rack is granted all k (DP) or k − ⌈k ÷ pp⌉ (PP) edges.
/// Weights are the least per dimension over all its ring and chain edges, so the bound does not
/// assume that groups weigh the same. `bench/scotch-compare.py` also checks that it lies below
/// every placement it scores (topospec's, Scotch's, the default order).
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
        // The least weight of a ring or chain edge of the dimension (neighbours in group order), from the graph.
        func edgeWeight(_ dimension: JobLayout.Dimension) -> Double {
            var least = Double.infinity
            for group in layout.groups(dimension) where group.count >= 2 {
                // Rings (TP, DP of 3 or more) also close from the last rank to the first.
                let closing = dimension != .pp && group.count >= 3 ? [(group[group.count - 1], group[0])] : []
                for (a, b) in Array(zip(group, group.dropFirst())) + closing {
                    least = min(least, graph.edges(of: a).first { Int($0.0) == b }?.1 ?? 0)
                }
            }
            return least.isFinite ? least : 0
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
