import Foundation
import Testing
import TopoEmit
import TopoLint
import TopoModel
import TopoTopology

/// `topospec matrix` on example specs reproduces real `nvidia-smi topo -m` captures of the same
/// machines (path classes only; the captures carry CPU affinity columns the spec does not).
@Suite struct MatrixTests {
    /// Rows of a matrix as label → cells, ignoring columns after the device columns.
    static func cells(_ text: String, devices: Int) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            guard let label = fields.first, label.hasPrefix("GPU") || label.hasPrefix("NIC"), fields.count > devices
            else { continue }
            rows[label] = Array(fields[1...devices])
        }
        return rows
    }

    @Test(arguments: [
        ("dgx-h100-superpod.yaml", "dgx-h100", "hgx-h100-sxm-8gpu-8nic-mlx5.txt", 16),
        ("l40s-inference.yaml", "l40s-4x", "4x-l40s-dual-socket-node-sys-2nic.txt", 6),
    ])
    func matchesRealCapture(spec: String, type: String, capture: String, devices: Int) throws {
        let report = Linter().lint(path: Golden.root + "/specs/" + spec)
        let decoded = try #require(report.spec)
        let index = try #require(decoded.nodeTypeIndex[type])
        let ours = Self.cells(TopologyMatrix.render(spec: decoded, typeID: index), devices: devices)
        let real = Self.cells(
            try String(
                contentsOfFile: Golden.root + "/Tests/Fixtures/shared/nvidia-smi-topo/" + capture, encoding: .utf8),
            devices: devices)
        #expect(!real.isEmpty)
        for (label, row) in real {
            #expect(ours[label] == row, "\(label): ours \(ours[label] ?? []) real \(row)")
        }
    }

    @Test func bandwidthMatrix() throws {
        let decoded = try #require(Linter().lint(path: Golden.root + "/specs/dgx-a100.yaml").spec)
        let text = TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0), bandwidth: true)
        let rows = Self.cells(text, devices: 9)
        #expect(rows["GPU0"]?[1] == "300")
        #expect(rows["GPU0"]?[8] == "31.5")
    }
}

/// `matrix --node` marks a node's failed devices, and `--bandwidth` says when the socket link is
/// unbounded.
@Suite struct MatrixNodeTests {
    @Test func failedGPUIsMarked() throws {
        let decoded = try #require(Linter().lint(path: Golden.root + "/specs/mixed-cluster-failed-gpu.yaml").spec)
        let index = try #require(decoded.nodeIndex["h100-03"])
        let node = decoded.nodes[index]
        #expect(node.failedGPUs == [5])
        let text = TopologyMatrix.render(spec: decoded, typeID: node.typeID, node: node)
        let rows = MatrixTests.cells(text, devices: 8)
        #expect(rows["GPU5"]?.allSatisfy { $0 == "FAIL" } == true)
        #expect(rows["GPU0"]?[5] == "FAIL")
        #expect(rows["GPU0"]?[1] != "FAIL")
        #expect(text.contains("Node h100-03: GPU5 failed"))
        let healthy = TopologyMatrix.render(spec: decoded, typeID: node.typeID)
        #expect(!healthy.contains("FAIL"))
    }

    /// Without `sockets.link_gbs`, paths across sockets are bounded by NCCL's figure for the
    /// spec's CPU (src/graph/topo.h: AMD_BW 16, SRP_QPI_BW 22), and said so in the legend.
    @Test func socketLinkDefaultsToNCCLsFigureForTheCPU() throws {
        let decoded = try #require(Linter().lint(path: Golden.root + "/specs/l40s-inference.yaml").spec)
        #expect(decoded.nodeTypes[0].socketLinkGBs == nil)
        let text = TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0), bandwidth: true)
        #expect(text.contains("bounded by NCCL's socket link figure for `epyc-genoa`, 16 GB/s"))
        #expect(!TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0)).contains("socket link figure"))
        // DGX H100 (2 × Xeon 8480C, Sapphire Rapids): a GPU ↔ NIC path across sockets is 22 GB/s, not 63.
        let dgx = try #require(Linter().lint(path: Golden.root + "/specs/dgx-h100-superpod.yaml").spec)
        let context = SpecAnalysis(spec: dgx)
        let topology = context.nodeTopologies[0]
        let crossing = (0..<topology.nicNames.count).map { topology.nicPath(gpu: 0, nic: $0) }.filter {
            $0.pathClass == .sys
        }
        #expect(!crossing.isEmpty)
        #expect(crossing.allSatisfy { $0.gbs == 22 })
    }

    /// A CPU the spec does not name leaves the socket link unbounded (unknown, not a guess).
    @Test func unknownCPULeavesTheSocketLinkUnbounded() throws {
        let text = """
            topospec: 1
            cluster: box
            node_types:
              server:
                gpus: {sku: l40s, count: 2}
                sockets: 2
                nvlink: none
                pcie:
                  - {switch: pex0, socket: 0, gpus: [0]}
                  - {switch: pex1, socket: 1, gpus: [1]}
            nodes:
              n1: {type: server}
            """
        let decoded = try #require(Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "t.yaml").spec)
        let matrix = TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0), bandwidth: true)
        #expect(
            matrix.contains(
                "the socket link is unbounded because neither `sockets.link_gbs` nor a known `sockets.cpu` is written"))
    }

    @Test func ncclSocketFiguresByCPUGeneration() throws {
        let cpus = BuiltinCatalog.catalog.cpus
        #expect(cpus["xeon-broadwell"]?.ncclInterSocketGBs == 6)
        #expect(cpus["xeon-skylake"]?.ncclInterSocketGBs == 10)
        #expect(cpus["xeon-sapphire-rapids"]?.ncclInterSocketGBs == 22)
        #expect(cpus["xeon-emerald-rapids"]?.ncclInterSocketGBs == 40)
        #expect(cpus["epyc-genoa"]?.ncclInterSocketGBs == 16)
        #expect(cpus["grace"]?.ncclInterSocketGBs == 6)
    }
}
