import TopoDiagnostics
import TopoModel

/// Kubernetes node labels and scheduler topology objects for topology-aware scheduling: a shell
/// script that labels every node with its place in the cluster (NVLink domain, rack, network
/// tier) and applies the scheduler's `Topology` whose levels go from the largest unit down to the
/// host.
///
/// Label keys come in three presets, so that the script fits what a cluster already carries:
/// - `topospec`: `topospec.io/nvlink-domain` and `topospec.io/rack`.
/// - `topograph`: NVIDIA topograph's label contract (v1.x): `accelerator.topograph.run/domain`
///   for the NVLink domain and `fabric.topograph.run/tier-N` for switch tiers, tier 0 being the
///   switch closest to the node (topograph's docs, "Node labels and annotations"). topospec's leaf
///   is one switch group per rack (as in `emit slurm-topology`), and tier 1 the compute fabric's
///   spine layer when the network declares a second tier.
/// - `gfd`: the NVLink domain level is `nvidia.com/gpu.clique`, which the GPU Operator writes
///   itself (value `ClusterUUID.CliqueId` from NVML, unknown to a spec), so the script does not
///   write it; racks use `topospec.io/rack`.
///
/// Scheduler objects: Kueue's `Topology` at `kueue.x-k8s.io/v1beta2` (Kueue's `apis/kueue/v1beta2`;
/// `v1alpha1` for older Kueue installs) with a `ResourceFlavor` naming it through
/// `spec.topologyName`, or KAI Scheduler's cluster-scoped `Topology` (`kai.scheduler/v1`,
/// KAI-Scheduler's `pkg/apis/kai/v1/topology_types.go`). Both require that
/// `kubernetes.io/hostname`, when used, is the lowest level, and that levels nest: a level is
/// written only when every node carries it, and the NVLink domain and the rack are ordered by which
/// one contains the other (neither nesting: the domain level is left out, with a comment).
public enum KubernetesLabelsEmitter {
    public static let blockLabel = "topospec.io/nvlink-domain"
    public static let rackLabel = "topospec.io/rack"
    /// Every node of the cluster carries it; the `ResourceFlavor` selects its nodes by it.
    public static let clusterLabel = "topospec.io/cluster"

    /// Which label keys the script writes and the topology refers to.
    public enum LabelPreset: String, Sendable, CaseIterable {
        case topospec, topograph, gfd
    }

    /// The scheduler whose `Topology` object the script applies.
    public enum Scheduler: String, Sendable, CaseIterable {
        /// Kueue `Topology` + `ResourceFlavor` at `kueue.x-k8s.io/v1beta2`.
        case kueue
        /// Kueue at the older `kueue.x-k8s.io/v1alpha1` (Kueue before v1beta2 served Topology).
        case kueueV1alpha1 = "kueue-v1alpha1"
        /// KAI Scheduler `Topology` at `kai.scheduler/v1`.
        case kai
        /// Labels only.
        case none
    }

    /// What to write.
    public struct Options: Sendable {
        public var labels: LabelPreset
        public var scheduler: Scheduler

        /// Options for `script(spec:source:options:)`.
        ///
        /// - Parameters:
        ///   - labels: The label keys to write: topospec's own, or a preset's.
        ///   - scheduler: The scheduler whose `Topology` objects follow the labels, or `.none`.
        public init(labels: LabelPreset = .topospec, scheduler: Scheduler = .kueue) {
            self.labels = labels
            self.scheduler = scheduler
        }
    }

    /// One topology level: a node label and, per node, its value (nil: the script does not write
    /// it, because another component owns it).
    struct Level {
        var key: String
        var value: (Node) -> String?
    }

    /// The label script with the scheduler's topology objects.
    ///
    /// - Parameters:
    ///   - spec: The cluster; its nodes, racks and NVLink domains become label values.
    ///   - source: The spec's path, named in the header comment.
    ///   - options: The label preset and the scheduler.
    /// - Returns: A POSIX `sh` script that runs `kubectl label node` per node and applies the objects;
    ///   it throws an `EmitFailure` naming a node, rack, domain or cluster name that is no valid label value.
    public static func script(
        spec: ClusterSpec, source: String, options: Options = Options()
    ) throws(EmitFailure) -> String {
        for node in spec.nodes where !isLabelValue(node.name) {
            throw EmitFailure(
                description:
                    "node `\(node.name)` is not a valid Kubernetes label value (at most 63 characters of A-Z, a-z, 0-9, `-`, `_`, `.`, starting and ending with a letter or digit)"
            )
        }
        for name in spec.racks.map(\.name) + spec.nvlinkDomains.map(\.name) + [spec.name] where !isLabelValue(name) {
            throw EmitFailure(
                description:
                    "`\(name)` is not a valid Kubernetes label value (at most 63 characters of A-Z, a-z, 0-9, `-`, `_`, `.`, starting and ending with a letter or digit)"
            )
        }
        let (levels, notes) = topologyLevels(spec, preset: options.labels)
        var out = "#!/bin/sh\n"
        out +=
            "# Kubernetes topology labels for cluster \(spec.name), written by topospec from \(UntrustedText.comment(source)).\n"
        out += "# Label preset: \(options.labels.rawValue); scheduler objects: \(options.scheduler.rawValue).\n"
        for note in notes { out += "# \(note)\n" }
        out += "set -eu\n"
        for node in spec.nodes {
            var labels = ["\(clusterLabel)=\(spec.name)"]
            for level in levels {
                if let value = level.value(node) { labels.append("\(level.key)=\(value)") }
            }
            out += "kubectl label node --overwrite -- \(node.name) \(labels.joined(separator: " "))\n"
        }
        let keys = levels.map(\.key) + ["kubernetes.io/hostname"]
        switch options.scheduler {
        case .none:
            break
        case .kueue, .kueueV1alpha1:
            let api = options.scheduler == .kueue ? "kueue.x-k8s.io/v1beta2" : "kueue.x-k8s.io/v1alpha1"
            out += "kubectl apply -f - <<'EOF'\n"
            out += "apiVersion: \(api)\nkind: Topology\nmetadata:\n  name: \(spec.name)\nspec:\n  levels:\n"
            for key in keys { out += "    - nodeLabel: \(key)\n" }
            out += "---\n"
            // ResourceFlavor has been served at v1beta1 since Kueue's first releases and at v1beta2
            // alongside Topology v1beta2; with the v1alpha1 Topology, the flavor stays at v1beta1.
            let flavorAPI = options.scheduler == .kueue ? "kueue.x-k8s.io/v1beta2" : "kueue.x-k8s.io/v1beta1"
            out += "apiVersion: \(flavorAPI)\nkind: ResourceFlavor\nmetadata:\n  name: \(spec.name)\nspec:\n"
            out += "  nodeLabels:\n    \(clusterLabel): \(spec.name)\n  topologyName: \(spec.name)\n"
            out += "EOF\n"
        case .kai:
            out += "kubectl apply -f - <<'EOF'\n"
            out += "apiVersion: kai.scheduler/v1\nkind: Topology\nmetadata:\n  name: \(spec.name)\nspec:\n  levels:\n"
            for key in keys { out += "    - nodeLabel: \(key)\n" }
            out += "EOF\n"
        }
        return out
    }

    /// The levels above the host, largest first, and comments on levels left out.
    static func topologyLevels(_ spec: ClusterSpec, preset: LabelPreset) -> ([Level], [String]) {
        var notes: [String] = []
        let everyNodeHasRack = !spec.nodes.isEmpty && spec.nodes.allSatisfy { $0.rackIndex != nil }
        let everyNodeHasDomain = !spec.nodes.isEmpty && spec.nodes.allSatisfy { $0.domainIndex != nil }
        let rackKey: String
        let rackValue: (Node) -> String?
        switch preset {
        case .topospec, .gfd:
            rackKey = rackLabel
            rackValue = { node in node.rackIndex.map { spec.racks[$0].name } }
        case .topograph:
            rackKey = "fabric.topograph.run/tier-0"
            rackValue = { node in node.rackIndex.map { "leaf-" + spec.racks[$0].name } }
        }
        let domainKey: String
        let domainValue: (Node) -> String?
        switch preset {
        case .topospec:
            domainKey = blockLabel
            domainValue = { node in node.domainIndex.map { spec.nvlinkDomains[$0].name } }
        case .topograph:
            domainKey = "accelerator.topograph.run/domain"
            domainValue = { node in node.domainIndex.map { spec.nvlinkDomains[$0].name } }
        case .gfd:
            domainKey = "nvidia.com/gpu.clique"
            domainValue = { _ in nil }
        }
        let rack = everyNodeHasRack ? Level(key: rackKey, value: rackValue) : nil
        let domain = everyNodeHasDomain ? Level(key: domainKey, value: domainValue) : nil
        if !spec.racks.isEmpty && !everyNodeHasRack {
            notes.append("Not every node has a rack: the rack level is left out of the topology.")
        }
        if !spec.nvlinkDomains.isEmpty && !everyNodeHasDomain {
            notes.append("Not every node is in an NVLink domain: the domain level is left out of the topology.")
        }
        var levels: [Level] = []
        if preset == .topograph, everyNodeHasRack, spec.racks.count > 1,
            spec.networks.contains(where: { $0.role == .compute && $0.tiers.count > 1 })
        {
            levels.append(Level(key: "fabric.topograph.run/tier-1", value: { _ in "spine-\(spec.name)" }))
        }
        if let rackLevel = rack, let domainLevel = domain {
            let domainInRack = nests(spec, inner: { $0.domainIndex }, outer: { $0.rackIndex })
            let rackInDomain = nests(spec, inner: { $0.rackIndex }, outer: { $0.domainIndex })
            if rackInDomain {
                levels += [domainLevel, rackLevel]
            } else if domainInRack {
                levels += [rackLevel, domainLevel]
            } else {
                notes.append(
                    "NVLink domains and racks do not nest: the domain level is labelled but left out of the topology.")
                levels.append(rackLevel)
            }
        } else if let rackLevel = rack {
            levels.append(rackLevel)
        } else if let domainLevel = domain {
            levels.append(domainLevel)
        }
        return (levels, notes)
    }

    /// Whether every group of `inner` lies inside one group of `outer`.
    static func nests(_ spec: ClusterSpec, inner: (Node) -> Int?, outer: (Node) -> Int?) -> Bool {
        var parent: [Int: Int] = [:]
        for node in spec.nodes {
            guard let i = inner(node), let o = outer(node) else { return false }
            if let known = parent[i], known != o { return false }
            parent[i] = o
        }
        return true
    }

    /// A Kubernetes label value: at most 63 characters, alphanumerics with `-`, `_`, `.` inside
    /// (Kubernetes, "Labels and Selectors: Syntax and character set").
    static func isLabelValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count <= 63 else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
        guard let first = bytes.first, let last = bytes.last, alnum(first), alnum(last) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }
}
