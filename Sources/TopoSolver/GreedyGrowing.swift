/// A constructive placement that follows heavy edges: processes are taken one by one, each time
/// the unplaced process with the most weight to those already taken (a maximum-adjacency order,
/// as in greedy graph growing), and laid on slots in slot order. When slots are numbered along
/// the machine's hierarchy (NVLink domain → node → PCIe switch → GPU), strongly connected
/// processes land in the same group of slots.
public enum GreedyGrowing {
    /// The maximum-adjacency order of `graph`'s processes.
    ///
    /// - Parameter graph: The processes' traffic.
    /// - Returns: Every process once: each next one the unplaced process with the most weight to those
    ///   taken, restarting at the heaviest remaining process for each disconnected part.
    /// - Complexity: O(*d* · *n* log *n* + *e* log *e*) for *n* processes, *e* edges and largest
    ///   degree *d* (the seed order sums a process's weights per comparison; the heap deletes
    ///   lazily).
    public static func order(_ graph: CommunicationGraph) -> [Int] {
        let n = graph.count
        var taken = [Bool](repeating: false, count: n)
        var gain = [Double](repeating: 0, count: n)
        var heap = MaxHeap()
        var order: [Int] = []
        order.reserveCapacity(n)
        // Seeds in order of total weight, heaviest first, for disconnected parts.
        let seeds = (0..<n).sorted { a, b in
            let wa = graph.edges(of: a).reduce(0) { $0 + $1.1 }, wb = graph.edges(of: b).reduce(0) { $0 + $1.1 }
            return wa == wb ? a < b : wa > wb
        }
        var nextSeed = 0
        while order.count < n {
            var picked: Int?
            while let top = heap.pop() {
                if !taken[top.item] && top.priority == gain[top.item] { picked = top.item; break }
            }
            if picked == nil {
                while nextSeed < n && taken[seeds[nextSeed]] { nextSeed += 1 }
                guard nextSeed < n else { break }
                picked = seeds[nextSeed]
            }
            guard let p = picked else { break }
            taken[p] = true
            order.append(p)
            for (v, w) in graph.edges(of: p) where !taken[Int(v)] {
                gain[Int(v)] += w
                heap.push(item: Int(v), priority: gain[Int(v)])
            }
        }
        return order
    }

    /// The placement that lays `order(graph)` on slots 0, 1, 2, …
    ///
    /// - Parameter graph: The processes' traffic.
    /// - Returns: The mapping that puts the *k*-th process of `order(graph)` on slot *k*.
    /// - Complexity: That of `order(_:)`.
    public static func mapping(_ graph: CommunicationGraph) -> Mapping {
        var permutation = [Int](repeating: 0, count: graph.count)
        for (slot, process) in order(graph).enumerated() { permutation[process] = slot }
        return Mapping(permutation) ?? .identity(graph.count)
    }
}

/// A binary max-heap of (priority, item), ties broken by the smaller item for determinism.
struct MaxHeap {
    private var entries: [(priority: Double, item: Int)] = []

    private func above(_ a: (priority: Double, item: Int), _ b: (priority: Double, item: Int)) -> Bool {
        a.priority > b.priority || (a.priority == b.priority && a.item < b.item)
    }

    mutating func push(item: Int, priority: Double) {
        entries.append((priority, item))
        var i = entries.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard above(entries[i], entries[parent]) else { break }
            entries.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (priority: Double, item: Int)? {
        guard let first = entries.first, let last = entries.popLast() else { return nil }
        if entries.isEmpty { return first }
        entries[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var top = i
            if l < entries.count, above(entries[l], entries[top]) { top = l }
            if r < entries.count, above(entries[r], entries[top]) { top = r }
            if top == i { break }
            entries.swapAt(i, top)
            i = top
        }
        return first
    }
}
