import Foundation
import Testing
import TopoEmit
import TopoLint

/// `topospec matrix` on example specs reproduces real `nvidia-smi topo -m` captures of the same
/// machines (path classes only; the captures carry CPU affinity columns the spec does not).
@Suite struct MatrixTests {
    /// Rows of a matrix as label → cells, ignoring columns after the device columns.
    static func cells(_ text: String, devices: Int) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            guard let label = fields.first, label.hasPrefix("GPU") || label.hasPrefix("NIC"), fields.count > devices else { continue }
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
        let ours = Self.cells(TopologyMatrix.render(spec: decoded, typeIndex: index), devices: devices)
        let real = Self.cells(try String(contentsOfFile: Golden.root + "/Tests/Fixtures/shared/nvidia-smi-topo/" + capture, encoding: .utf8), devices: devices)
        #expect(!real.isEmpty)
        for (label, row) in real {
            #expect(ours[label] == row, "\(label): ours \(ours[label] ?? []) real \(row)")
        }
    }

    @Test func bandwidthMatrix() throws {
        let decoded = try #require(Linter().lint(path: Golden.root + "/specs/dgx-a100.yaml").spec)
        let text = TopologyMatrix.render(spec: decoded, typeIndex: 0, bandwidth: true)
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
        let text = TopologyMatrix.render(spec: decoded, typeIndex: node.typeIndex, node: node)
        let rows = MatrixTests.cells(text, devices: 8)
        #expect(rows["GPU5"]?.allSatisfy { $0 == "FAIL" } == true)
        #expect(rows["GPU0"]?[5] == "FAIL")
        #expect(rows["GPU0"]?[1] != "FAIL")
        #expect(text.contains("Node h100-03: GPU5 failed"))
        let healthy = TopologyMatrix.render(spec: decoded, typeIndex: node.typeIndex)
        #expect(!healthy.contains("FAIL"))
    }

    @Test func unboundedSocketLinkIsSaid() throws {
        let decoded = try #require(Linter().lint(path: Golden.root + "/specs/l40s-inference.yaml").spec)
        #expect(decoded.nodeTypes[0].socketLinkGBs == nil)
        let text = TopologyMatrix.render(spec: decoded, typeIndex: 0, bandwidth: true)
        #expect(text.contains("the socket link is unbounded because `sockets.link_gbs` is not written"))
        #expect(!TopologyMatrix.render(spec: decoded, typeIndex: 0).contains("unbounded"))
    }
}
