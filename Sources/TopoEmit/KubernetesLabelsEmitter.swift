import TopoDiagnostics
import TopoModel

/// Kubernetes node labels for topology-aware scheduling (Kueue's Topology Aware Scheduling):
/// a shell script that labels every node with its NVLink domain (block) and rack, and applies a
/// Kueue `Topology` whose levels go from the largest unit down to the host.
public enum KubernetesLabelsEmitter {
    public static let blockLabel = "topospec.io/nvlink-domain"
    public static let rackLabel = "topospec.io/rack"

    public static func script(spec: ClusterSpec, source: String) -> String {
        let hasBlocks = !spec.nvlinkDomains.isEmpty
        let hasRacks = !spec.racks.isEmpty
        var out = "#!/bin/sh\n# Kubernetes topology labels for cluster \(spec.name), written by topospec from \(UntrustedText.comment(source)).\nset -eu\n"
        for node in spec.nodes {
            var labels: [String] = []
            if let d = node.domainIndex { labels.append("\(blockLabel)=\(spec.nvlinkDomains[d].name)") }
            if let r = node.rackIndex { labels.append("\(rackLabel)=\(spec.racks[r].name)") }
            guard !labels.isEmpty else { continue }
            // `--` ends kubectl's options: a name can never be read as one (names are checked too).
            out += "kubectl label --overwrite node -- \(node.name) \(labels.joined(separator: " "))\n"
        }
        var levels: [String] = []
        if hasBlocks { levels.append(blockLabel) }
        if hasRacks { levels.append(rackLabel) }
        levels.append("kubernetes.io/hostname")
        out += "kubectl apply -f - <<'EOF'\n"
        out += "apiVersion: kueue.x-k8s.io/v1alpha1\nkind: Topology\nmetadata:\n  name: \(spec.name)\nspec:\n  levels:\n"
        for level in levels { out += "    - nodeLabel: \(level)\n" }
        out += "EOF\n"
        return out
    }
}
