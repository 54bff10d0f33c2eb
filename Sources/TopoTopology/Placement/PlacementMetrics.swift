import TopoModel
import TopoSolver

/// The figures of one placement of a job: the solver's objective, the estimated communication
/// time per iteration, the bytes that cross each link class, and how each dimension's groups
/// sit on the machine.
public struct PlacementMetrics: Sendable {
    /// Σ bytes × seconds-per-byte over all transfers (what the solver minimizes).
    public var objective: Double
    /// Estimated seconds of communication per iteration: for each dimension, the slowest rank's
    /// sends (each at its path's bandwidth), summed over dimensions (no overlap with compute).
    public var secondsPerIteration: Double
    /// Seconds per iteration by dimension.
    public var secondsByDimension: [JobLayout.Dimension: Double]
    /// Bytes per iteration (all ranks) by link class.
    public var bytesByClass: [ClusterDistance.LinkClass: Double]
    /// Per dimension: how many groups sit on NVLink only, inside one node, and in total.
    public var groups: [JobLayout.Dimension: GroupCounts]

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

    public init(traffic: TrafficModel, distance: ClusterDistance, mapping: Mapping, spec: ClusterSpec) {
        var objective = 0.0
        var total = 0.0
        var byDimension: [JobLayout.Dimension: Double] = [:]
        var byClass: [ClusterDistance.LinkClass: Double] = [:]
        for dimension in JobLayout.Dimension.allCases {
            guard let sends = traffic.sends[dimension] else { continue }
            var perRank: [Int: Double] = [:]
            for s in sends {
                let a = mapping.slot[s.from], b = mapping.slot[s.to]
                let seconds = s.bytes * distance.distance(a, b)
                objective += seconds
                perRank[s.from, default: 0] += seconds
                byClass[distance.linkClass(a, b), default: 0] += s.bytes
            }
            let slowest = perRank.values.max() ?? 0
            byDimension[dimension] = slowest
            total += slowest
        }
        self.objective = objective
        secondsPerIteration = total
        secondsByDimension = byDimension
        bytesByClass = byClass
        var groups: [JobLayout.Dimension: GroupCounts] = [:]
        let layout = traffic.layout
        for dimension in JobLayout.Dimension.allCases where layout.groupSize(dimension) > 1 {
            var counts = GroupCounts()
            for group in layout.groups(dimension) {
                counts.total += 1
                let slots = group.map { mapping.slot[$0] }
                let nodes = Set(slots.map { distance.slots[$0].node })
                if nodes.count == 1 { counts.inOneNode += 1 }
                let racks = Set(nodes.map { spec.nodes[$0].rackIndex ?? -1 })
                if racks.count > 1 { counts.acrossRacks += 1 }
                var nvlink = true
                outer: for (i, a) in slots.enumerated() {
                    for b in slots[(i + 1)...] where distance.linkClass(a, b) != .nvlink {
                        nvlink = false
                        break outer
                    }
                }
                if nvlink { counts.onNVLink += 1 }
            }
            groups[dimension] = counts
        }
        self.groups = groups
    }
}
