import TopoDiagnostics

/// Writes a `TopologyGraph` in Graphviz's DOT language (an undirected graph; boxes become
/// `cluster_` subgraphs). Vertex and box ids are quoted, labels escaped, order kept, so the same
/// graph always gives the same text.
public enum DOTRenderer {
    /// The DOT text of `graph`.
    ///
    /// - Parameter graph: The graph: its boxes become nested `cluster_` subgraphs, then loose vertices
    ///   and edges follow, in the graph's order.
    /// - Returns: One `graph` statement, each line ending in a newline.
    /// - Complexity: O(*v* + *e*) for the graph's vertices and edges.
    public static func render(_ graph: TopologyGraph) -> String {
        var out = "graph \(quoted(graph.title)) {\n"
        out += "  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=11, label=\(quoted(graph.title)), labelloc=t];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n"
        let byID = Dictionary(graph.vertices.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func vertex(_ id: String, indent: String) -> String {
            guard let v = byID[id] else { return "" }
            return indent + quoted(v.id) + " [label=" + quoted(v.label.joined(separator: "\n")) + ", " + style(v.role)
                + "];\n"
        }
        func box(_ b: TopologyGraph.Box, indent: String) -> String {
            var s = indent + "subgraph " + quoted("cluster_" + b.id) + " {\n"
            s += indent + "  label=" + quoted(b.label) + "; style=rounded; color=\"#888888\";\n"
            for id in b.vertices { s += vertex(id, indent: indent + "  ") }
            for inner in b.boxes { s += box(inner, indent: indent + "  ") }
            return s + indent + "}\n"
        }
        for b in graph.boxes { out += box(b, indent: "  ") }
        for id in graph.looseVertices { out += vertex(id, indent: "  ") }
        for e in graph.edges {
            out += "  " + quoted(e.from) + " -- " + quoted(e.to)
            var attributes = [wireStyle(e.wire)]
            if let label = e.label { attributes.insert("label=" + quoted(label), at: 0) }
            out += " [" + attributes.joined(separator: ", ") + "];\n"
        }
        return out + "}\n"
    }

    static func style(_ role: TopologyGraph.Role) -> String {
        switch role {
        case .cpu: "shape=box3d, style=filled, fillcolor=\"#dddddd\""
        case .rootPort: "shape=box, style=dashed"
        case .pcieSwitch: "shape=box, style=filled, fillcolor=\"#cfe2f3\""
        case .gpu: "shape=box, style=\"filled,bold\", fillcolor=\"#d9ead3\""
        case .nic: "shape=box, style=filled, fillcolor=\"#fff2cc\""
        case .nvswitch: "shape=hexagon, style=filled, fillcolor=\"#b6d7a8\""
        case .network: "shape=ellipse, style=filled, fillcolor=\"#f4cccc\""
        case .nodeGroup: "shape=box, style=filled, fillcolor=\"#eeeeee\""
        }
    }

    static func wireStyle(_ wire: TopologyGraph.Wire) -> String {
        switch wire {
        case .pcie: "color=\"#3d85c6\""
        case .nvlink: "color=\"#38761d\", penwidth=2"
        case .socketLink: "color=\"#666666\", style=dashed"
        case .network: "color=\"#cc0000\""
        }
    }

    /// A DOT double-quoted string: `"` and `\` escaped, newlines as `\n`, other control characters
    /// shown as `UntrustedText` shows them.
    static func quoted(_ text: String) -> String {
        var s = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            case "\n": s += "\\n"
            default: s += UntrustedText.isControl(c) ? "U+" + String(c.value, radix: 16, uppercase: true) : String(c)
            }
        }
        return s + "\""
    }
}
