import Testing
import TopoEmit
import TopoLint
import TopoModel

/// Drawings past a size are collapsed (issue 12, item 18: a cluster of 2,000 racks handed
/// Graphviz over 100,000 statements): their size is bounded by constants, proven by counting the
/// DOT statements and Mermaid lines, never by timing a layout.
@Suite struct CollapsedDrawingTests {
    static func decode(_ text: String) throws -> ClusterSpec {
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "big.yaml")
        return try #require(report.spec, "\(report.diagnostics.prefix(3).map(\.message))")
    }

    static func cluster(racks: Int, types: Int = 1) -> String {
        var text = """
            topospec: 1
            cluster: big
            networks:
              ib: {fabric: infiniband, gbps: 400, tiers: [{radix: 64, down: 32, up: 32}, {radix: 64}]}
            node_types:

            """
        for t in 0..<types {
            text +=
                "  t\(t): {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}, nics: {\"cx[0-7]\": {sku: connectx-7, network: ib}}}\n"
        }
        text += "nodes:\n"
        let perType = racks * 4 / types
        for t in 0..<types {
            let first = t * perType + 1, last = (t + 1) * perType
            let firstRack = t * perType / 4 + 1, lastRack = (t + 1) * perType / 4
            text += "  \"n[\(first)-\(last)]\": {type: t\(t), rack: \"r[\(firstRack)-\(lastRack)]\"}\n"
        }
        return text
    }

    static func statements(_ graph: TopologyGraph) -> Int {
        DOTRenderer.render(graph).utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// 2,000 and 4,000 racks of 4 nodes draw the same small collapsed cluster, which Graphviz is
    /// given (below its statement limit): one box with the counts, one vertex per node type.
    @Test func twoThousandRacksCollapse() throws {
        let small = try Self.decode(Self.cluster(racks: 2000))
        let large = try Self.decode(Self.cluster(racks: 4000))
        let a = TopologyGraph.cluster(spec: small), b = TopologyGraph.cluster(spec: large)
        #expect(a.title.contains("collapsed"))
        #expect(Self.statements(a) == Self.statements(b))
        #expect(Self.statements(a) < 40)
        #expect(a.boxes.map(\.label) == ["2000 racks, 8000 nodes (drawn by node type)"])
        #expect(a.vertices.first?.label.prefix(2) == ["8000 × t0", "in 2000 racks"])
        #expect(MermaidRenderer.render(b).split(separator: "\n").count < 40)
        // A cluster under the limit is drawn rack by rack as before.
        let few = TopologyGraph.cluster(spec: try Self.decode(Self.cluster(racks: 50)))
        #expect(!few.title.contains("collapsed") && few.boxes.count == 50)
    }

    /// 400 node types of 4 nodes over 400 racks: the 47 largest (ties by name) get a vertex, the rest one.
    @Test func manyNodeTypesFold() throws {
        let spec = try Self.decode(Self.cluster(racks: 400, types: 400))
        let graph = TopologyGraph.cluster(spec: spec)
        #expect(graph.vertices.filter { $0.role == .nodeGroup }.count == TopologyGraph.maximumVertices)
        #expect(graph.vertices.contains { $0.label == ["353 more node types", "1412 nodes"] })
        #expect(Self.statements(graph) <= 4 * TopologyGraph.maximumVertices + 10)
        #expect(Self.statements(graph) <= GraphvizLayout.maximumStatements)
    }

    /// A node type of 1,024 GPUs and 1,024 NICs draws per socket, not per device.
    @Test func hugeNodeTypeCollapses() throws {
        let text = """
            topospec: 1
            cluster: wide
            networks:
              ib: {fabric: infiniband, gbps: 400}
            node_types:
              wide:
                gpus: {sku: h100-sxm5-80gb, count: 1024}
                sockets: 2
                nics: {"cx[0-1023]": {sku: connectx-7, network: ib}}
            nodes:
              n1: {type: wide}
            """
        let spec = try Self.decode(text)
        let graph = TopologyGraph.nodeType(spec: spec, typeID: NodeTypeID(0))
        #expect(graph.title.contains("collapsed"))
        #expect(graph.vertices.filter { $0.role == .gpu }.count == 1)
        #expect(graph.vertices.contains { $0.role == .gpu && $0.label.first?.hasPrefix("1024 × ") == true })
        #expect(Self.statements(graph) < 40)
    }
}
