import TopoModel

/// Builds a PCIe tree (sockets, host bridges, switches) whose path classes are those of an
/// `nvidia-smi topo -m` matrix, level by level from the farthest class:
///
/// 1. SYS splits sockets: devices joined by any closer class share a socket. Groups the matrix
///    does not relate (every pair NVLinked) are joined by their NUMA (or CPU) affinity.
/// 2. NODE splits host bridges within a socket: devices joined by PIX, PXB or PHB share one.
/// 3. PHB separates devices directly on a host bridge from switch trees (joined by PIX/PXB).
/// 4. PXB splits a tree into PIX groups: one switch per group below a common parent switch.
///
/// Pairs the matrix does not show (NVLinked GPUs) constrain nothing. The result is checked
/// against every class the matrix does show.
struct PCIeTreeInference: Sendable {
    /// A host bridge or switch of the inferred tree.
    struct Entry: Sendable {
        var isHostBridge: Bool
        var socket: Int
        /// Index of the parent entry; nil for a host bridge or a switch on its own root port.
        var parent: Int?
        /// Devices directly below.
        var devices: [Int]
    }

    /// A cell the tree does not reproduce.
    struct Mismatch: Sendable {
        var a: Int
        var b: Int
        var expected: PathClass
        var got: PathClass
    }

    var sockets: Int
    var deviceSocket: [Int]
    var entries: [Entry]
    var mismatches: [Mismatch]
    /// Devices whose place the matrix does not constrain (grouped on one host bridge per socket).
    var unconstrained: [Int]
    /// The entry each device is directly below.
    private var deviceEntry: [Int: Int] = [:]

    /// `relations[a][b]`: the class between devices a and b, nil when not shown. `socketKeys`:
    /// the NUMA / CPU affinity of each device, nil when unknown.
    static func infer(relations: [[PathClass?]], socketKeys: [String?]) -> PCIeTreeInference {
        let count = relations.count
        func relation(_ a: Int, _ b: Int) -> PathClass? { a < count && b < relations[a].count ? relations[a][b] : nil }

        // 1. Sockets.
        var sockets = UnionFind(count)
        for a in 0..<count {
            for b in (a + 1)..<max(a + 1, count) {
                if let r = relation(a, b), r < .sys { sockets.union(a, b) }
            }
        }
        var socketGroups: [(members: [Int], key: String?)] = []
        for component in sockets.groups() {
            let key = component.lazy.compactMap { $0 < socketKeys.count ? socketKeys[$0] : nil }.first
            let target = socketGroups.firstIndex { group in
                let sysBetween = component.contains { a in group.members.contains { relation(a, $0) == .sys } }
                guard !sysBetween else { return false }
                return key == nil || group.key == nil || group.key == key
            }
            if let target {
                socketGroups[target].members.append(contentsOf: component)
                socketGroups[target].members.sort()
                if socketGroups[target].key == nil { socketGroups[target].key = key }
            } else {
                socketGroups.append((component, key))
            }
        }
        var deviceSocket = Array(repeating: 0, count: count)
        for (s, group) in socketGroups.enumerated() {
            for d in group.members { deviceSocket[d] = s }
        }

        // 2–4. Host bridges, trees, switches.
        var entries: [Entry] = []
        var unconstrained: [Int] = []
        for (s, group) in socketGroups.enumerated() {
            let members = group.members
            var bridges = UnionFind(count)
            for a in members {
                for b in members where b > a {
                    if let r = relation(a, b), r <= .phb { bridges.union(a, b) }
                }
            }
            let memberSet = Set(members)
            var components = bridges.groups().filter { memberSet.contains($0[0]) }
            // Components related to nothing else in the socket can share one host bridge.
            let free = components.filter { component in
                let inside = Set(component)
                return component.allSatisfy { a in
                    members.allSatisfy { b in inside.contains(b) || relation(a, b) == nil }
                }
            }
            if members.count > 1 {
                unconstrained.append(contentsOf: free.filter { $0.count == 1 }.flatMap { $0 })
            }
            if free.count > 1 {
                let merged = free.flatMap { $0 }.sorted()
                components.removeAll { component in free.contains(component) }
                components.append(merged)
                components.sort { $0[0] < $1[0] }
            }
            for component in components {
                var trees = UnionFind(count)
                for a in component {
                    for b in component where b > a {
                        if let r = relation(a, b), r <= .pxb { trees.union(a, b) }
                    }
                }
                let componentSet = Set(component)
                let parts = trees.groups().filter { componentSet.contains($0[0]) }
                let direct = parts.filter { $0.count == 1 }.flatMap { $0 }
                let switchTrees = parts.filter { $0.count > 1 }
                var bridgeIndex: Int?
                if !direct.isEmpty || switchTrees.count != 1 {
                    bridgeIndex = entries.count
                    entries.append(Entry(isHostBridge: true, socket: s, parent: nil, devices: direct))
                }
                for tree in switchTrees {
                    var pix = UnionFind(count)
                    for a in tree {
                        for b in tree where b > a && relation(a, b) == .pix { pix.union(a, b) }
                    }
                    let treeSet = Set(tree)
                    let groups = pix.groups().filter { treeSet.contains($0[0]) }
                    if groups.count == 1 {
                        entries.append(Entry(isHostBridge: false, socket: s, parent: bridgeIndex, devices: tree))
                    } else {
                        let root = entries.count
                        entries.append(Entry(isHostBridge: false, socket: s, parent: bridgeIndex, devices: []))
                        for group in groups {
                            entries.append(Entry(isHostBridge: false, socket: s, parent: root, devices: group))
                        }
                    }
                }
            }
        }

        var result = PCIeTreeInference(
            sockets: max(1, socketGroups.count), deviceSocket: deviceSocket, entries: entries,
            mismatches: [], unconstrained: unconstrained.sorted())
        for (index, entry) in entries.enumerated() {
            for device in entry.devices { result.deviceEntry[device] = index }
        }
        for a in 0..<count {
            for b in (a + 1)..<max(a + 1, count) {
                guard let expected = relation(a, b), let got = result.pathClass(a, b), got != expected else { continue }
                result.mismatches.append(Mismatch(a: a, b: b, expected: expected, got: got))
            }
        }
        return result
    }

    /// The class the tree gives devices `a` and `b` (as `topospec matrix` computes it).
    func pathClass(_ a: Int, _ b: Int) -> PathClass? {
        guard let ea = deviceEntry[a], let eb = deviceEntry[b] else { return nil }
        if ea == eb { return entries[ea].isHostBridge ? .phb : .pix }
        let chainA = ancestry(ea), chainB = ancestry(eb)
        if let common = chainA.first(where: chainB.contains) {
            return entries[common].isHostBridge ? .phb : .pxb
        }
        return entries[ea].socket == entries[eb].socket ? .node : .sys
    }

    private func ancestry(_ entry: Int) -> [Int] {
        var chain: [Int] = []
        var current: Int? = entry
        while let index = current, chain.count <= entries.count {
            chain.append(index)
            current = entries[index].parent
        }
        return chain
    }
}

/// Disjoint sets over `0..<count`, for grouping devices.
struct UnionFind: Sendable {
    private var parent: [Int]

    init(_ count: Int) { parent = Array(0..<max(0, count)) }

    mutating func find(_ x: Int) -> Int {
        var root = x
        while parent[root] != root { root = parent[root] }
        var current = x
        while parent[current] != root {
            let next = parent[current]
            parent[current] = root
            current = next
        }
        return root
    }

    mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    /// The sets, each sorted, ordered by their smallest member.
    mutating func groups() -> [[Int]] {
        var byRoot: [Int: [Int]] = [:]
        for x in parent.indices { byRoot[find(x), default: []].append(x) }
        return byRoot.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
