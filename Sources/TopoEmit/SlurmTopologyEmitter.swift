import TopoDiagnostics
import TopoModel

/// Slurm topology from a spec: `topology.conf` for the tree plugin (one leaf switch per rack,
/// one top switch joining them) and `topology.yaml` with a block topology for multi-node NVLink
/// domains (GB200 NVL72: one block per domain, block size = its nodes) plus the tree. Node and
/// switch lists use Slurm's hostlist syntax, compressed.
public enum SlurmTopologyEmitter {
    /// Leaf switches (`leaf-RACK`, or `leaf` for nodes without a rack) with their nodes, in rack
    /// order.
    static func leaves(_ spec: ClusterSpec) -> [(name: String, nodes: [String])] {
        var groups: [Int: [String]] = [:]
        var unracked: [String] = []
        for node in spec.nodes {
            if let r = node.rackIndex { groups[r, default: []].append(node.name) } else { unracked.append(node.name) }
        }
        var result = groups.keys.sorted().compactMap { r in groups[r].map { ("leaf-" + spec.racks[r].name, $0) } }
        if !unracked.isEmpty { result.append((result.isEmpty ? "leaf" : "leaf-unracked", unracked)) }
        return result
    }

    static func header(_ spec: ClusterSpec, source: String) -> String {
        "# Slurm topology of cluster \(spec.name), written by topospec from \(UntrustedText.comment(source)).\n"
    }

    /// `topology.conf` (TopologyPlugin=topology/tree).
    ///
    /// - Parameters:
    ///   - spec: The cluster; its nodes and racks are read.
    ///   - source: The spec's path, named in the header comment.
    /// - Returns: The file's text: one leaf switch per rack (unracked nodes under one more), and a `top`
    ///   switch when there are several leaves.
    /// - Complexity: O(*n* log *n*) for *n* nodes (hostlist compression).
    public static func treeConf(spec: ClusterSpec, source: String) -> String {
        let leaves = leaves(spec)
        var out = header(spec, source: source)
        out += "# One leaf switch per rack; \"top\" joins them. Uses TopologyPlugin=topology/tree.\n"
        for leaf in leaves {
            out += "SwitchName=\(leaf.name) Nodes=\(Hostlist.compress(leaf.nodes))\n"
        }
        if leaves.count > 1 {
            out += "SwitchName=top Switches=\(Hostlist.compress(leaves.map(\.name)))\n"
        }
        return out
    }

    /// The block topology's plan: the blocks in the order Slurm aggregates them, and the block
    /// sizes.
    ///
    /// Slurm's topology/block builds higher-level blocks from *consecutive* base blocks, 2^k at a
    /// time, by position in the file (`src/plugins/topology/block/block_record.c`,
    /// `block_record_validate`), and `BlockSizes` must be the base size followed by power-of-two
    /// multiples of it (`topology.conf(5)`). So:
    /// - one block per NVLink domain; the base block size is the largest domain's node count (a
    ///   domain with fewer nodes, e.g. a rack being filled, is a block with a gap, which Slurm
    ///   accepts since 25.05: commit 700ca4f, "Allow topology/block Block definitions to have fewer
    ///   nodes than the minimum BlockSize");
    /// - where several NVLink domains share a rack, a rack's blocks are consecutive and padded with
    ///   placeholder blocks (no nodes; Slurm 25.05+) up to the next power of two, and that
    ///   aggregate (`N·2^k`) is the second block size. Each rack then starts at a fixed position,
    ///   so adding a domain to a rack fills its placeholder and never shifts the blocks of later
    ///   racks, and a job of a rack's size lands inside one rack.
    struct BlockPlan {
        var sizes: [Int]
        var blocks: [(name: String, nodes: [String])]
        var notes: [String]
    }

    static func blockPlan(_ spec: ClusterSpec) throws(EmitFailure) -> BlockPlan {
        guard !spec.nvlinkDomains.isEmpty else {
            throw EmitFailure(
                description:
                    "cluster `\(spec.name)` declares no nvlink_domains; the block topology has nothing to describe (use the tree topology)"
            )
        }
        let base = spec.nvlinkDomains.map(\.nodes.count).max() ?? 1
        var notes: [String] = []
        let partial = spec.nvlinkDomains.filter { $0.nodes.count < base }
        if !partial.isEmpty {
            notes.append(
                "\(partial.count) of \(spec.nvlinkDomains.count) domains have fewer than \(base) nodes (\(partial.prefix(3).map(\.name).joined(separator: ", "))\(partial.count > 3 ? ", …" : "")): blocks with gaps need Slurm 25.05 or later"
            )
        }
        let domainNodes = spec.nvlinkDomains.map { $0.nodes.map { spec.nodes[$0].name } }
        // The rack of each domain, when every node of the domain sits in that one rack.
        var rackOfDomain: [Int?] = []
        for domain in spec.nvlinkDomains {
            let racks = Set(domain.nodes.map { spec.nodes[$0].rackIndex })
            rackOfDomain.append(racks.count == 1 ? racks.first.flatMap { $0 } : nil)
        }
        var domainsPerRack: [Int: [Int]] = [:]
        for (d, rack) in rackOfDomain.enumerated() { if let rack { domainsPerRack[rack, default: []].append(d) } }
        let nested = rackOfDomain.allSatisfy { $0 != nil }
        let most = domainsPerRack.values.map(\.count).max() ?? 1
        guard nested, most > 1 else {
            let blocks = spec.nvlinkDomains.indices.map { (name: spec.nvlinkDomains[$0].name, nodes: domainNodes[$0]) }
            return BlockPlan(sizes: [base], blocks: blocks, notes: notes)
        }
        var slots = 1
        while slots < most { slots *= 2 }
        var blocks: [(name: String, nodes: [String])] = []
        for rack in domainsPerRack.keys.sorted() {
            let members = domainsPerRack[rack] ?? []
            for d in members { blocks.append((spec.nvlinkDomains[d].name, domainNodes[d])) }
            for k in stride(from: members.count, to: slots, by: 1) {
                blocks.append(("free-\(spec.racks[rack].name)-\(k + 1)", []))
            }
        }
        if blocks.contains(where: { $0.nodes.isEmpty }) {
            notes.append(
                "placeholder blocks (no nodes) keep every rack at a fixed position; they need Slurm 25.05 or later")
        }
        return BlockPlan(sizes: [base, base * slots], blocks: blocks, notes: notes)
    }

    /// `topology.conf` for `TopologyPlugin=topology/block`: `BlockName=` lines and `BlockSizes=`.
    ///
    /// - Parameters:
    ///   - spec: The cluster; its NVLink domains and racks are read.
    ///   - source: The spec's path, named in the header comment.
    /// - Returns: The file's text; it throws an `EmitFailure` when the spec declares no NVLink domains.
    public static func blockConf(spec: ClusterSpec, source: String) throws(EmitFailure) -> String {
        let plan = try blockPlan(spec)
        var out = header(spec, source: source)
        out += "# Block topology: one block per multi-node NVLink domain. Uses TopologyPlugin=topology/block.\n"
        for note in plan.notes { out += "# \(note)\n" }
        for block in plan.blocks {
            out += "BlockName=\(block.name)"
            if !block.nodes.isEmpty { out += " Nodes=\(Hostlist.compress(block.nodes))" }
            out += "\n"
        }
        out += "BlockSizes=\(plan.sizes.map(String.init).joined(separator: ","))\n"
        return out
    }

    /// `topology.yaml` with a block topology (the cluster default) for the NVLink domains and the
    /// rack tree as a second topology.
    ///
    /// - Parameters:
    ///   - spec: The cluster; its NVLink domains, racks and nodes are read.
    ///   - source: The spec's path, named in the header comment.
    /// - Returns: The file's text; it throws an `EmitFailure` when the spec declares no NVLink domains.
    public static func blockYAML(spec: ClusterSpec, source: String) throws(EmitFailure) -> String {
        let plan = try blockPlan(spec)
        var out = header(spec, source: source)
        out += "# Block topology: one block per multi-node NVLink domain; base block size = nodes per domain.\n"
        for note in plan.notes { out += "# \(note)\n" }
        out += "- topology: nvlink-blocks\n  cluster_default: true\n  block:\n    block_sizes:\n"
        for size in plan.sizes { out += "      - \(size)\n" }
        out += "    blocks:\n"
        for block in plan.blocks {
            out += "      - block: \(block.name)\n"
            if !block.nodes.isEmpty { out += "        nodes: \(Hostlist.compress(block.nodes))\n" }
        }
        let leaves = leaves(spec)
        out += "- topology: racks\n  cluster_default: false\n  tree:\n    switches:\n"
        if leaves.count > 1 {
            out += "      - switch: top\n        children: \(Hostlist.compress(leaves.map(\.name)))\n"
        }
        for leaf in leaves {
            out += "      - switch: \(leaf.name)\n        nodes: \(Hostlist.compress(leaf.nodes))\n"
        }
        return out
    }
}
