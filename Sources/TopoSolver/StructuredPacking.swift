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
    ///
    /// - Parameter distance: The slots and their groups.
    /// - Returns: Each group's slots, as `slots(inGroup:)` gives them, every group once.
    /// - Complexity: O(*s*) for *s* slots, plus one `slots(inGroup:)` call per group.
    public static func units(_ distance: some SlotDistance) -> [[Int]] {
        var seen = Set<Int>()
        var result: [[Int]] = []
        for s in 0..<distance.slotCount {
            let g = distance.group(of: s)
            if seen.insert(g).inserted { result.append(distance.slots(inGroup: g)) }
        }
        return result
    }

    /// `units` ordered by their super-group (rack), then by first slot.
    ///
    /// - Parameters:
    ///   - units: Non-empty units, as `units(_:)` gives them.
    ///   - distance: The slots, for each unit's first slot's super-group.
    /// - Returns: The same units, reordered (a stable sort).
    /// - Complexity: O(*u* log *u*) for *u* units.
    public static func rackMajor(_ units: [[Int]], _ distance: some SlotDistance) -> [[Int]] {
        units.enumerated().sorted { a, b in
            let ra = distance.superGroup(of: a.element[0]), rb = distance.superGroup(of: b.element[0])
            return ra == rb ? a.offset < b.offset : ra < rb
        }.map(\.element)
    }

    /// Packs `sequence` walking `units` in order: each cluster takes the next unit when it fits
    /// exactly, or runs over the next smaller units (two 4-GPU nodes for a group of 8, in the
    /// same rack when units are rack-major); what would spill into a unit of full capacity is
    /// set aside and placed last, like `pack`'s split clusters.
    ///
    /// - Parameters:
    ///   - sequence: Every process once, most tightly coupled processes adjacent.
    ///   - units: Every slot once, in the order to walk (such as `rackMajor(_:_:)`'s).
    ///   - capacity: The cluster size, at least 1.
    ///   - distance: The slots, for placing spilled remainders near their first piece.
    /// - Returns: The mapping and the slots each cluster got (spilled remainders not included), or nil
    ///   when the sizes do not add up or a remainder finds no room.
    public static func walk(
        sequence: [Int], units: [[Int]], capacity: Int,
        distance: some SlotDistance
    ) -> (mapping: Mapping, clusters: [[Int]])? {
        let n = sequence.count
        guard capacity >= 1, units.reduce(0, { $0 + $1.count }) == n else { return nil }
        var permutation = [Int](repeating: -1, count: n)
        var used = [Int](repeating: 0, count: units.count)
        var clusters: [[Int]] = []
        var spilled: [[Int]] = []
        var cursor = 0
        var start = 0
        while start < n {
            let cluster = Array(sequence[start..<min(n, start + capacity)])
            start += capacity
            var slots: [Int] = []
            var k = 0
            while k < cluster.count, cursor < units.count {
                let free = units[cursor].count - used[cursor]
                if free == 0 { cursor += 1; continue }
                // A unit of full capacity is only entered at a cluster's start.
                if k > 0 && units[cursor].count >= capacity { break }
                while k < cluster.count && used[cursor] < units[cursor].count {
                    permutation[cluster[k]] = units[cursor][used[cursor]]
                    slots.append(units[cursor][used[cursor]])
                    used[cursor] += 1
                    k += 1
                }
            }
            if k < cluster.count { spilled.append(Array(cluster[k...])) }
            clusters.append(slots)
        }
        // Spilled remainders: as `pack` places the pieces of split clusters.
        var free = FreeUnits(units: units, used: used)
        for rest in spilled {
            var remaining = rest[...]
            var anchor: Int?
            while !remaining.isEmpty {
                guard
                    let best = free.choose(
                        remaining: remaining.count, anchor: anchor, units: units, used: used, distance: distance)
                else { return nil }
                let take = min(units[best].count - used[best], remaining.count)
                for p in remaining.prefix(take) {
                    permutation[p] = units[best][used[best]]
                    used[best] += 1
                }
                free.update(best, units: units, used: used)
                if anchor == nil { anchor = units[best][0] }
                remaining = remaining.dropFirst(take)
            }
        }
        guard let mapping = Mapping(permutation) else { return nil }
        return (mapping, clusters.filter { !$0.isEmpty })
    }

    /// Unit capacities worth packing for, most slots first: every capacity above 1 that some
    /// unit has, ordered by the slots units of that capacity hold (at most `limit`).
    ///
    /// - Parameters:
    ///   - units: The units, as `units(_:)` gives them.
    ///   - limit: The most capacities to give.
    /// - Returns: Capacities above 1, by slots held (ties: larger capacity first); empty when every unit
    ///   has one slot.
    public static func capacities(_ units: [[Int]], limit: Int = 3) -> [Int] {
        var slots: [Int: Int] = [:]
        for u in units where u.count > 1 { slots[u.count, default: 0] += u.count }
        return slots.keys.sorted { slots[$0] ?? 0 == slots[$1] ?? 0 ? $0 > $1 : slots[$0] ?? 0 > slots[$1] ?? 0 }
            .prefix(limit).map { $0 }
    }

    /// Packs `sequence` (every process once) into `units` (every slot once) with clusters of
    /// `capacity` consecutive processes. Returns nil when the sizes do not add up.
    ///
    /// - Parameters:
    ///   - sequence: Every process once, most tightly coupled processes adjacent.
    ///   - units: Every slot once, in slot order.
    ///   - capacity: The cluster size, at least 1.
    ///   - distance: The slots, for placing the pieces of split clusters near each other.
    /// - Returns: The mapping, or nil.
    public static func mapping(sequence: [Int], units: [[Int]], capacity: Int, distance: some SlotDistance) -> Mapping?
    {
        pack(sequence: sequence, units: units, capacity: capacity, distance: distance)?.mapping
    }

    /// `mapping(sequence:units:capacity:distance:)` with the slots each cluster got, in sequence
    /// order (a whole unit, or the pieces of a split cluster): clusters of equal size can then
    /// exchange contents, so the search also chooses which groups are split.
    ///
    /// - Parameters:
    ///   - sequence: Every process once, most tightly coupled processes adjacent.
    ///   - units: Every slot once, in slot order.
    ///   - capacity: The cluster size, at least 1.
    ///   - distance: The slots, for placing the pieces of split clusters near each other.
    /// - Returns: The mapping and each cluster's slots, or nil when the sizes do not add up (or a piece
    ///   finds no room).
    public static func pack(
        sequence: [Int], units: [[Int]], capacity: Int,
        distance: some SlotDistance
    ) -> (mapping: Mapping, clusters: [[Int]])? {
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
        // smallest such unit, then the nearest to the cluster's first piece).
        var free = FreeUnits(units: units, used: used)
        for cluster in deferred {
            var remaining = cluster[...]
            var anchor: Int?
            var slots: [Int] = []
            while !remaining.isEmpty {
                guard
                    let best = free.choose(
                        remaining: remaining.count, anchor: anchor, units: units, used: used, distance: distance)
                else { return nil }
                let take = min(units[best].count - used[best], remaining.count)
                for p in remaining.prefix(take) {
                    permutation[p] = units[best][used[best]]
                    slots.append(units[best][used[best]])
                    used[best] += 1
                }
                free.update(best, units: units, used: used)
                if anchor == nil { anchor = units[best][0] }
                remaining = remaining.dropFirst(take)
            }
            clusters.append(slots)
        }
        guard let mapping = Mapping(permutation) else { return nil }
        return (mapping, clusters)
    }
}

/// Units with free slots, bucketed by how many, for placing split pieces in time independent of
/// the number of full units: the bucket that takes most of a piece (the smallest unit that takes
/// all of it, else the largest), then the nearest of its first 64 units to an anchor slot.
struct FreeUnits {
    private var buckets: [[Int]]
    private var heads: [Int]
    private var live: [Int]
    private var bucketOf: [Int]

    init(units: [[Int]], used: [Int]) {
        let largest = units.map(\.count).max() ?? 0
        buckets = Array(repeating: [], count: largest + 1)
        heads = Array(repeating: 0, count: largest + 1)
        live = Array(repeating: 0, count: largest + 1)
        bucketOf = Array(repeating: 0, count: units.count)
        for u in units.indices {
            let f = units[u].count - used[u]
            bucketOf[u] = f
            if f > 0 { buckets[f].append(u); live[f] += 1 }
        }
    }

    func choose(remaining r: Int, anchor: Int?, units: [[Int]], used: [Int], distance: some SlotDistance) -> Int? {
        var f = -1
        if r < live.count { f = (r..<live.count).first { live[$0] > 0 } ?? -1 }
        if f < 0 { f = (1..<max(1, live.count)).last { live[$0] > 0 } ?? -1 }
        guard f > 0 else { return nil }
        var best = -1
        var bestDistance = Double.infinity
        var seen = 0
        var i = heads[f]
        while i < buckets[f].count && seen < 64 {
            let u = buckets[f][i]
            i += 1
            guard bucketOf[u] == f else { continue }
            seen += 1
            let d = anchor.map { distance.distance($0, units[u][used[u]]) } ?? 0
            if best < 0 || d < bestDistance || (d == bestDistance && u < best) { best = u; bestDistance = d }
            if anchor == nil { break }
        }
        return best >= 0 ? best : nil
    }

    /// Records that unit `u` filled up by some slots.
    mutating func update(_ u: Int, units: [[Int]], used: [Int]) {
        let old = bucketOf[u], f = units[u].count - used[u]
        guard f != old else { return }
        live[old] -= 1
        bucketOf[u] = f
        if f > 0 { buckets[f].append(u); live[f] += 1 }
        while heads[old] < buckets[old].count && bucketOf[buckets[old][heads[old]]] != old { heads[old] += 1 }
    }
}
