import Foundation
import Testing
import TopoDiagnostics
import TopoEmit
import TopoImport
import TopoLint
import TopoModel

/// Every real NCCL topology file in the shared data imports into a spec that lints without
/// errors, with its bus ids kept and the facts of each machine pinned.
@Suite struct NCCLRealFileTests {
    /// What a file must import as.
    struct Machine: Sendable, CustomTestStringConvertible {
        var file: String
        var gpuSKU: String
        var gpus: Int
        var nics: Int
        var sockets: Int
        /// `unknown`, `nvswitch-genN xC`.
        var nvlink: String
        var hostBridges: Int
        var switches: Int
        var firstGPUBusID: String
        /// GPU → switch or host bridge holding it, in GPU order.
        var gpuEntries: [String]
        /// Path class of GPU0 to each NIC.
        var gpu0ToNICs: [String]
        var fabric: String?
        /// Import finding codes, sorted, with repeats.
        var findings: [String]
        /// `sockets: {count: unknown, numa_nodes: sockets}`: more `cpu` elements (NUMA nodes) than two.
        var socketCountUnknown = false

        var testDescription: String { file }
    }

    static let machines: [Machine] = [
        Machine(
            file: "aws-g5.48xlarge-a10g-8gpu-minimal-topo.xml", gpuSKU: "unidentified-gpu", gpus: 8, nics: 0,
            sockets: 2,
            nvlink: "unknown", hostBridges: 2, switches: 0, firstGPUBusID: "0000:00:16.0",
            gpuEntries: ["cpu0", "cpu0", "cpu0", "cpu0", "cpu1", "cpu1", "cpu1", "cpu1"], gpu0ToNICs: [], fabric: nil,
            findings: ["TS514"]),
        Machine(
            file: "aws-p4d.24xlarge-a100-8gpu-4efa-topo.xml", gpuSKU: "unidentified-gpu", gpus: 8, nics: 4, sockets: 2,
            nvlink: "unknown", hostBridges: 0, switches: 4, firstGPUBusID: "0000:10:1c.0",
            gpuEntries: ["sw0", "sw0", "sw1", "sw1", "sw2", "sw2", "sw3", "sw3"],
            gpu0ToNICs: ["PIX", "NODE", "SYS", "SYS"],
            fabric: "ethernet", findings: []),
        Machine(
            file: "azure-ndv2-v100-8gpu-topo.xml", gpuSKU: "unidentified-gpu", gpus: 8, nics: 1, sockets: 2,
            nvlink: "unknown", hostBridges: 2, switches: 0, firstGPUBusID: "0001:00:00.0",
            gpuEntries: ["cpu0", "cpu0", "cpu0", "cpu0", "cpu1", "cpu1", "cpu1", "cpu1"], gpu0ToNICs: ["PHB"],
            fabric: "infiniband", findings: []),
        Machine(
            file: "azure-ndv4-a100-8gpu-topo.xml", gpuSKU: "unidentified-gpu", gpus: 8, nics: 8, sockets: 4,
            nvlink: "unknown", hostBridges: 0, switches: 4, firstGPUBusID: "0001:00:00.0",
            gpuEntries: ["sw1", "sw1", "sw0", "sw0", "sw3", "sw3", "sw2", "sw2"],
            gpu0ToNICs: ["PIX", "PIX", "SYS", "SYS", "SYS", "SYS", "SYS", "SYS"], fabric: "infiniband", findings: [],
            socketCountUnknown: true),
        Machine(
            file: "ibm-cloud-gx3d-h100-8gpu-vsi-topo.xml", gpuSKU: "h100-sxm5-80gb", gpus: 8, nics: 8, sockets: 2,
            nvlink: "nvswitch-gen3 x4", hostBridges: 0, switches: 8, firstGPUBusID: "0000:a4:00.0",
            gpuEntries: ["sw0", "sw1", "sw2", "sw3", "sw4", "sw5", "sw6", "sw7"],
            gpu0ToNICs: ["SYS", "SYS", "SYS", "SYS", "NODE", "NODE", "NODE", "PIX"], fabric: "roce", findings: ["TS511"]
        ),
    ]

    @Test func everyFileIsPinned() {
        #expect(Fixtures.ncclFiles.count == 5)
        #expect(Set(Fixtures.ncclFiles) == Set(Self.machines.map(\.file)))
    }

    @Test(arguments: machines)
    func imports(_ machine: Machine) throws {
        let result = NCCLTopologyImporter().importFile(path: Fixtures.ncclFolder + machine.file)
        let spec = try #require(result.spec, "\(result.findings)")
        #expect(result.findings.map(\.code).sorted() == machine.findings, "\(result.findings.map(\.message))")
        #expect(result.findings.allSatisfy { $0.location?.file == Fixtures.ncclFolder + machine.file })
        let report = Fixtures.lint(spec)
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error }.map(\.message))")
        let decoded = try #require(report.spec)
        let type = try #require(decoded.nodeTypes.first)
        #expect(type.gpus.count == machine.gpus)
        #expect(Set(type.gpus.map(\.sku)) == [machine.gpuSKU])
        #expect(type.gpus.first?.busID == machine.firstGPUBusID)
        #expect(type.gpus.allSatisfy { $0.busID != nil })
        #expect(type.nics.count == machine.nics)
        #expect(type.nics.allSatisfy { $0.busID != nil })
        #expect(type.sockets == machine.sockets)
        #expect(type.socketCountUnknown == machine.socketCountUnknown)
        #expect(type.pcie.entries.filter { $0.kind == .hostBridge }.count == machine.hostBridges)
        #expect(type.pcie.entries.filter { $0.kind == .pcieSwitch }.count == machine.switches)
        #expect(
            (0..<machine.gpus).map { gpu in type.pcie.entry(ofGPU: gpu).map { type.pcie.entries[$0].name } ?? "" }
                == machine.gpuEntries)
        #expect(decoded.networks.map(\.fabric.rawValue) == (machine.fabric.map { [$0] } ?? []))
        if machine.nvlink == "unknown" {
            #expect(type.scaleUp == nil && !type.explicitlyNoScaleUp)
        } else {
            let attachment = try #require(type.scaleUp?.nvswitch)
            #expect("\(attachment.sku) x\(attachment.count)" == machine.nvlink)
        }
        let rendered = MatrixText(TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0)))
        #expect((0..<machine.nics).map { rendered.cell("GPU0", "NIC\($0)") ?? "" } == machine.gpu0ToNICs)
    }

    @Test func switchBusIDsAndLinksAreKept() throws {
        let spec = try #require(
            NCCLTopologyImporter().importFile(path: Fixtures.ncclFolder + "aws-p4d.24xlarge-a100-8gpu-4efa-topo.xml")
                .spec)
        let type = try #require(Fixtures.lint(spec).spec?.nodeTypes.first)
        #expect(
            type.pcie.entries.map { $0.busID ?? "" } == [
                "ffff:ff:01.0", "ffff:ff:02.0", "ffff:ff:03.0", "ffff:ff:04.0",
            ])
        #expect(type.pcie.entries.allSatisfy { $0.generation == 3 && $0.width == 16 })  // "8 GT/s" x16
        #expect(type.nics.map { $0.busID ?? "" } == ["0000:10:1b.0", "0000:20:1b.0", "0000:90:1b.0", "0000:a0:1b.0"])
        let ibm = try #require(
            NCCLTopologyImporter().importFile(path: Fixtures.ncclFolder + "ibm-cloud-gx3d-h100-8gpu-vsi-topo.xml").spec)
        let h100 = try #require(Fixtures.lint(ibm).spec?.nodeTypes.first)
        #expect(h100.pcie.entries.first?.busID == "0000:a1:00.0")
        // "2.5 GT/s PCIe" x1 above Gen5 GPUs is a VM's virtual bridge: not written, so no TS213 false alarm.
        #expect(h100.pcie.entries.first?.generation == nil && h100.pcie.entries.first?.width == 16)
        #expect(h100.nics.map { $0.device ?? "" } == (0..<8).map { "mlx5_\($0)" })
        #expect(h100.nics.allSatisfy { $0.gbps == 200 })
        #expect(h100.nics.first?.busID == "0000:e9:00.0")
    }

    @Test func widthZeroIsReportedOnceAtItsLine() throws {
        let result = NCCLTopologyImporter().importFile(
            path: Fixtures.ncclFolder + "ibm-cloud-gx3d-h100-8gpu-vsi-topo.xml")
        let finding = try #require(result.findings.first { $0.code == "TS511" })
        #expect(finding.location?.line == 4)
        #expect(finding.message.contains("16 `pci` elements"))
    }

    @Test func importIsDeterministic() {
        for file in Fixtures.ncclFiles {
            let a = NCCLTopologyImporter().importFile(path: Fixtures.ncclFolder + file)
            let b = NCCLTopologyImporter().importFile(path: Fixtures.ncclFolder + file)
            #expect(a.spec != nil && a.spec == b.spec, "\(file)")
        }
    }

    /// import → emit nccl-topo → import keeps every device, bus id, socket and GPU model, and the
    /// emitted XML is a fixed point: emitting the re-imported spec gives the same file.
    @Test(arguments: Fixtures.ncclFiles)
    func emitRoundTrip(file: String) throws {
        let first = NCCLTopologyImporter().importFile(path: Fixtures.ncclFolder + file)
        let text1 = try #require(first.spec)
        let spec1 = try #require(Fixtures.lint(text1).spec)
        let xml1 = NCCLTopologyEmitter.render(spec: spec1, typeID: NodeTypeID(0), source: "a.yaml")
        let second = NCCLTopologyImporter().importText(Array(xml1.utf8), path: "emitted.xml")
        let text2 = try #require(second.spec, "\(second.findings.map(\.message))")
        let report2 = Fixtures.lint(text2)
        #expect(!report2.diagnostics.contains { $0.severity == .error }, "\(report2.diagnostics.map(\.message))")
        let spec2 = try #require(report2.spec)
        let (a, b) = (spec1.nodeTypes[0], spec2.nodeTypes[0])
        #expect(a.gpus.map(\.busID) == b.gpus.map(\.busID))
        #expect(a.gpus.map(\.sku) == b.gpus.map(\.sku))
        #expect(a.nics.map(\.busID) == b.nics.map(\.busID))
        #expect(a.nics.map(\.network) == b.nics.map(\.network))
        #expect(a.sockets == b.sockets)
        #expect(a.pcie.entries.count == b.pcie.entries.count)
        let xml2 = NCCLTopologyEmitter.render(spec: spec2, typeID: NodeTypeID(0), source: "a.yaml")
        // The header comments describe the spec (what it leaves to invention: the second spec has
        // the NIC names the first file made up), not the topology.
        func body(_ xml: String) -> [Substring] { xml.split(separator: "\n").filter { !$0.hasPrefix("<!--") } }
        #expect(body(xml1) == body(xml2))
        // A real dump's CPU names a catalog model: the spec carries it and the file writes it back,
        // with the family as NCCL writes it (143 for family 17h; Azure's file has the display family 23).
        if file == "azure-ndv4-a100-8gpu-topo.xml" {
            #expect(a.cpu == "epyc-rome")
            #expect(xml1.contains("vendor=\"AuthenticAMD\" familyid=\"143\" modelid=\"49\""))
        }
    }
}
