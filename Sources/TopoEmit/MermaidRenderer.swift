import TopoDiagnostics

/// Writes a `TopologyGraph` as a Mermaid flowchart (for Markdown reports and pull requests that
/// render Mermaid). Mermaid ids are generated (`v0`, `v1`, … and `b0`, … for boxes) because spec
/// names may hold characters Mermaid reads as syntax; labels are quoted with `"` as `#quot;`.
public enum MermaidRenderer {
    /// The Mermaid flowchart of `graph`.
    ///
    /// - Parameter graph: The graph: boxes become nested subgraphs, then loose vertices and edges
    ///   follow; NVLink and network edges get colour `linkStyle`s.
    /// - Returns: A flowchart (top to bottom) with a front-matter title.
    /// - Complexity: O(*v* + *e*) for the graph's vertices and edges.
    public static func render(_ graph: TopologyGraph) -> String {
        var ids: [String: String] = [:]
        for (i, v) in graph.vertices.enumerated() { ids[v.id] = "v\(i)" }
        var out = "---\ntitle: \(label(graph.title))\n---\nflowchart TB\n"
        let byID = Dictionary(graph.vertices.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func vertex(_ id: String, indent: String) -> String {
            guard let v = byID[id], let m = ids[id] else { return "" }
            let text = "\"" + v.label.map(label).joined(separator: "<br/>") + "\""
            switch v.role {
            case .network: return indent + m + "([" + text + "])\n"
            case .nvswitch: return indent + m + "{{" + text + "}}\n"
            case .cpu: return indent + m + "[[" + text + "]]\n"
            default: return indent + m + "[" + text + "]\n"
            }
        }
        var boxCount = 0
        func box(_ b: TopologyGraph.Box, indent: String) -> String {
            let m = "b\(boxCount)"
            boxCount += 1
            var s = indent + "subgraph " + m + "[\"" + label(b.label) + "\"]\n"
            for id in b.vertices { s += vertex(id, indent: indent + "  ") }
            for inner in b.boxes { s += box(inner, indent: indent + "  ") }
            return s + indent + "end\n"
        }
        for b in graph.boxes { out += box(b, indent: "  ") }
        for id in graph.looseVertices { out += vertex(id, indent: "  ") }
        var styles: [TopologyGraph.Wire: [Int]] = [:]
        for (k, e) in graph.edges.enumerated() {
            guard let a = ids[e.from], let b = ids[e.to] else { continue }
            let arrow = e.wire == .nvlink ? "===" : (e.wire == .socketLink ? "-.-" : "---")
            out += "  " + a + " " + arrow + (e.label.map { "|\"" + label($0) + "\"|" } ?? "") + " " + b + "\n"
            styles[e.wire, default: []].append(k)
        }
        for wire in [TopologyGraph.Wire.nvlink, .network] {
            guard let edges = styles[wire], !edges.isEmpty else { continue }
            let color = wire == .nvlink ? "#38761d" : "#cc0000"
            out += "  linkStyle " + edges.map(String.init).joined(separator: ",") + " stroke:\(color)\n"
        }
        return out
    }

    /// Text safe inside a quoted Mermaid label.
    static func label(_ text: String) -> String {
        var s = ""
        for c in text.unicodeScalars {
            switch c {
            case "\"": s += "#quot;"
            case "<": s += "#lt;"
            case ">": s += "#gt;"
            case "\n": s += " "
            default: s += UntrustedText.isControl(c) ? "U+" + String(c.value, radix: 16, uppercase: true) : String(c)
            }
        }
        return s
    }
}
