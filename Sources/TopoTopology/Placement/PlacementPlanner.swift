import TopoDiagnostics
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
        /// What was cut short to stay within `seconds` (orders not evaluated, the search skipped
        /// or shortened), for the report to say; empty when nothing was.
        public var cutShort: [String] = []
    }

    public var seed: UInt64
    /// With `search`, the most seconds the whole plan may take: evaluating the orders (stopped
    /// after half of it), the search (what is left, less the final evaluations) and all.
    public var seconds: Double
    /// When false, only dimension orders are tried (what `topospec lint` does: fast).
    public var search: Bool

    /// A planner with the given search settings.
    ///
    /// - Parameters:
    ///   - seed: The seed of the solver's random starts; the same seed gives the same plan.
    ///   - seconds: The time budget of the whole plan when `search` is true.
    ///   - search: Whether to run the solver after the dimension orders.
    public init(seed: UInt64 = 1, seconds: Double = 5, search: Bool = true) {
        self.seed = seed
        self.seconds = seconds
        self.search = search
    }

    /// Units of work one evaluation of a placement costs (`PlacementMetrics`: a pass over the
    /// sends, one over the ranks' groups): ranks plus sends, counted from the layout without
    /// building the traffic (TP, CP, DP: one send per rank each; EP: ep − 1 per rank; PP: two per
    /// neighbouring pair of stages). What budgets compare, and `WorkCounter.placementWork` counts.
    ///
    /// - Parameter layout: The job's layout.
    /// - Returns: The units, capped at `Int.max / 64`.
    public static func evaluationCost(_ layout: JobLayout) -> Int {
        let size = Double(layout.size)
        var units = size
        for d in [JobLayout.Dimension.tp, .cp, .dp] where layout.groupSize(d) > 1 { units += size }
        if layout.ep > 1 { units += size * Double(layout.ep - 1) }
        if layout.pp > 1 { units += 2 * size * Double(layout.pp - 1) / Double(layout.pp) }
        return units >= Double(Int.max / 64) ? Int.max / 64 : Int(units)
    }

    /// Units of work of planning without search (`search: false`, what TS218 and `diff` do):
    /// every order of the dimensions evaluated once (the first, Megatron's, is the default order).
    ///
    /// - Parameter layout: The job's layout.
    /// - Returns: The number of orders times `evaluationCost(_:)`.
    public static func ordersCost(_ layout: JobLayout) -> Int {
        orders(for: layout).count * evaluationCost(layout)
    }

    /// Every order of the job's dimensions larger than 1, Megatron's default first.
    ///
    /// - Parameter layout: The job's layout; TP, CP, DP and PP take part, EP does not.
    /// - Returns: *k*! orders for *k* dimensions larger than 1 (one empty order when there are none).
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
    ///
    /// - Parameters:
    ///   - order: The dimension order, fastest-varying first.
    ///   - layout: The job's layout, for its group sizes and rank coordinates.
    /// - Returns: The mapping from ranks to slots; the identity when the order does not yield a
    ///   permutation.
    /// - Complexity: O(`layout.size`).
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

    /// Plans the placement of one job.
    ///
    /// - Parameters:
    ///   - context: The analysed spec.
    ///   - job: The job; it is not read beyond what `layout` and `traffic` carry.
    ///   - layout: The job's default layout, whose slots are placed.
    ///   - traffic: The job's transfers, as `TrafficModel(layout:volumes:)` builds them.
    ///   - progress: Called by the search with the fraction of its time used; nil for no reports.
    /// - Returns: The best placement found, never slower than the default order, with the default and
    ///   best-order figures, a lower bound on the objective and what was cut short.
    /// - Complexity: *k*! evaluations of `evaluationCost(_:)` units for *k* dimensions larger than 1, plus
    ///   with `search` the solver, bounded by `seconds`.
    public func plan(
        context: SpecAnalysis, job: Job, layout: JobLayout, traffic: TrafficModel,
        progress: ((Double) -> Void)? = nil
    ) -> Plan {
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        let distance = ClusterDistance(context: context, layout: layout)
        let cost = Self.evaluationCost(layout)
        var cutShort: [String] = []
        let allOrders = Self.orders(for: layout)
        // Every candidate is judged by `PlacementMetrics.isBetter(than:)` on the figures `place`
        // reports, and none slower than the default order is returned.
        let defaultMetrics = PlacementMetrics(
            traffic: traffic, distance: distance, mapping: .identity(layout.size), context: context)
        WorkCounter.add(cost, .placementWork)
        let evaluationSeconds = elapsed()
        // With a search, `seconds` bounds the whole plan: the orders get at most half of it
        // (Megatron's default first), the search what is left after them.
        var orders: [Order] = []
        var orderMetrics: [PlacementMetrics] = []
        var mappings: [Mapping] = []
        let identity = Mapping.identity(layout.size)
        for order in allOrders {
            if search, !orders.isEmpty, elapsed() + evaluationSeconds > seconds / 2 {
                cutShort.append(
                    "\(allOrders.count - orders.count) of \(allOrders.count) dimension orders not evaluated: the time bound was reached (\(Format.oneDecimal(seconds)) s were left for the plan, one evaluation takes \(Format.oneDecimal(evaluationSeconds)) s)"
                )
                break
            }
            let m = Self.mapping(for: order, layout: layout)
            orders.append(order)
            mappings.append(m)
            // Megatron's order is the default order: its figures are already there.
            if m == identity {
                orderMetrics.append(defaultMetrics)
                continue
            }
            orderMetrics.append(PlacementMetrics(traffic: traffic, distance: distance, mapping: m, context: context))
            WorkCounter.add(cost, .placementWork)
        }
        var bestIndex = 0
        for i in orderMetrics.indices.dropFirst()
        where orderMetrics[i].isNoSlower(than: defaultMetrics)
            && orderMetrics[i].isBetter(than: orderMetrics[bestIndex])
        { bestIndex = i }
        var mapping = mappings[bestIndex]
        var metrics = orderMetrics[bestIndex]
        var method = "dimension order \(orders[bestIndex].name)"
        if defaultMetrics.isBetter(than: metrics) {
            mapping = identity
            metrics = defaultMetrics
            method = "default order"
        }
        // The search gets what is left, less the two evaluations of its answers; out of time, the
        // communication graph is not even built, and the lower bound is the trivial 0.
        // Its set-up (the communication graph, the packings) is not bounded by its own clock and
        // costs about as much as a few evaluations (4,194,304 ranks: 5.9 s per evaluation, the
        // search overran 24 s left by 8 s), so three more evaluations are reserved for it.
        let searchSeconds = seconds - elapsed() - 5 * evaluationSeconds
        var lowerBound = 0.0
        if search && searchSeconds <= 0 {
            cutShort.append(
                "search and lower bound skipped: the time bound was reached (\(Format.oneDecimal(seconds)) s were left for the plan, the distances, the default order and \(orders.count) of \(allOrders.count) dimension orders took \(Format.oneDecimal(elapsed())) s); the placement is the best order evaluated"
            )
        } else if !search {
            lowerBound = ProcessMapper.sparseLowerBound(traffic.graph, distance)
        } else {
            let graph = traffic.graph
            // Rank sequences with each order's dimensions varying fastest first, for packing.
            let sequences = mappings.map(\.occupant)
            let result = ProcessMapper(seed: seed, seconds: searchSeconds).map(
                graph, distance, starts: mappings, sequences: sequences,
                progress: progress)
            lowerBound = result.lowerBound
            let found: [(Mapping, String)] =
                [(result.mapping, result.method)]
                + (result.structured.map { [($0, "structured packing (sparse, n = \(layout.size))")] } ?? [])
            for (candidate, name) in found where candidate != mapping {
                let m = PlacementMetrics(traffic: traffic, distance: distance, mapping: candidate, context: context)
                WorkCounter.add(cost, .placementWork)
                if m.isNoSlower(than: defaultMetrics) && m.isBetter(than: metrics) {
                    mapping = candidate
                    metrics = m
                    method = name
                }
            }
        }
        return Plan(
            traffic: traffic, distance: distance, mapping: mapping, metrics: metrics, defaultMetrics: defaultMetrics,
            bestOrder: orders[bestIndex], bestOrderMetrics: orderMetrics[bestIndex], method: method,
            lowerBound: min(lowerBound, metrics.objective), seconds: elapsed(), cutShort: cutShort)
    }
}
