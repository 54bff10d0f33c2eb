/// The solver's front door: maps the processes of a communication graph onto slots to minimize
/// Σ weight × distance. Structure first: the caller's process sequences (and the greedy
/// construction's) are packed into the distance's units (`StructuredPacking`) and the best
/// packing is refined by exchanging whole units (`UnitSwapSearch`). Then small instances (up
/// to `denseLimit` processes) are solved as dense QAPs with robust tabu search and large ones
/// with `MappingSearch`, from the best of all starts. Reports a lower bound: Gilmore–Lawler for
/// dense instances, a per-process sorted-distance bound otherwise.
public struct ProcessMapper: Sendable {
    public var seed: UInt64
    public var seconds: Double
    public var denseLimit: Int

    /// A mapper with the given search settings.
    ///
    /// - Parameters:
    ///   - seed: The seed of every random choice; the same seed gives the same result.
    ///   - seconds: The time the searches may take (a cap: they also stop after their move budget).
    ///   - denseLimit: The most processes solved as a dense QAP by robust tabu search.
    public init(seed: UInt64 = 1, seconds: Double = 2, denseLimit: Int = 128) {
        self.seed = seed
        self.seconds = seconds
        self.denseLimit = denseLimit
    }

    /// The outcome of mapping.
    public struct Result: Sendable {
        public var mapping: Mapping
        public var cost: Double
        /// The cost of each starting placement, in the order given (the greedy construction the
        /// mapper adds itself is not listed).
        public var startCosts: [Double]
        public var lowerBound: Double
        public var method: String
        /// The structure-first start after unit exchanges (nil when the slots form no units
        /// larger than one), for callers that compare placements by another measure.
        public var structured: Mapping?

        public init(
            mapping: Mapping, cost: Double, startCosts: [Double], lowerBound: Double, method: String,
            structured: Mapping? = nil
        ) {
            self.mapping = mapping
            self.cost = cost
            self.startCosts = startCosts
            self.lowerBound = lowerBound
            self.method = method
            self.structured = structured
        }
    }

    /// Maps `graph` onto `distance`'s slots. `starts` are complete placements to begin from;
    /// `sequences` are process orders (most tightly coupled processes adjacent) to pack.
    ///
    /// - Parameters:
    ///   - graph: The processes' traffic; its process count must equal `distance.slotCount`.
    ///   - distance: The cost per unit of weight between slots.
    ///   - starts: Complete placements to begin from; none means the identity.
    ///   - sequences: Process orders to pack into units, besides the greedy order.
    ///   - progress: Called with the fraction of the search's time used; nil for no reports.
    /// - Returns: The best mapping found and its cost, each start's cost, a lower bound (at most the
    ///   cost), the method, and the structure-first start.
    /// - Complexity: O(*n*²) memory and tabu iterations up to `denseLimit` processes; beyond it, bounded
    ///   by the move budgets (proportional to the edges) and `seconds`.
    @inlinable
    public func map(
        _ graph: CommunicationGraph, _ distance: some SlotDistance, starts: [Mapping],
        sequences: [[Int]] = [], progress: ((Double) -> Void)? = nil
    ) -> Result {
        let n = graph.count
        // The caller's starts, then the greedy construction and the structured start (reported separately).
        let given = starts.isEmpty ? [Mapping.identity(n)] : starts
        let greedy = GreedyGrowing.order(graph)
        var candidates = given + [GreedyGrowing.mapping(graph)]
        let structured = structuredStart(graph, distance, sequences: sequences + [greedy])
        if let structured { candidates.append(structured) }
        let allCosts = candidates.map { $0.cost(graph, distance) }
        let startCosts = Array(allCosts.prefix(given.count))
        let first = allCosts.indices.min { allCosts[$0] < allCosts[$1] } ?? 0
        if n <= denseLimit {
            // Dense QAP whose cost equals the sparse cost: each undirected edge split in halves.
            var flow = [Double](repeating: 0, count: n * n)
            for u in 0..<n { for (v, w) in graph.edges(of: u) { flow[u * n + Int(v)] = w / 2 } }
            var matrix = [Double](repeating: 0, count: n * n)
            for a in 0..<n { for b in 0..<n where a != b { matrix[a * n + b] = distance.distance(a, b) } }
            let q = QAPInstance(n: n, flow: flow, distance: matrix)
            let search = RobustTabuSearch(iterations: max(2000, 20 * n), seed: seed, secondsCap: seconds)
            let result = search.solve(q, start: candidates[first].slot)
            var mapping = candidates[first]
            var cost = allCosts[first]
            if result.cost < cost, let m = Mapping(result.permutation) {
                mapping = m
                cost = m.cost(graph, distance)
            }
            progress?(1)
            return Result(
                mapping: mapping, cost: cost, startCosts: startCosts,
                lowerBound: min(cost, GilmoreLawlerBound.bound(q)), method: "robust tabu search (dense, n = \(n))",
                structured: structured)
        }
        let moves = Self.pairSwapMoves(graph)
        let search = MappingSearch(seed: seed, moves: moves, secondsCap: structured == nil ? seconds : seconds * 0.65)
        var result = search.improve(graph, distance, starts: candidates, progress: progress)
        // Back up one level: whole-unit exchanges on the refined placement (a V-cycle).
        if structured != nil {
            var mapping = result.mapping
            let units = StructuredPacking.units(distance)
            UnitSwapSearch(seed: seed &+ 7, moves: Self.unitSwapMoves(units.count), secondsCap: seconds * 0.1)
                .improve(&mapping, graph, distance, units: units)
            let c = mapping.cost(graph, distance)
            if c < result.cost { result.mapping = mapping; result.cost = c }
        }
        return Result(
            mapping: result.mapping, cost: result.cost, startCosts: startCosts,
            lowerBound: min(result.cost, Self.sparseLowerBound(graph, distance)),
            method: "structured packing + local search (sparse, n = \(n))", structured: structured)
    }

    /// The best packing of `sequences` into the distance's units at each common unit capacity,
    /// refined by exchanging whole clusters, then whole units (from the best three packings);
    /// nil when no unit holds more than one slot.
    ///
    /// - Parameters:
    ///   - graph: The processes' traffic.
    ///   - distance: The cost per unit of weight between slots, whose groups are the units.
    ///   - sequences: Process orders to pack; those not of the graph's length are skipped.
    /// - Returns: The best refined packing, or nil.
    /// - Complexity: Two packings per sequence and capacity (at most 3 capacities), then unit exchanges
    ///   bounded by moves and a quarter of `seconds`.
    @inlinable
    public func structuredStart(
        _ graph: CommunicationGraph, _ distance: some SlotDistance, sequences: [[Int]]
    ) -> Mapping? {
        let units = StructuredPacking.units(distance)
        let capacities = StructuredPacking.capacities(units)
        guard !capacities.isEmpty else { return nil }
        // The best few packings (one above 16,384 processes), kept as they are made so that
        // memory stays at a few placements.
        let starts = graph.count > 16_384 ? 1 : 3
        var packings: [(mapping: Mapping, clusters: [[Int]], cost: Double)] = []
        let rackMajor = StructuredPacking.rackMajor(units, distance)
        for sequence in sequences where sequence.count == graph.count {
            for capacity in capacities {
                for packed in [
                    StructuredPacking.pack(sequence: sequence, units: units, capacity: capacity, distance: distance),
                    StructuredPacking.walk(
                        sequence: sequence, units: rackMajor, capacity: capacity, distance: distance),
                ] {
                    guard let packed else { continue }
                    let c = packed.mapping.cost(graph, distance)
                    guard packings.count < starts || c < (packings.last?.cost ?? .infinity),
                        !packings.contains(where: { $0.mapping == packed.mapping })
                    else { continue }
                    packings.append((packed.mapping, packed.clusters, c))
                    packings.sort { $0.cost < $1.cost }
                    if packings.count > starts { packings.removeLast() }
                }
            }
        }
        // Each refined by exchanging whole clusters (whole nodes, or the pieces of a split group),
        // then whole units; the best wins (several starts, so one start's local optimum does not decide).
        let moves = Self.unitSwapMoves(units.count)
        var best: Mapping?
        var bestCost = Double.infinity
        for (k, packed) in packings.enumerated() {
            var mapping = packed.mapping
            let share = seconds * 0.25 / Double(2 * min(starts, packings.count))
            let seed = self.seed &+ UInt64(2 * k)
            UnitSwapSearch(seed: seed, moves: moves, secondsCap: share).improve(
                &mapping, graph, distance, units: packed.clusters)
            UnitSwapSearch(seed: seed &+ 1, moves: moves, secondsCap: share).improve(
                &mapping, graph, distance, units: units)
            let c = mapping.cost(graph, distance)
            if c < bestCost { best = mapping; bestCost = c }
        }
        return best
    }

    /// The move budget of one unit-exchange search over `units` units: 40 per unit, at least
    /// 30,000, at most 2,000,000. The floor was 40,000: at 1,024 ranks (144 units) the seven unit
    /// searches spent four fifths of `place`'s time in it. 30,000 keeps every instance of
    /// `bench/scotch-compare.py` at or below Scotch; 20,000 did not (512 ranks, partially allocated).
    @inlinable
    static func unitSwapMoves(_ units: Int) -> Int { min(2_000_000, max(30_000, 40 * units)) }

    /// The move budget of the pair-swap search: ten per edge end, at least 50,000 (was 200,000: the
    /// pair swaps converge long before it on small instances), at most 20,000,000.
    @inlinable
    static func pairSwapMoves(_ graph: CommunicationGraph) -> Int {
        min(20_000_000, max(50_000, 10 * graph.neighbors.count))
    }

    /// ½ Σ over processes of the cheapest its edges could be: its weights (descending) against
    /// the smallest distances (ascending) from the best slot profile. Valid because each edge is
    /// counted from both ends and no slot offers shorter distances than its sorted list.
    ///
    /// - Parameters:
    ///   - graph: The processes' traffic.
    ///   - distance: The slots; each distinct `profileKey` is asked once for its smallest distances.
    /// - Returns: A lower bound on `Mapping.cost` over every mapping; 0 for a graph without edges.
    /// - Complexity: O(*s* + *k* · *d* + *n* · (*d* log *d* + *k* · *d*)) for *s* slots, *k* profiles,
    ///   *n* processes and largest degree *d*, plus *k* calls to `smallestDistances`.
    public static func sparseLowerBound(_ graph: CommunicationGraph, _ distance: some SlotDistance) -> Double {
        var maxDegree = 0
        for p in 0..<graph.count { maxDegree = max(maxDegree, graph.degree(p)) }
        guard maxDegree > 0 else { return 0 }
        var profiles: [Int: [Double]] = [:]
        var keys: [Int] = []
        for s in 0..<distance.slotCount {
            let key = distance.profileKey(of: s)
            if profiles[key] == nil {
                profiles[key] = distance.smallestDistances(from: s, count: maxDegree)
                keys.append(key)
            }
        }
        var total = 0.0
        for p in 0..<graph.count {
            let weights = graph.edges(of: p).map(\.1).sorted(by: >)
            var cheapest = Double.infinity
            for key in keys {
                guard let d = profiles[key] else { continue }
                var sum = 0.0
                for (m, w) in weights.enumerated() { sum += w * (m < d.count ? d[m] : (d.last ?? 0)) }
                cheapest = min(cheapest, sum)
            }
            if cheapest.isFinite { total += cheapest }
        }
        return total / 2
    }
}
