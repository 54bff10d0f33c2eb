/// Solves a dense QAP instance within a time budget: robust tabu search from several
/// deterministic starting permutations (restarts), keeping the best, and the Gilmore–Lawler
/// lower bound for the gap.
public struct QAPSolver: Sendable {
    public var seconds: Double
    public var seed: UInt64
    /// A known optimum or best value: stop as soon as it is reached.
    public var target: Double?

    public init(seconds: Double = 1, seed: UInt64 = 1, target: Double? = nil) {
        self.seconds = seconds
        self.seed = seed
        self.target = target
    }

    /// The outcome of a solve.
    public struct Result: Sendable {
        public var permutation: [Int]
        public var cost: Double
        public var iterations: Int
        public var lowerBound: Double?
    }

    /// Solves `q` within `seconds`: a tabu search from the identity, then from shuffled starts until the
    /// time is up or `target` is reached.
    ///
    /// - Parameter q: The instance.
    /// - Returns: The best permutation and its cost, the tabu iterations of all rounds, and the
    ///   Gilmore–Lawler bound when n ≤ 400 (nil above).
    /// - Complexity: Bounded by `seconds` (at least one round), plus O(*n*³) for the bound.
    public func solve(_ q: QAPInstance) -> Result {
        let n = q.n
        let clock = ContinuousClock()
        let started = clock.now
        func left() -> Double {
            let elapsed = clock.now - started
            return seconds - Double(elapsed.components.seconds) - Double(elapsed.components.attoseconds) / 1e18
        }
        var random = RandomSource(seed: seed)
        var best = Array(0..<n)
        var bestCost = q.cost(best)
        var total = 0
        var round = 0
        // The bound is computed after the search; keep time for it on large instances.
        while left() > 0.005 + (n > 100 ? 0.05 : 0) || round == 0 {
            var start = Array(0..<n)
            if round > 0 { start.shuffle(using: &random) }
            let search = RobustTabuSearch(
                iterations: max(1000, 200 * n * n / max(1, n / 10)), seed: seed &+ UInt64(round),
                target: target, secondsCap: max(0.001, left()))
            let result = search.solve(q, start: start)
            total += result.iterations
            if result.cost < bestCost {
                bestCost = result.cost
                best = result.permutation
            }
            round += 1
            if let target, bestCost <= target { break }
            if n < 2 { break }
        }
        return Result(
            permutation: best, cost: bestCost, iterations: total,
            lowerBound: n <= 400 ? GilmoreLawlerBound.bound(q) : nil)
    }
}
