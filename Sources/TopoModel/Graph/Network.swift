import TopoDiagnostics

/// A scale-out fabric (`networks.NAME`): technology, port speed, shape and switch tiers.
public struct Network: Sendable {
    /// The fabric's wiring pattern.
    public enum Topology: String, Sendable, CaseIterable {
        case fatTree = "fat-tree"
        case railOptimizedFatTree = "rail-optimized-fat-tree"
        case singleSwitch = "single-switch"
    }

    /// What the network carries. Only `compute` networks count for GPU traffic.
    public enum Role: String, Sendable, CaseIterable {
        case compute, storage, management
    }

    /// One switch tier, leaves first.
    public struct Tier: Sendable {
        public var name: String?
        public var radix: Int
        public var down: Int?
        public var up: Int?
        public var count: Int?
        public var location: SourceLocation

        public init(name: String?, radix: Int, down: Int?, up: Int?, count: Int?, location: SourceLocation) {
            self.name = name
            self.radix = radix
            self.down = down
            self.up = up
            self.count = count
            self.location = location
        }

        /// down ÷ up, when both are given and up > 0 (1.0 = non-blocking).
        public var oversubscription: Double? {
            guard let down, let up, up > 0 else { return nil }
            return Double(down) / Double(up)
        }
    }

    public var name: String
    public var fabric: Fabric
    public var role: Role
    public var gbps: Double?
    public var topology: Topology
    public var rails: Int
    public var tiers: [Tier]
    /// The switches reduce in the network (NVIDIA SHARP), so NCCL can run CollNet (`sharp: true`).
    public var sharp = false
    public var location: SourceLocation

    /// Down ports of tier `i` in all (switches × down ports each), where the spec tells them:
    /// `down`, else the ports that are not `up`, else (top tier only) every port.
    ///
    /// - Parameter i: The tier's index in `tiers`, 0 for the leaves.
    /// - Returns: The total, or nil when `i` is not a tier, the tier's switch `count` or its
    ///   down ports are not given, or the product overflows.
    public func downPorts(ofTier i: Int) -> Int? {
        guard tiers.indices.contains(i), let count = tiers[i].count else { return nil }
        let tier = tiers[i]
        guard let each = tier.down ?? tier.up.map({ tier.radix - $0 }) ?? (i == tiers.count - 1 ? tier.radix : nil)
        else { return nil }
        let (total, overflow) = count.multipliedReportingOverflow(by: max(0, each))
        return overflow ? nil : total
    }

    /// Up ports of tier `i` in all (switches × up ports each), where the spec tells them.
    ///
    /// - Parameter i: The tier's index in `tiers`, 0 for the leaves.
    /// - Returns: The total, or nil when `i` is not a tier, the tier's switch `count` or `up`
    ///   is not given, or the product overflows.
    public func upPorts(ofTier i: Int) -> Int? {
        guard tiers.indices.contains(i), let count = tiers[i].count, let up = tiers[i].up else { return nil }
        let (total, overflow) = count.multipliedReportingOverflow(by: up)
        return overflow ? nil : total
    }

    public init(
        name: String, fabric: Fabric, role: Role = .compute, gbps: Double?, topology: Topology, rails: Int,
        tiers: [Tier], location: SourceLocation
    ) {
        self.name = name
        self.fabric = fabric
        self.role = role
        self.gbps = gbps
        self.topology = topology
        self.rails = rails
        self.tiers = tiers
        self.location = location
    }
}
