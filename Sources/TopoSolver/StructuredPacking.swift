/// A constructive placement that gets the machine's structure right before any search: a
/// process sequence (e.g. ranks in a dimension order, most communication-hungry dimension
/// varying fastest) is cut into clusters of a unit's capacity (the GPUs of a node), each cluster
/// goes whole into the next free unit of exactly that capacity (units in slot order, so
/// consecutive clusters share racks as they would on a regular machine), and only the clusters
/// that find no such unit are split, deliberately: the largest piece into the unit that holds
/// most of it, the rest into the smallest units that fit, nearest first. On a regular machine
/// this reproduces the sequence's own placement; with a failed GPU per node, a node short of
/// GPUs or 1-GPU nodes, it keeps the most clusters whole (TreeMatch's bottom-up grouping and
/// Scotch's packing of parts into target domains, reduced to the node level).
public enum StructuredPacking {
    /// The units (groups of slots, see `SlotDistance.group(of:)`) in order of their first slot.
    public static func units(_ distance: some SlotDistance) -> [[Int]] {
        var seen = Set<Int>()
        var result: [[Int]] = []
        for s in 0..<distance.slotCount {
            let g = distance.group(of: s)
            if seen.insert(g).inserted { result.append(distance.slots(inGroup: g)) }
        }
        return result
    }

    /// Unit capacities worth packing for, most slots first: every capacity above 1 that some
    /// unit has, ordered by the slots units of that capacity hold (at most `limit`).
    public static func capacities(_ units: [[Int]], limit: Int = 3) -> [Int] {
        var slots: [Int: Int] = [:]
        for u in units where u.count > 1 { slots[u.count, default: 0] += u.count }
        return slots.keys.sorted { slots[$0] ?? 0 == slots[$1] ?? 0 ? $0 > $1 : slots[$0] ?? 0 > slots[$1] ?? 0 }
            .prefix(limit).map { $0 }
    }

    /// Packs `sequence` (every process once) into `units` (every slot once) with clusters of
    /// `capacity` consecutive processes. Returns nil when the sizes do not add up.
    public static func mapping(sequence: [Int], units: [[Int]], capacity: Int, distance: some SlotDistance) -> Mapping? {
        pack(sequence: sequence, units: units, capacity: capacity, distance: distance)?.mapping
    }

    /// `mapping(sequence:units:capacity:distance:)` with the slots each cluster got, in sequence
    /// order (a whole unit, or the pieces of a split cluster): clusters of equal size can then
    /// exchange contents, so the search also chooses which groups are split.
    public static func pack(sequence: [Int], units: [[Int]], capacity: Int,
                            distance: some SlotDistance) -> (mapping: Mapping, clusters: [[Int]])? {
        let n = sequence.count
        guard capacity >= 1, units.reduce(0, { $0 + $1.count }) == n else { return nil }
        var clusters: [[Int]] = []
        var permutation = [Int](repeating: -1, count: n)
        var used = [Int](repeating: 0, count: units.count)  // slots of each unit already taken
        var exact: [Int] = units.indices.filter { units[$0].count == capacity }
        exact.reverse()  // a stack: popLast gives the next unit in slot order
        var deferred: [ArraySlice<Int>] = []
        var start = 0
        while start < n {
            let cluster = sequence[start..<min(n, start + capacity)]
            start += capacity
            if cluster.count == capacity, let u = exact.popLast() {
                for (k, p) in cluster.enumerated() { permutation[p] = units[u][k] }
                used[u] = capacity
                clusters.append(units[u])
            } else {
                deferred.append(cluster)
            }
        }
        // Split the rest: each piece into the unit that takes most of what remains (then the
        // nearest to the cluster's first piece, then the smallest, then the first).
        for cluster in deferred {
            var remaining = cluster[...]
            var anchor: Int?
            var slots: [Int] = []
            while !remaining.isEmpty {
                var best = -1
                var bestKey = (take: 0, distance: Double.infinity, free: Int.max)
                for u in units.indices {
                    let free = units[u].count - used[u]
                    guard free > 0 else { continue }
                    let take = min(free, remaining.count)
                    let d = anchor.map { distance.distance($0, units[u][used[u]]) } ?? 0
                    let better = take > bestKey.take
                        || (take == bestKey.take && (free < bestKey.free || (free == bestKey.free && d < bestKey.distance)))
                    if better { best = u; bestKey = (take, d, free) }
                }
                guard best >= 0 else { return nil }
                for p in remaining.prefix(bestKey.take) {
                    permutation[p] = units[best][used[best]]
                    slots.append(units[best][used[best]])
                    used[best] += 1
                }
                if anchor == nil { anchor = units[best][0] }
                remaining = remaining.dropFirst(bestKey.take)
            }
            clusters.append(slots)
        }
        guard let mapping = Mapping(permutation) else { return nil }
        return (mapping, clusters)
    }
}
