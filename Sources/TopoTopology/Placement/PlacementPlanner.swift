import TopoModel
import TopoSolver

/// Finds where a job's ranks should run: evaluates the default rank order, every order of the
/// parallel dimensions (the fast path for regular jobs on regular clusters), then the solver's
/// structure-first packing and search; returns the best by `PlacementMetrics.isBetter(than:)`
/// (the measure `place` reports, so never worse than the default order), with the figures of each.
/// The search runs on the cheap surrogate (`ClusterDistance` link-seconds on a plain weighted
/// graph); every candidate it returns, and every dimension order, is then priced on the
/// collective model (`PlacementMetrics.secondsPerIteration`) and only that decides.
public struct PlacementPlanner: Sendable {
    /// One candidate order of the dimensions, fastest-varying first (`tp-cp-dp-pp` is
    /// Megatron's default).
    public struct Order: Sendable, Hashable {
        public var dimensions: [JobLayout.Dimension]
        public var name: String { dimensions.map(\.rawValue).joined(separator: "-") }

        public init(dimensions: [JobLayout.Dimension]) {
            self.dimensions = dimensions
        }
    }

    /// The outcome of planning.
    public struct Plan: Sendable {
        public var traffic: TrafficModel
        public var distance: ClusterDistance
        /// Rank r runs on `distance.slots[mapping.slot[r]]`.
        public var mapping: Mapping
        public var metrics: PlacementMetrics
        public var defaultMetrics: PlacementMetrics
        /// The best dimension order and its figures.
        public var bestOrder: Order
        public var bestOrderMetrics: PlacementMetrics
        /// "dimension order tp-cp-pp-dp" or the solver's method.
        public var method: String
        public var lowerBound: Double
        public var seconds: Double
    }

    public var seed: UInt64
    public var seconds: Double
    /// When false, only dimension orders are tried (what `topospec lint` does: fast).
    public var search: Bool

    public init(seed: UInt64 = 1, seconds: Double = 5, search: Bool = true) {
        self.seed = seed
        self.seconds = seconds
        self.search = search
    }

    /// Every order of the job's dimensions larger than 1, Megatron's default first.
    public static func orders(for layout: JobLayout) -> [Order] {
        let megatron: [JobLayout.Dimension] = [.tp, .cp, .dp, .pp]
        let active = megatron.filter { layout.groupSize($0) > 1 }
        var result: [Order] = [Order(dimensions: active)]
        func permute(_ prefix: [JobLayout.Dimension], _ rest: [JobLayout.Dimension]) {
            if rest.isEmpty {
                if prefix != active { result.append(Order(dimensions: prefix)) }
                return
            }
            for (i, d) in rest.enumerated() {
                var remaining = rest
                remaining.remove(at: i)
                permute(prefix + [d], remaining)
            }
        }
        permute([], active)
        return result
    }

    /// The placement that lays ranks on slots with `order`'s dimension varying fastest first.
    public static func mapping(for order: Order, layout: JobLayout) -> Mapping {
        var stride: [JobLayout.Dimension: Int] = [:]
        var step = 1
        for d in order.dimensions {
            stride[d] = step
            step *= layout.groupSize(d)
        }
        var permutation = [Int](repeating: 0, count: layout.size)
        let st = stride[.tp] ?? 0, sc = stride[.cp] ?? 0, sd = stride[.dp] ?? 0, sp = stride[.pp] ?? 0
        for rank in 0..<layout.size {
            let c = layout.coordinates(rank)
            permutation[rank] = c.tp * st + c.cp * sc + c.dp * sd + c.pp * sp
        }
        return Mapping(permutation) ?? .identity(layout.size)
    }

    public func plan(context: SpecAnalysis, job: Job, layout: JobLayout, traffic: TrafficModel,
                     progress: ((Double) -> Void)? = nil) -> Plan {
        let clock = ContinuousClock()
        let started = clock.now
        let distance = ClusterDistance(context: context, layout: layout)
        let orders = Self.orders(for: layout)
        let mappings = orders.map { Self.mapping(for: $0, layout: layout) }
        let graph = traffic.graph
        // Every candidate is judged by `PlacementMetrics.isBetter(than:)` on the figures `place`
        // reports, and none slower than the default order is returned.
        let defaultMetrics = PlacementMetrics(traffic: traffic, distance: distance, mapping: .identity(layout.size), context: context)
        // Megatron's order is the default order: its figures are not computed twice.
        let identity = Mapping.identity(layout.size)
        let orderMetrics = mappings.map { $0 == identity ? defaultMetrics
            : PlacementMetrics(traffic: traffic, distance: distance, mapping: $0, context: context) }
        var bestIndex = 0
        for i in orderMetrics.indices.dropFirst() where orderMetrics[i].isNoSlower(than: defaultMetrics)
            && orderMetrics[i].isBetter(than: orderMetrics[bestIndex]) { bestIndex = i }
        var mapping = mappings[bestIndex]
        var metrics = orderMetrics[bestIndex]
        var method = "dimension order \(orders[bestIndex].name)"
        if defaultMetrics.isBetter(than: metrics) {
            mapping = .identity(layout.size)
            metrics = defaultMetrics
            method = "default order"
        }
        var lowerBound = ProcessMapper.sparseLowerBound(graph, distance)
        if search {
            // Rank sequences with each order's dimensions varying fastest first, for packing.
            let sequences = mappings.map(\.occupant)
            let result = ProcessMapper(seed: seed, seconds: seconds).map(graph, distance, starts: mappings, sequences: sequences,
                                                                        progress: progress)
            lowerBound = result.lowerBound
            let found: [(Mapping, String)] = [(result.mapping, result.method)]
                + (result.structured.map { [($0, "structured packing (sparse, n = \(layout.size))")] } ?? [])
            for (candidate, name) in found where candidate != mapping {
                let m = PlacementMetrics(traffic: traffic, distance: distance, mapping: candidate, context: context)
                if m.isNoSlower(than: defaultMetrics) && m.isBetter(than: metrics) {
                    mapping = candidate
                    metrics = m
                    method = name
                }
            }
        }
        let elapsed = clock.now - started
        return Plan(traffic: traffic, distance: distance, mapping: mapping, metrics: metrics, defaultMetrics: defaultMetrics,
                    bestOrder: orders[bestIndex], bestOrderMetrics: orderMetrics[bestIndex], method: method,
                    lowerBound: min(lowerBound, metrics.objective),
                    seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
