/// Local search one level up: exchanges the whole contents of two units of equal capacity (two
/// nodes' ranks, slot k for slot k), so that groups packed into a node move together, which
/// pair swaps of single processes cannot do without breaking the group first (the coarse
/// level of multilevel refinement, as in KaHIP / VieM's process mapping). Candidates: units
/// near a heavy partner of the unit's contents, and random units. Descent, then iterated local
/// search (a few exchanges, descent, keep the best) with the budget left. Exact incremental
/// deltas; deterministic for a given seed and budget.
public struct UnitSwapSearch: Sendable {
    public var seed: UInt64
    /// Most unit-pair evaluations.
    public var moves: Int
    /// Wall-clock cap, checked every 256 evaluations (nil: none).
    public var secondsCap: Double?

    public init(seed: UInt64 = 1, moves: Int = 200_000, secondsCap: Double? = nil) {
        self.seed = seed
        self.moves = moves
        self.secondsCap = secondsCap
    }

    /// Improves `mapping` in place; returns the number of unit-pair evaluations.
    ///
    /// - Parameters:
    ///   - mapping: The placement to improve; it is never made worse.
    ///   - graph: The processes' traffic.
    ///   - distance: The cost per unit of weight between slots.
    ///   - units: Groups of slots; only units of equal size are exchanged.
    /// - Returns: The unit-pair evaluations made; 0 when no two units have the same size or the graph
    ///   has no edges.
    /// - Complexity: At most `moves` evaluations (or `secondsCap`), each linear in the edges of the two
    ///   units' processes.
    @discardableResult
    public func improve(
        _ mapping: inout Mapping, _ graph: CommunicationGraph, _ distance: some SlotDistance,
        units: [[Int]]
    ) -> Int {
        var byCapacity: [Int: [Int]] = [:]
        for (u, slots) in units.enumerated() where slots.count > 0 { byCapacity[slots.count, default: []].append(u) }
        let peers = byCapacity.filter { $0.value.count > 1 }
        guard !peers.isEmpty, graph.neighbors.count > 0 else { return 0 }
        var random = RandomSource(seed: seed)
        var scratch = [Int](repeating: -1, count: graph.count)
        var budget = SearchBudget(moves: moves, secondsCap: secondsCap, checkInterval: 256)
        func outOfBudget() -> Bool { budget.isSpent() }
        // A unit of `a`'s capacity near a partner of one of `a`'s processes.
        func candidate(for a: Int, among same: [Int]) -> Int {
            let slots = units[a]
            let p = mapping.occupant[slots[random.below(slots.count)]]
            let lower = graph.offsets[p], upper = graph.offsets[p + 1]
            guard upper > lower else { return same[random.below(same.count)] }
            let q = Int(graph.neighbors[lower + random.below(upper - lower)])
            let target = mapping.slot[q]
            var best = same[random.below(same.count)]
            var bestDistance = distance.distance(units[best][0], target)
            for _ in 0..<7 {
                let c = same[random.below(same.count)]
                let d = distance.distance(units[c][0], target)
                if d < bestDistance { best = c; bestDistance = d }
            }
            return best
        }
        let order = peers.keys.sorted().flatMap { peers[$0] ?? [] }
        var cost = mapping.cost(graph, distance)
        let epsilon = 1e-12 * max(1, abs(cost))
        var log: [(Int, Int)] = []  // exchanges since the best placement, to undo them
        func exchange(_ a: Int, _ b: Int) {
            for (sa, sb) in zip(units[a], units[b]) { mapping.swap(mapping.occupant[sa], mapping.occupant[sb]) }
            log.append((a, b))
        }
        // Descent over a worklist: each unit tries a partner-near and a random exchange; the
        // units of an improving exchange are queued again.
        var queued = [Bool](repeating: false, count: units.count)
        func descend(_ start: [Int]) {
            var work = start
            for a in work { queued[a] = true }
            var head = 0
            while head < work.count && !outOfBudget() {
                let a = work[head]
                head += 1
                queued[a] = false
                guard let same = peers[units[a].count] else { continue }
                for attempt in 0..<2 {
                    if outOfBudget() { break }
                    let b = attempt == 0 ? candidate(for: a, among: same) : same[random.below(same.count)]
                    guard b != a else { continue }
                    budget.evaluations += 1
                    let delta = Self.delta(units[a], units[b], mapping, graph, distance, scratch: &scratch)
                    if delta < -epsilon {
                        exchange(a, b)
                        cost += delta
                        for u in [a, b] where !queued[u] { queued[u] = true; work.append(u) }
                    }
                }
                if head > 4096 && head * 2 > work.count {
                    work.removeFirst(head)
                    head = 0
                }
            }
            for a in work[head...] { queued[a] = false }
        }
        for _ in 0..<2 {
            var visit = order
            visit.shuffle(using: &random)
            descend(visit)
        }
        log.removeAll()
        // Iterated local search on the unit level: a few exchanges near a partner, descent,
        // keep the best (the budget left after the first descent).
        var bestCost = cost
        while !outOfBudget() {
            let kicks = 2 + random.below(3)
            var kicked: [Int] = []
            for _ in 0..<kicks where !outOfBudget() {
                let a = order[random.below(order.count)]
                guard let same = peers[units[a].count] else { continue }
                let b = candidate(for: a, among: same)
                budget.evaluations += 1  // counted even when it draws `a` itself, so every round spends budget
                guard b != a else { continue }
                cost += Self.delta(units[a], units[b], mapping, graph, distance, scratch: &scratch)
                exchange(a, b)
                kicked += [a, b]
            }
            descend(kicked)
            if cost < bestCost - epsilon {
                bestCost = cost
            } else {
                // Each exchange is its own inverse: undo them newest first.
                for (a, b) in log.reversed() {
                    for (sa, sb) in zip(units[a], units[b]) { mapping.swap(mapping.occupant[sa], mapping.occupant[sb]) }
                }
                cost = bestCost
            }
            log.removeAll(keepingCapacity: true)
        }
        return budget.evaluations
    }

    /// The change in cost if the occupants of slots `a[k]` and `b[k]` exchanged places for every k.
    @inlinable
    static func delta(
        _ a: [Int], _ b: [Int], _ mapping: Mapping, _ graph: CommunicationGraph,
        _ distance: some SlotDistance, scratch: inout [Int]
    ) -> Double {
        for (sa, sb) in zip(a, b) {
            scratch[mapping.occupant[sa]] = sb
            scratch[mapping.occupant[sb]] = sa
        }
        var total = 0.0
        for (sa, sb) in zip(a, b) {
            for side in 0..<2 {
                let p = mapping.occupant[side == 0 ? sa : sb]
                let old = mapping.slot[p], new = scratch[p]
                for e in graph.offsets[p]..<graph.offsets[p + 1] {
                    let q = Int(graph.neighbors[e])
                    let moved = scratch[q] >= 0
                    let change =
                        distance.distance(new, moved ? scratch[q] : mapping.slot[q])
                        - distance.distance(old, mapping.slot[q])
                    total += graph.weights[e] * change * (moved ? 0.5 : 1)
                }
            }
        }
        for (sa, sb) in zip(a, b) {
            scratch[mapping.occupant[sa]] = -1
            scratch[mapping.occupant[sb]] = -1
        }
        return total
    }
}
