import TopoDiagnostics
import TopoModel

/// Slurm topology from a spec: `topology.conf` for the tree plugin (one leaf switch per rack,
/// one top switch joining them) and `topology.yaml` with a block topology for multi-node NVLink
/// domains (GB200 NVL72: one block per domain, block size = its nodes) plus the tree. Node and
/// switch lists use Slurm's hostlist syntax, compressed.
public enum SlurmTopologyEmitter {
    /// Why a topology cannot be written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

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

    /// `topology.yaml` with a block topology (the cluster default) for the NVLink domains and the
    /// rack tree as a second topology.
    public static func blockYAML(spec: ClusterSpec, source: String) -> Result<String, Failure> {
        guard !spec.nvlinkDomains.isEmpty else {
            return .failure(Failure(description: "cluster `\(spec.name)` declares no nvlink_domains; the block topology has nothing to describe (use the tree topology)"))
        }
        let sizes = Set(spec.nvlinkDomains.map(\.nodes.count))
        var out = header(spec, source: source)
        out += "# Block topology: one block per multi-node NVLink domain; block size = nodes per domain.\n"
        out += "- topology: nvlink-blocks\n  cluster_default: true\n  block:\n    block_sizes:\n"
        for size in sizes.sorted().prefix(1) { out += "      - \(size)\n" }
        out += "    blocks:\n"
        for domain in spec.nvlinkDomains {
            out += "      - block: \(domain.name)\n        nodes: \(Hostlist.compress(domain.nodes.map { spec.nodes[$0].name }))\n"
        }
        if sizes.count > 1 {
            out += "    # domains differ in size (\(sizes.sorted().map(String.init).joined(separator: ", ")) nodes); the smallest is the base block size\n"
        }
        let leaves = leaves(spec)
        out += "- topology: racks\n  cluster_default: false\n  tree:\n    switches:\n"
        if leaves.count > 1 {
            out += "      - switch: top\n        children: \(Hostlist.compress(leaves.map(\.name)))\n"
        }
        for leaf in leaves {
            out += "      - switch: \(leaf.name)\n        nodes: \(Hostlist.compress(leaf.nodes))\n"
        }
        return .success(out)
    }
}
