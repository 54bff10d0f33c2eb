/// A placement of processes on slots: `slot[process]`, with the inverse kept in step.
/// Always a permutation: every operation is a swap.
public struct Mapping: Sendable, Equatable {
    public private(set) var slot: [Int]
    public private(set) var occupant: [Int]

    /// Wraps a permutation (process → slot). Returns nil when it is not one.
    ///
    /// - Parameter permutation: `permutation[p]` is process p's slot; every slot in
    ///   `0..<permutation.count` exactly once.
    /// - Complexity: O(*n*).
    public init?(_ permutation: [Int]) {
        var occupant = [Int](repeating: -1, count: permutation.count)
        for (process, s) in permutation.enumerated() {
            guard s >= 0, s < permutation.count, occupant[s] == -1 else { return nil }
            occupant[s] = process
        }
        slot = permutation
        self.occupant = occupant
    }

    /// Processes in order on slots in order.
    ///
    /// - Parameter n: The number of processes and slots.
    /// - Returns: The mapping that puts process p on slot p.
    public static func identity(_ n: Int) -> Mapping {
        Mapping(slot: Array(0..<n), occupant: Array(0..<n))
    }

    private init(slot: [Int], occupant: [Int]) {
        self.slot = slot
        self.occupant = occupant
    }

    /// Exchanges the slots of two processes.
    ///
    /// - Parameters:
    ///   - x: A process.
    ///   - y: Another process (or the same one, which changes nothing).
    /// - Complexity: O(1).
    public mutating func swap(_ x: Int, _ y: Int) {
        let sx = slot[x], sy = slot[y]
        slot[x] = sy
        slot[y] = sx
        occupant[sx] = y
        occupant[sy] = x
    }

    /// Σ over edges of weight × distance between the endpoints' slots.
    ///
    /// - Parameters:
    ///   - graph: The processes' traffic; each undirected edge counts once.
    ///   - distance: The cost per unit of weight between slots.
    /// - Returns: The total cost of this placement.
    /// - Complexity: O(*n* + *e*) for the graph's processes and edges.
    @inlinable
    public func cost(_ graph: CommunicationGraph, _ distance: some SlotDistance) -> Double {
        var total = 0.0
        for u in 0..<graph.count {
            let su = slot[u]
            for (v, w) in graph.edges(of: u) where Int(v) > u {
                total += w * distance.distance(su, slot[Int(v)])
            }
        }
        return total
    }

    /// The change in cost if processes x and y exchanged slots, in O(degree(x) + degree(y)).
    ///
    /// - Parameters:
    ///   - x: A process.
    ///   - y: Another process.
    ///   - graph: The processes' traffic.
    ///   - distance: The cost per unit of weight between slots; it must be symmetric.
    /// - Returns: The new cost minus the current one (negative: the swap improves).
    @inlinable
    public func swapDelta(_ x: Int, _ y: Int, _ graph: CommunicationGraph, _ distance: some SlotDistance) -> Double {
        let sx = slot[x], sy = slot[y]
        var delta = 0.0
        for (k, w) in graph.edges(of: x) where Int(k) != y {
            let sk = slot[Int(k)]
            delta += w * (distance.distance(sy, sk) - distance.distance(sx, sk))
        }
        for (k, w) in graph.edges(of: y) where Int(k) != x {
            let sk = slot[Int(k)]
            delta += w * (distance.distance(sx, sk) - distance.distance(sy, sk))
        }
        return delta
    }
}
