import TopoModel
/// Path classes between the devices of a draft's PCIe tree, computed the way `topospec matrix`
/// computes them from a decoded spec (same switch → PIX, common switch → PXB, common host bridge
/// → PHB, same socket → NODE, else SYS), so importers can describe the spec they write.
struct DraftTopology: Sendable {
    private let entries: [DraftSpec.PCIeEntry]
    private let parents: [Int?]
    private let sockets: [Int]
    private let gpuEntries: [Int: Int]
    private let nicEntries: [String: Int]

    init(_ entries: [DraftSpec.PCIeEntry]) {
        self.entries = entries
        var gpuEntries: [Int: Int] = [:], nicEntries: [String: Int] = [:]
        for (i, entry) in entries.enumerated() {
            for gpu in entry.gpus where gpuEntries[gpu] == nil { gpuEntries[gpu] = i }
            for nic in entry.nics where nicEntries[nic] == nil { nicEntries[nic] = i }
        }
        self.gpuEntries = gpuEntries
        self.nicEntries = nicEntries
        let index = Dictionary(entries.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let parents = entries.map { $0.parent.flatMap { index[$0] } }
        self.parents = parents
        sockets = entries.indices.map { start in
            var current = start
            var steps = 0
            while let parent = parents[current], steps <= entries.count {
                current = parent
                steps += 1
            }
            return entries[current].socket ?? 0
        }
    }

    func entry(gpu: Int) -> Int? { gpuEntries[gpu] }

    func entry(nic: String) -> Int? { nicEntries[nic] }

    func socket(ofEntry entry: Int) -> Int { sockets[entry] }

    /// The class between devices under entries `a` and `b`.
    func pathClass(_ a: Int, _ b: Int) -> PathClass {
        if a == b { return entries[a].isHostBridge ? .phb : .pix }
        let chainA = ancestry(a), chainB = ancestry(b)
        if let common = chainA.first(where: chainB.contains) {
            return entries[common].isHostBridge ? .phb : .pxb
        }
        return sockets[a] == sockets[b] ? .node : .sys
    }

    /// Entry indices from `entry` up to its root, `entry` first.
    func ancestry(_ entry: Int) -> [Int] {
        var chain: [Int] = []
        var current: Int? = entry
        while let index = current, chain.count <= entries.count {
            chain.append(index)
            current = parents[index]
        }
        return chain
    }
}
