import Testing
import TopoEmit
import TopoLint
import TopoModel

/// Drawings: golden DOT and Mermaid for node types and clusters, the facts each must show, and
/// SVG through Graphviz where `dot` is installed (CI installs it).
@Suite struct GraphTests {
    @Test func nvswitchNodeType() throws {
        let spec = try Golden.spec("dgx-h100-superpod.yaml")
        let graph = TopologyGraph.nodeType(spec: spec, typeID: try #require(spec.nodeTypeIndex["dgx-h100"]))
        Golden.check(DOTRenderer.render(graph), "dgx-h100.graph.dot")
        Golden.check(MermaidRenderer.render(graph), "dgx-h100.graph.mmd")
        // Every GPU reaches the NVSwitch vertex with its 18 NVLink 4 links, 450 GB/s per direction;
        // no GPU-GPU edges.
        let nvlink = graph.edges.filter { $0.wire == .nvlink }
        #expect(nvlink.count == 8 && nvlink.allSatisfy { $0.to == "nvswitch" && $0.label == "18× NVLink 4, 450 GB/s" })
        #expect(graph.boxes.map(\.label) == ["socket 0", "socket 1"])
    }

    /// Racks and PCIe switches are drawn in natural order of their names, not in the order the
    /// spec happens to name them (r01, r02, r03, r06, r05, r04 once).
    @Test func racksAndSwitchesInNaturalOrder() throws {
        let text = """
            topospec: 1
            cluster: c
            node_types:
              t:
                gpus: {sku: l40s, count: 4}
                pcie:
                  - {switch: pex10, socket: 0, gpus: [2, 3]}
                  - {switch: pex9, socket: 0, gpus: [0, 1]}
            nodes:
              "n[1-3]": {type: t, rack: "r[01-03]"}
              n6: {type: t, rack: r06}
              n5: {type: t, rack: r05}
              n4: {type: t, rack: r10}
              n7: {type: t, rack: r04}
            """
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "order.yaml")
        let spec = try #require(report.spec, "\(report.diagnostics.map(\.message))")
        let cluster = TopologyGraph.cluster(spec: spec)
        #expect(
            cluster.boxes.map(\.label) == [
                "rack r01", "rack r02", "rack r03", "rack r04", "rack r05", "rack r06", "rack r10",
            ])
        let node = TopologyGraph.nodeType(spec: spec, typeID: NodeTypeID(0))
        let switches = node.vertices.filter { $0.role == .pcieSwitch }.compactMap(\.label.first)
        #expect(switches == ["pex9", "pex10"])
    }

    @Test func cubeMeshHasItsPairLinks() throws {
        let spec = try Golden.spec("dgx-1v-cube-mesh.yaml")
        let graph = TopologyGraph.nodeType(spec: spec, typeID: NodeTypeID(0))
        Golden.check(DOTRenderer.render(graph), "dgx-1v.graph.dot")
        let pairs = graph.edges.filter { $0.wire == .nvlink }
        // The hybrid cube-mesh: 16 GPU pairs, 6 links per GPU (V100), 24 links in all.
        #expect(pairs.count == 16)
        #expect(pairs.compactMap { $0.label?.split(separator: "×").first.flatMap { Int($0) } }.reduce(0, +) == 24)
        // V100 NVLink 2: 25 GB/s per link per direction.
        #expect(
            pairs.contains { $0.label == "2× NVLink, 50 GB/s" } && pairs.contains { $0.label == "1× NVLink, 25 GB/s" })
    }

    @Test func superchipGPUsHangOffTheirCPU() throws {
        let spec = try Golden.spec("gb200-nvl72.yaml")
        let graph = TopologyGraph.nodeType(spec: spec, typeID: NodeTypeID(0))
        let c2c = graph.edges.filter { $0.label == "NVLink-C2C" }
        #expect(c2c.map { "\($0.from)-\($0.to)" } == ["cpu0-gpu0", "cpu0-gpu1", "cpu1-gpu2", "cpu1-gpu3"])
        #expect(graph.edges.filter { $0.to == "domain" }.count == 4)
        let cluster = TopologyGraph.cluster(spec: spec)
        #expect(cluster.boxes.first?.boxes.first?.label.hasPrefix("NVLink domain nvl72-r01 (18 × ") == true)
    }

    @Test func clusterView() throws {
        let spec = try Golden.spec("dgx-h100-superpod.yaml")
        let graph = TopologyGraph.cluster(spec: spec)
        Golden.check(DOTRenderer.render(graph), "dgx-h100-superpod.cluster.dot")
        Golden.check(MermaidRenderer.render(graph), "dgx-h100-superpod.cluster.mmd")
        #expect(graph.boxes.count == 8)
        // The compute fabric's leaf tier, then its spine above it.
        #expect(
            graph.edges.contains {
                $0.from == "net-compute" && $0.to == "net-compute-tier1" && $0.label == "non-blocking"
            })
        #expect(graph.vertices.first { $0.role == .nodeGroup }?.label.first == "dgx[01-04]")
        #expect(graph.edges.contains { $0.to == "net-compute" && $0.label == "8 × 400G per node" })
    }

    @Test func labelsAreEscaped() {
        var graph = TopologyGraph(title: "a \"quoted\" \\ title")
        graph.vertices = [TopologyGraph.Vertex(id: "x", label: ["<b>", "two\"lines"], role: .gpu)]
        let dot = DOTRenderer.render(graph)
        #expect(dot.contains("graph \"a \\\"quoted\\\" \\\\ title\" {"))
        #expect(dot.contains("\"x\" [label=\"<b>\\ntwo\\\"lines\""))
        let mermaid = MermaidRenderer.render(graph)
        #expect(mermaid.contains("v0[\"#lt;b#gt;<br/>two#quot;lines\"]"))
    }

    @Test(.enabled(if: GraphvizLayout.findDot() != nil, "Graphviz is not installed"))
    func svgThroughGraphviz() throws {
        let spec = try Golden.spec("dgx-1v-cube-mesh.yaml")
        let svg = try GraphvizLayout.svg(DOTRenderer.render(TopologyGraph.nodeType(spec: spec, typeID: NodeTypeID(0))))
        #expect(svg.contains("<svg"))
        #expect(svg.contains("GPU 7"))
    }

    @Test func missingGraphvizIsExplained() {
        #expect(GraphvizLayout.findDot(path: "/nonexistent") == nil)
    }
}

/// Graphviz gets bounded drawings only (issue 12).
@Suite struct GraphvizBoundTests {
    @Test func oversizedDrawingsAreNotLaidOut() throws {
        let dot = "graph g {\n" + (0...GraphvizLayout.maximumStatements).map { "  n\($0);\n" }.joined() + "}\n"
        guard case let .failure(failure) = Result(catching: { () throws(EmitFailure) in try GraphvizLayout.svg(dot) })
        else {
            Issue.record("an oversized drawing went to dot")
            return
        }
        #expect(failure.description.contains("drawing left out"))
        let placeholder = try GraphvizLayout.svg(dot, placeholderWhenTooLarge: true)
        #expect(placeholder.hasPrefix("<svg") && placeholder.contains("drawing left out"))
    }
}
