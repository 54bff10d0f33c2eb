import ArgumentParser
import TopoEmit
import TopoModel

/// The drawing languages of `topospec graph`.
enum GraphFormat: String, CaseIterable, ExpressibleByArgument {
    case dot, mermaid, svg
}

/// `topospec graph SPEC [--type T] --format dot|mermaid|svg [-o FILE]`.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract:
            "Draw the cluster (racks, node groups, networks) or one node type (sockets, PCIe, GPUs, NICs, NVLink).",
        discussion: "svg runs Graphviz's `dot`, which must be on PATH; dot and mermaid need nothing else.")

    @Argument(help: "A spec file.") var spec: String
    @Option(help: "Draw this node type instead of the whole cluster.") var type: String?
    @Option(help: "dot, mermaid or svg.") var format: GraphFormat = .dot
    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.") var output:
        String?

    func run() throws {
        let decoded = try loadSpec(spec)
        let graph: TopologyGraph
        if type != nil {
            let (t, _) = try chooseType(decoded, type: type, node: nil)
            graph = TopologyGraph.nodeType(spec: decoded, typeID: t)
        } else {
            graph = TopologyGraph.cluster(spec: decoded)
        }
        switch format {
        case .dot: try deliver(DOTRenderer.render(graph), to: output)
        case .mermaid: try deliver(MermaidRenderer.render(graph), to: output)
        case .svg:
            let svg: String
            do {
                svg = try GraphvizLayout.svg(DOTRenderer.render(graph))
            } catch {
                try fail("\(error), or use --format dot or mermaid")
            }
            try deliver(svg, to: output)
        }
    }
}
