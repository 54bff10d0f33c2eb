import TopoModel
import TopoSolver

/// The figures of one placement of a job: the solver's surrogate objective, the estimated
/// communication time per iteration, the bytes that cross each link class, and how each
/// dimension's groups sit on the machine.
///
/// Two measures, documented in docs/collective-model.md ("Placement"):
/// - `objective`, the surrogate the solver searches on: Σ bytes × seconds-per-byte over every
///   transfer, seconds-per-byte from `ClusterDistance` (line rates on a plain weighted graph).
///   Cheap to update per swap; it ranks placements, it is not a time.
/// - `secondsPerIteration`, the figure `place`, `report`, `diff` and TS218 print and the planner
///   compares: per dimension, every group runs its collectives (`DimensionCollective`: TP
///   all-reduces, CP all-gathers, EP all-to-alls, PP send/recv, DP all-reduce or reduce-scatter
///   + all-gathers) priced by `CollectiveModel` on the group's placement (nodes, GPUs per node,
///   its share of the NICs when all groups of the dimension run at once), the slowest group
///   gating the dimension (PP: the slowest stage, its sends to both neighbours); dimensions add
///   up (no overlap with each other or with compute).
public struct PlacementMetrics: Sendable {
    /// Σ bytes × seconds-per-byte over all transfers (the solver's surrogate objective).
    public var objective: Double
    /// Estimated seconds of communication per iteration on the collective model, summed over
    /// dimensions (no overlap with compute).
    public var secondsPerIteration: Double
    /// Seconds per iteration by dimension: its slowest group's collectives.
    public var secondsByDimension: [JobLayout.Dimension: Double]
    /// Bytes per iteration (all ranks) by link class.
    public var bytesByClass: [ClusterDistance.LinkClass: Double]
    /// Per dimension: how many groups sit on NVLink only, inside one node, and in total.
    public var groups: [JobLayout.Dimension: GroupCounts]
    /// Distinct group shapes priced on the collective model for these figures (each shape once,
    /// however many groups share it).
    public var shapesPriced: Int

    /// Where a dimension's groups sit.
    public struct GroupCounts: Sendable, Equatable {
        public var total = 0
        /// Every pair connected by NVLink (one node's NVLink or a multi-node domain).
        public var onNVLink = 0
        /// All members on one node.
        public var inOneNode = 0
        /// Members in more than one rack.
        public var acrossRacks = 0

        public init(total: Int = 0, onNVLink: Int = 0, inOneNode: Int = 0, acrossRacks: Int = 0) {
            self.total = total
            self.onNVLink = onNVLink
            self.inOneNode = inOneNode
            self.acrossRacks = acrossRacks
        }
    }

    /// The figures of the placement `mapping`.
    ///
    /// - Parameters:
    ///   - traffic: The job's transfers, groups and volumes.
    ///   - distance: Seconds per byte and link class between the job's slots.
    ///   - mapping: Which slot each rank runs on.
    ///   - context: The analysed spec, for the collective model of each group and the nodes' racks.
    /// - Complexity: O(*s* + *r* · *k*) for *s* sends and *r* ranks in groups of up to *k* members (the
    ///   NVLink check is pairwise), plus one collective-model pricing per distinct group shape.
    public init(traffic: TrafficModel, distance: ClusterDistance, mapping: Mapping, context: SpecAnalysis) {
        var objective = 0.0
        let classes = ClusterDistance.LinkClass.allCases
        var bytesOfClass = [Double](repeating: 0, count: classes.count)
        var seen = [Bool](repeating: false, count: classes.count)
        for dimension in JobLayout.Dimension.allCases {
            guard let sends = traffic.sends[dimension] else { continue }
            for s in sends {
                let (seconds, c) = distance.distanceAndClass(mapping.slot[s.from], mapping.slot[s.to])
                objective += s.bytes * seconds
                bytesOfClass[c] += s.bytes
                seen[c] = true
            }
        }
        var byClass: [ClusterDistance.LinkClass: Double] = [:]
        for (i, linkClass) in classes.enumerated() where seen[i] { byClass[linkClass] = bytesOfClass[i] }
        let layout = traffic.layout
        var times = GroupCollectiveTimes(context: context, slots: distance.slots)
        var total = 0.0
        var byDimension: [JobLayout.Dimension: Double] = [:]
        var groupsOf: [JobLayout.Dimension: [[Int]]] = [:]
        for dimension in JobLayout.Dimension.allCases where layout.groupSize(dimension) > 1 {
            let groups = traffic.groups[dimension] ?? layout.groups(dimension)
            groupsOf[dimension] = groups
            let collectives = DimensionCollective.of(dimension, volumes: traffic.volumes, layout: layout)
            var slowest = 0.0
            if dimension == .pp {
                // Neighbouring stages as pairs; a stage sends to both of its neighbours.
                let pairSeconds = times.seconds(
                    dimension, groups: traffic.pipelinePairs, collectives: collectives, mapping: mapping)
                var k = 0
                for group in groups {
                    let count = group.count - 1
                    for stage in 0..<group.count {
                        let before = stage > 0 ? pairSeconds[k + stage - 1] : 0
                        let after = stage < count ? pairSeconds[k + stage] : 0
                        slowest = max(slowest, before + after)
                    }
                    k += count
                }
            } else {
                slowest =
                    times.seconds(dimension, groups: groups, collectives: collectives, mapping: mapping).max() ?? 0
            }
            byDimension[dimension] = slowest
            total += slowest
        }
        self.objective = objective
        shapesPriced = times.shapesPriced
        secondsPerIteration = total
        secondsByDimension = byDimension
        bytesByClass = byClass
        var groups: [JobLayout.Dimension: GroupCounts] = [:]
        for dimension in JobLayout.Dimension.allCases where layout.groupSize(dimension) > 1 {
            var counts = GroupCounts()
            // Linear in the group: compared with its first member, no sets, no pairs but those
            // on one node (`ClusterDistance.allOnNVLink`).
            var slots: [Int] = []
            for group in groupsOf[dimension] ?? [] {
                counts.total += 1
                slots.removeAll(keepingCapacity: true)
                for rank in group { slots.append(mapping.slot[rank]) }
                guard let first = slots.first else { continue }
                let node = distance.slots[first].node, rack = distance.superGroup(of: first)
                var oneNode = true, oneRack = true
                for slot in slots where distance.slots[slot].node != node {
                    oneNode = false
                    if distance.superGroup(of: slot) != rack { oneRack = false }
                }
                if oneNode { counts.inOneNode += 1 }
                if !oneRack { counts.acrossRacks += 1 }
                if distance.allOnNVLink(slots) { counts.onNVLink += 1 }
            }
            groups[dimension] = counts
        }
        self.groups = groups
    }
}

extension PlacementMetrics {
    /// Times closer than this fraction count as equal in `isBetter(than:)`: far below the
    /// model's accuracy (±25 % against nccl-tests is the brief's bar), and wide enough that a
    /// few milliseconds of pipeline traffic do not outweigh moving every tensor-parallel group
    /// off NVLink when one straddling group gates the step either way.
    public static let timeTolerance = 0.02

    /// The placement objective, in one place so the time model behind it can change: less
    /// modelled communication time per iteration wins; where the times agree (within
    /// `timeTolerance`), less traffic weighted by link slowness (`objective`, link-seconds: the
    /// slow links' traffic dominates) wins, so fixing most straddling groups counts even when
    /// one still gates the step; then the time itself.
    ///
    /// - Parameter other: The placement to compare with.
    /// - Returns: True when this placement wins by time, then by `objective`, then by time again.
    public func isBetter(than other: PlacementMetrics) -> Bool {
        let a = secondsPerIteration, b = other.secondsPerIteration
        if abs(a - b) > Self.timeTolerance * max(abs(a), abs(b)) { return a < b }
        if abs(objective - other.objective) > 1e-12 * max(abs(objective), abs(other.objective)) {
            return objective < other.objective
        }
        return a < b * (1 - 1e-12)
    }

    /// True when this placement's modelled time is not above `other`'s (beyond rounding): what
    /// the planner demands of every answer against the default order.
    ///
    /// - Parameter other: The placement to compare with, usually the default order's.
    /// - Returns: True when `secondsPerIteration` is at most `other`'s times (1 + 10⁻⁹).
    public func isNoSlower(than other: PlacementMetrics) -> Bool {
        secondsPerIteration <= other.secondsPerIteration * (1 + 1e-9)
    }
}
