/// Who talks to whom, and how much: a symmetric weighted graph over processes (ranks), stored
/// as compressed adjacency lists. Parallel edges are merged by adding their weights.
public struct CommunicationGraph: Sendable {
    public let count: Int
    @usableFromInline let offsets: [Int]
    @usableFromInline let neighbors: [Int32]
    @usableFromInline let weights: [Double]

    /// Builds the graph from undirected edges (u, v, weight); self-loops and non-positive weights
    /// are ignored.
    ///
    /// Edges with an endpoint outside `0..<count` are ignored too.
    ///
    /// - Parameters:
    ///   - count: The number of processes.
    ///   - edges: Undirected edges (u, v, weight) in any order; parallel ones are summed.
    /// - Complexity: O(*n* + *e* log *d*) for *e* edges and largest degree *d* (each list is sorted).
    public init(count: Int, edges: [(Int, Int, Double)]) {
        self.count = count
        var degree = [Int](repeating: 0, count: count + 1)
        var kept: [(Int, Int, Double)] = []
        kept.reserveCapacity(edges.count)
        for (u, v, w) in edges where u != v && w > 0 && u >= 0 && v >= 0 && u < count && v < count {
            kept.append((u, v, w))
            degree[u] += 1
            degree[v] += 1
        }
        var offsets = [Int](repeating: 0, count: count + 1)
        for i in 0..<count { offsets[i + 1] = offsets[i] + degree[i] }
        var fill = offsets
        var neighbors = [Int32](repeating: 0, count: offsets[count])
        var weights = [Double](repeating: 0, count: offsets[count])
        for (u, v, w) in kept {
            neighbors[fill[u]] = Int32(v); weights[fill[u]] = w; fill[u] += 1
            neighbors[fill[v]] = Int32(u); weights[fill[v]] = w; fill[v] += 1
        }
        // Merge parallel edges: sort each list by neighbour and add weights of equal neighbours.
        var mergedOffsets = [Int](repeating: 0, count: count + 1)
        var mergedNeighbors: [Int32] = []
        var mergedWeights: [Double] = []
        mergedNeighbors.reserveCapacity(neighbors.count)
        mergedWeights.reserveCapacity(neighbors.count)
        for i in 0..<count {
            let range = offsets[i]..<offsets[i + 1]
            let sorted = range.sorted { neighbors[$0] < neighbors[$1] }
            var last: Int32 = -1
            for k in sorted {
                if neighbors[k] == last, let w = mergedWeights.popLast() {
                    mergedWeights.append(w + weights[k])
                } else {
                    mergedNeighbors.append(neighbors[k])
                    mergedWeights.append(weights[k])
                    last = neighbors[k]
                }
            }
            mergedOffsets[i + 1] = mergedNeighbors.count
        }
        self.offsets = mergedOffsets
        self.neighbors = mergedNeighbors
        self.weights = mergedWeights
    }

    /// The neighbours of `process` with their weights.
    ///
    /// - Parameter process: A process in `0..<count`.
    /// - Returns: (neighbour, weight) pairs, neighbours ascending, each once.
    /// - Complexity: O(1) to create; iterating is O(degree).
    @inlinable
    public func edges(of process: Int) -> Zip2Sequence<ArraySlice<Int32>, ArraySlice<Double>> {
        zip(neighbors[offsets[process]..<offsets[process + 1]], weights[offsets[process]..<offsets[process + 1]])
    }

    /// The number of distinct neighbours of `process`.
    ///
    /// - Parameter process: A process in `0..<count`.
    /// - Returns: Its neighbour count after merging parallel edges.
    @inlinable
    public func degree(_ process: Int) -> Int { offsets[process + 1] - offsets[process] }

    /// Total weight of all edges.
    public var totalWeight: Double { weights.reduce(0, +) / 2 }
}

/// The cost of moving one unit of weight between two slots (for placements: seconds per byte).
/// Must be symmetric with zero on the diagonal.
public protocol SlotDistance: Sendable {
    var slotCount: Int { get }
    func distance(_ a: Int, _ b: Int) -> Double
    /// A group of nearby slots for each slot (e.g. its node); moves try slots in the group of a
    /// process's partners first.
    func group(of slot: Int) -> Int
    /// The slots of group `g`.
    func slots(inGroup g: Int) -> [Int]
    /// The `count` smallest distances from `slot` to other slots, ascending (for lower bounds).
    func smallestDistances(from slot: Int, count: Int) -> [Double]
    /// Slots with the same key have the same multiset of distances to the others (lower bounds
    /// compute each key once).
    func profileKey(of slot: Int) -> Int
    /// A coarser grouping than `group(of:)` (e.g. the rack of a node), so that packing can walk
    /// units rack by rack; 0 for every slot unless a distance knows better.
    func superGroup(of slot: Int) -> Int
}

extension SlotDistance {
    /// The default: every slot in one super-group.
    ///
    /// - Parameter slot: Any slot.
    /// - Returns: 0.
    public func superGroup(of slot: Int) -> Int { 0 }
}

/// A dense distance matrix as a `SlotDistance` (each slot its own group).
public struct MatrixDistance: SlotDistance {
    public let slotCount: Int
    public let matrix: [Double]

    /// A distance over `count` slots from a dense matrix.
    ///
    /// - Parameters:
    ///   - count: The number of slots.
    ///   - matrix: Row-major `count × count` distances, symmetric with a zero diagonal.
    public init(count: Int, matrix: [Double]) {
        slotCount = count
        self.matrix = matrix
    }

    /// The distance between two slots.
    ///
    /// - Parameters:
    ///   - a: A slot.
    ///   - b: Another slot.
    /// - Returns: The matrix entry at row `a`, column `b`.
    public func distance(_ a: Int, _ b: Int) -> Double { matrix[a * slotCount + b] }
    /// The group of `slot`.
    ///
    /// - Parameter slot: A slot.
    /// - Returns: The slot itself: each slot is its own group.
    public func group(of slot: Int) -> Int { slot }
    /// The slots of group `g`.
    ///
    /// - Parameter g: A group, which is a slot.
    /// - Returns: `[g]`.
    public func slots(inGroup g: Int) -> [Int] { [g] }
    /// The profile key of `slot`.
    ///
    /// - Parameter slot: A slot.
    /// - Returns: The slot itself: no two slots are assumed alike.
    public func profileKey(of slot: Int) -> Int { slot }
    /// The `count` smallest distances from `slot` to other slots.
    ///
    /// - Parameters:
    ///   - slot: A slot.
    ///   - count: How many distances to give.
    /// - Returns: The `count` smallest entries of the slot's row, the diagonal left out, ascending.
    /// - Complexity: O(*n* log *n*) for *n* slots.
    public func smallestDistances(from slot: Int, count: Int) -> [Double] {
        Array((0..<slotCount).filter { $0 != slot }.map { matrix[slot * slotCount + $0] }.sorted().prefix(count))
    }
}
