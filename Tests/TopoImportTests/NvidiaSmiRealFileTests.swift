import Foundation
import Testing
import TopoDiagnostics
import TopoEmit
import TopoImport
import TopoLint
import TopoModel

/// Every real `nvidia-smi topo -m` capture in the shared data imports into a spec that lints
/// without errors, and the facts of each machine are pinned.
@Suite struct NvidiaSmiRealFileTests {
    /// What a capture must import as.
    struct Machine: Sendable, CustomTestStringConvertible {
        var file: String
        var gpus: Int
        var nics: Int
        var sockets: Int
        /// `none`, `unknown` (input cannot show it), `nvswitch-genN xC`, `links`.
        var nvlink: String
        /// NV# pairs `a-b` → count (only for `links`).
        var pairs: [String: Int] = [:]
        /// Host bridges and switches of the inferred tree.
        var hostBridges: Int
        var switches: Int
        /// Path class of every GPU to NIC0 (GPU order), when there are NICs.
        var toNIC0: [String] = []
        /// RDMA devices of the NICs, in order.
        var devices: [String] = []
        /// Import finding codes.
        var findings: [String] = []

        var testDescription: String { file }
    }

    static let machines: [Machine] = [
        Machine(
            file: "2018-8gpu-pcie-plx-pix-pxb-old-format-mlx5col.TRUNCATED.txt", gpus: 8, nics: 1, sockets: 2,
            nvlink: "unknown",
            hostBridges: 1, switches: 6, toNIC0: ["SYS", "SYS", "SYS", "SYS", "PHB", "PHB", "PHB", "PHB"],
            devices: ["mlx5_0"],
            findings: ["TS523"]),
        Machine(
            file: "2gpu-node-indented-wrapped-legend.txt", gpus: 2, nics: 0, sockets: 1, nvlink: "none", hostBridges: 2,
            switches: 0),
        Machine(
            file: "2x-rtx5090-threadripper-phb.txt", gpus: 2, nics: 0, sockets: 1, nvlink: "none", hostBridges: 1,
            switches: 0),
        Machine(
            file: "4gpu-mixed-rtx4090-a6000-rtx5090-phb.txt", gpus: 4, nics: 0, sockets: 1, nvlink: "none",
            hostBridges: 1, switches: 0),
        Machine(
            file: "4x-l40s-dual-socket-node-sys-2nic.txt", gpus: 4, nics: 2, sockets: 2, nvlink: "none", hostBridges: 4,
            switches: 1,
            toNIC0: ["SYS", "SYS", "NODE", "NODE"], devices: ["mlx5_0", "mlx5_1"]),
        Machine(
            file: "4x-v100-nvlink-mesh-nv1-nv2-mlx5col.TRUNCATED.txt", gpus: 4, nics: 1, sockets: 2, nvlink: "links",
            pairs: ["0-1": 1, "0-2": 1, "0-3": 2, "1-2": 2, "1-3": 1, "2-3": 2], hostBridges: 2, switches: 0,
            toNIC0: ["SYS", "SYS", "SYS", "SYS"], devices: ["mlx5_0"]),
        Machine(
            file: "8x-rtx4090-pcie-switch-pix-1nic-bond.txt", gpus: 8, nics: 1, sockets: 2, nvlink: "none",
            hostBridges: 0, switches: 2,
            toNIC0: ["PIX", "PIX", "PIX", "PIX", "SYS", "SYS", "SYS", "SYS"], devices: ["mlx5_bond_0"]),
        Machine(
            file: "h100-pcie-1gpu-kvm-vm-1nic.txt", gpus: 1, nics: 1, sockets: 1, nvlink: "none", hostBridges: 1,
            switches: 0,
            toNIC0: ["PHB"], devices: ["mlx5_0"]),
        Machine(
            file: "hgx-h100-sxm-8gpu-8nic-mlx5.txt", gpus: 8, nics: 8, sockets: 2, nvlink: "nvswitch-gen3 x4",
            hostBridges: 0, switches: 8,
            toNIC0: ["PIX", "NODE", "NODE", "NODE", "SYS", "SYS", "SYS", "SYS"],
            devices: ["mlx5_0", "mlx5_1", "mlx5_2", "mlx5_3", "mlx5_4", "mlx5_5", "mlx5_6", "mlx5_7"]),
    ]

    @Test func everyCaptureIsPinned() {
        #expect(Fixtures.nvidiaSmiFiles.count == 9)
        #expect(Set(Fixtures.nvidiaSmiFiles) == Set(Self.machines.map(\.file)))
    }

    @Test(arguments: machines)
    func imports(_ machine: Machine) throws {
        let result = NvidiaSmiTopoImporter().importFile(path: Fixtures.nvidiaSmiFolder + machine.file)
        let spec = try #require(result.spec, "\(result.findings)")
        #expect(result.findings.map(\.code) == machine.findings, "\(result.findings.map(\.message))")
        let report = Fixtures.lint(spec)
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error }.map(\.message))")
        let decoded = try #require(report.spec)
        let type = try #require(decoded.nodeTypes.first)
        #expect(type.gpus.count == machine.gpus)
        #expect(type.nics.count == machine.nics)
        #expect(type.sockets == machine.sockets)
        #expect(type.pcie.entries.filter { $0.kind == .hostBridge }.count == machine.hostBridges)
        #expect(type.pcie.entries.filter { $0.kind == .pcieSwitch }.count == machine.switches)
        #expect(type.nics.map { $0.device ?? "" } == machine.devices)
        switch machine.nvlink {
        case "none":
            #expect(type.scaleUp == nil && type.explicitlyNoScaleUp)
        case "unknown":
            #expect(type.scaleUp == nil && !type.explicitlyNoScaleUp && type.scaleUpUnknown)
        case "external":
            #expect(type.scaleUp?.external != nil)
        case "links":
            let links = try #require(type.scaleUp?.links)
            #expect(Dictionary(uniqueKeysWithValues: links.map { ("\($0.a)-\($0.b)", $0.count) }) == machine.pairs)
        default:
            let attachment = try #require(type.scaleUp?.nvswitch)
            #expect("\(attachment.sku) x\(attachment.count)" == machine.nvlink)
        }
        // Every GPU and NIC is placed, and the NIC placement is the capture's.
        #expect(!report.diagnostics.contains { $0.code == "TS217" })
        let rendered = MatrixText(TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0)))
        if !machine.toNIC0.isEmpty {
            #expect((0..<machine.gpus).map { rendered.cell("GPU\($0)", "NIC0") ?? "" } == machine.toNIC0)
        }
    }

    /// `topospec matrix` of the imported spec prints the capture's matrix, cell for cell.
    @Test(arguments: machines.map(\.file))
    func roundTrip(_ file: String) throws {
        let text = try String(contentsOfFile: Fixtures.nvidiaSmiFolder + file, encoding: .utf8)
        let input = MatrixText(text)
        #expect(!input.labels.isEmpty)
        let result = NvidiaSmiTopoImporter().importText(Array(text.utf8), path: file)
        let spec = try #require(result.spec)
        let decoded = try #require(Fixtures.lint(spec).spec)
        let output = MatrixText(TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0)))
        #expect(output.labels == input.canonicalLabels)
        for (row, rowLabel) in input.labels.enumerated() {
            for (column, columnLabel) in input.labels.enumerated() {
                let expected = input.cell(rowLabel, columnLabel)
                let got = output.cell(input.canonicalLabels[row], input.canonicalLabels[column])
                #expect(got == expected, "\(rowLabel) → \(columnLabel)")
            }
        }
    }

    @Test func importIsDeterministic() throws {
        for file in Fixtures.nvidiaSmiFiles {
            let a = NvidiaSmiTopoImporter().importFile(path: Fixtures.nvidiaSmiFolder + file)
            let b = NvidiaSmiTopoImporter().importFile(path: Fixtures.nvidiaSmiFolder + file)
            #expect(a.spec != nil && a.spec == b.spec, "\(file)")
        }
    }

    @Test func typeNameIsUsed() throws {
        let spec = try #require(
            NvidiaSmiTopoImporter(typeName: "hgx-h100").importFile(
                path: Fixtures.nvidiaSmiFolder + "hgx-h100-sxm-8gpu-8nic-mlx5.txt"
            ).spec)
        let decoded = try #require(Fixtures.lint(spec).spec)
        #expect(decoded.nodeTypes.map(\.name) == ["hgx-h100"])
        #expect(decoded.nodes.first?.typeID == NodeTypeID(0))
        let refused = NvidiaSmiTopoImporter(typeName: "bad name").importFile(
            path: Fixtures.nvidiaSmiFolder + "hgx-h100-sxm-8gpu-8nic-mlx5.txt")
        #expect(refused.spec == nil && refused.findings.first?.code == "TS017")
    }
}
