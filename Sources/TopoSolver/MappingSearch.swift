/// Local search for process mapping on large sparse instances: from the best of the given
/// starting placements, pair swaps that move a process next to its partners (candidates from
/// the slot group of a weight-sampled neighbour), accepted when the incremental delta improves
/// the cost; then iterated perturbation (a few random swaps in a partner's group) and descent,
/// keeping the best. Deterministic for a given seed and move budget.
public struct MappingSearch: Sendable {
    public var seed: UInt64
    /// Most swap evaluations in total.
    public var moves: Int
    /// Wall-clock cap, checked every 1,024 evaluations (nil: none).
    public var secondsCap: Double?

    public init(seed: UInt64 = 1, moves: Int = 2_000_000, secondsCap: Double? = nil) {
        self.seed = seed
        self.moves = moves
        self.secondsCap = secondsCap
    }

    /// The outcome of a search.
    public struct Result: Sendable {
        public var mapping: Mapping
        public var cost: Double
        public var evaluations: Int
        /// Index of the starting placement the search began from.
        public var start: Int

        public init(mapping: Mapping, cost: Double, evaluations: Int, start: Int) {
            self.mapping = mapping
            self.cost = cost
            self.evaluations = evaluations
            self.start = start
        }
    }

    /// Improves the cheapest of `starts` by pair swaps and iterated perturbation.
    ///
    /// - Parameters:
    ///   - graph: The processes' traffic.
    ///   - distance: The cost per unit of weight between slots.
    ///   - starts: Complete placements; the cheapest is the start (none: the identity).
    ///   - progress: Called with the fraction of the move budget used; nil for no reports.
    /// - Returns: The best mapping and its cost, the evaluations made and which start it began from.
    /// - Complexity: At most `moves` swap evaluations (or `secondsCap`), each O(degree) of the two
    ///   processes, after one O(*n* + *e*) cost per start.
    @inlinable
    public func improve(
        _ graph: CommunicationGraph, _ distance: some SlotDistance, starts: [Mapping],
        progress: ((Double) -> Void)? = nil
    ) -> Result {
        let n = graph.count
        var chosen = 0
        var current = starts.first ?? Mapping.identity(n)
        var cost = current.cost(graph, distance)
        for (i, s) in starts.enumerated().dropFirst() {
            let c = s.cost(graph, distance)
            if c < cost - 1e-15 * abs(cost) { current = s; cost = c; chosen = i }
        }
        guard n >= 2, graph.neighbors.count > 0 else {
            return Result(mapping: current, cost: cost, evaluations: 0, start: chosen)
        }
        var random = RandomSource(seed: seed)
        var best = current
        var bestCost = cost
        var budget = SearchBudget(moves: moves, secondsCap: secondsCap, checkInterval: 1024)
        func outOfBudget() -> Bool { budget.isSpent() }
        let epsilon = 1e-12
        // A candidate partner slot for process x: the group of a neighbour sampled by weight.
        func candidate(for x: Int) -> Int? {
            let lower = graph.offsets[x], upper = graph.offsets[x + 1]
            guard upper > lower else { return nil }
            var total = 0.0
            for e in lower..<upper { total += graph.weights[e] }
            var pick = Double(random.next() >> 11) / Double(1 << 53) * total
            var chosenNeighbor = Int(graph.neighbors[lower])
            for e in lower..<upper {
                pick -= graph.weights[e]
                if pick <= 0 { chosenNeighbor = Int(graph.neighbors[e]); break }
            }
            let group = distance.slots(inGroup: distance.group(of: current.slot[chosenNeighbor]))
            guard !group.isEmpty else { return nil }
            return current.occupant[group[random.below(group.count)]]
        }
        func descend() {
            var improved = true
            var order = Array(0..<n)
            while improved && !outOfBudget() {
                improved = false
                order.shuffle(using: &random)
                for x in order {
                    if outOfBudget() { return }
                    // A few partner-group candidates and one uniform candidate per process.
                    for attempt in 0..<3 {
                        let y = attempt < 2 ? (candidate(for: x) ?? random.below(n)) : random.below(n)
                        guard y != x else { continue }
                        budget.evaluations += 1
                        let d = current.swapDelta(x, y, graph, distance)
                        if d < -epsilon * max(1, abs(cost)) {
                            current.swap(x, y)
                            cost += d
                            improved = true
                        }
                    }
                }
                progress?(Double(budget.evaluations) / Double(max(1, moves)))
            }
        }
        descend()
        if cost < bestCost { best = current; bestCost = cost }
        // Iterated local search: perturb the best placement and descend again.
        while !outOfBudget() {
            current = best
            cost = bestCost
            let kicks = max(2, min(32, n / 50))
            for _ in 0..<kicks {
                let x = random.below(n)
                if let y = candidate(for: x), y != x {
                    cost += current.swapDelta(x, y, graph, distance)
                    current.swap(x, y)
                }
            }
            descend()
            if cost < bestCost - epsilon * max(1, abs(bestCost)) {
                best = current
                bestCost = cost
            }
        }
        // Recompute from scratch: the incremental sum must agree (tests check it does).
        return Result(mapping: best, cost: best.cost(graph, distance), evaluations: budget.evaluations, start: chosen)
    }
}
