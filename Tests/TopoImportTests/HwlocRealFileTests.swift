import Foundation
import Testing
import TopoDiagnostics
import TopoEmit
import TopoImport
import TopoLint
import TopoModel

/// Real hwloc exports of GPU servers (Tests/Fixtures/hwloc, provenance in its SOURCES.md) import
/// into the machine's real structure, and lint reports the machine's real problems and nothing else.
@Suite struct HwlocRealFileTests {
    static let folder = Fixtures.root + "/Tests/Fixtures/hwloc/"

    /// What an export must import as.
    struct Machine: Sendable, CustomTestStringConvertible {
        var file: String
        var sku: String
        var gpus: Int
        var sockets: Int
        /// `links N` (a direct mesh of N links per pair) or `unknown`.
        var nvlink: String
        /// Socket of each GPU's host bridge.
        var gpuSockets: [Int]
        /// Compute NIC devices and frontend (management) NIC count.
        var computeNICs: [String]
        var frontendNICs: Int
        /// Path class of each GPU to its nearest compute NIC.
        var nearestNIC: [String]
        /// Lint codes on the imported spec, exactly.
        var findings: Set<String>

        var testDescription: String { file }
    }

    static let machines: [Machine] = [
        // JURECA-DC GPU node: every A100 shares a PCIe switch with its own HDR InfiniBand NIC.
        Machine(
            file: "topo.jrc0386.xml", sku: "a100-sxm4-40gb", gpus: 4, sockets: 2, nvlink: "links 4",
            gpuSockets: [0, 0, 1, 1],
            computeNICs: ["mlx5_1", "mlx5_0", "mlx5_3", "mlx5_2"], frontendNICs: 2,
            nearestNIC: ["PIX", "PIX", "PIX", "PIX"], findings: []),
        // The same node type recorded with hwloc 2.2 (XML version 2.0).
        Machine(
            file: "topo.jrc0323.xml", sku: "a100-sxm4-40gb", gpus: 4, sockets: 2, nvlink: "links 4",
            gpuSockets: [0, 0, 1, 1],
            computeNICs: ["mlx5_0", "mlx5_1", "mlx5_2", "mlx5_3"], frontendNICs: 2,
            nearestNIC: ["PIX", "PIX", "PIX", "PIX"], findings: []),
        // JUWELS Booster: the same 4 + 4 pairing.
        Machine(
            file: "topo.jwb0001.xml", sku: "a100-sxm4-40gb", gpus: 4, sockets: 2, nvlink: "links 4",
            gpuSockets: [0, 0, 1, 1],
            computeNICs: ["mlx5_1", "mlx5_0", "mlx5_3", "mlx5_2"], frontendNICs: 2,
            nearestNIC: ["PIX", "PIX", "PIX", "PIX"], findings: []),
        // MeluXina GPU node: 2 HDR NICs for 4 GPUs; GPUs 0 and 3 reach theirs only through the CPU.
        Machine(
            file: "topo.mel2001.xml", sku: "a100-sxm4-40gb", gpus: 4, sockets: 2, nvlink: "links 4",
            gpuSockets: [0, 0, 1, 1],
            computeNICs: ["mlx5_0", "mlx5_1"], frontendNICs: 2, nearestNIC: ["NODE", "PIX", "PIX", "NODE"],
            findings: ["TS207", "TS208"]),
        // JUSUF GPU node: one V100 PCIe card, its ConnectX-6 (one InfiniBand, one Ethernet port) on
        // another host bridge of the same package (NUMA node 2 against the GPU's 3).
        Machine(
            file: "topo.jsfc005.xml", sku: "v100-pcie-16gb", gpus: 1, sockets: 2, nvlink: "none", gpuSockets: [0],
            computeNICs: ["mlx5_0", "mlx5_1"], frontendNICs: 2, nearestNIC: ["NODE"], findings: ["TS207"]),
        // JUWELS Cluster GPU node: 4 V100 SXM2 (NVLink wiring not implied), 2 EDR NICs for 4 GPUs,
        // each sharing a switch with two GPUs.
        Machine(
            file: "topo.jwc09n003.xml", sku: "v100-sxm2-16gb", gpus: 4, sockets: 2, nvlink: "unknown",
            gpuSockets: [0, 0, 1, 1],
            computeNICs: ["mlx5_0", "mlx5_1"], frontendNICs: 4, nearestNIC: ["PIX", "PIX", "PIX", "PIX"],
            findings: ["TS208"]),
    ]

    @Test(arguments: machines)
    func imports(_ machine: Machine) throws {
        let result = HwlocImporter().importFile(path: Self.folder + machine.file)
        let spec = try #require(result.spec, "\(result.findings.map(\.message))")
        #expect(result.findings.filter { $0.severity != .info }.isEmpty, "\(result.findings.map(\.message))")
        let report = Fixtures.lint(spec)
        #expect(report.errorCount == 0, "\(report.diagnostics.map(\.message))")
        // NICs whose PCI id the table lacks import as placeholders (TS405) on every machine here.
        #expect(
            Set(report.diagnostics.map(\.code)) == machine.findings.union(["TS405"]),
            "\(report.diagnostics.map { "\($0.code) \($0.message)" })")
        let decoded = try #require(report.spec)
        let type = try #require(decoded.nodeTypes.first)
        #expect(type.gpus.count == machine.gpus)
        #expect(type.gpus.allSatisfy { $0.sku == machine.sku })
        #expect(type.sockets == machine.sockets)
        switch machine.nvlink {
        case "unknown": #expect(type.scaleUpUnknown)
        case "none": #expect(type.explicitlyNoScaleUp)
        default:
            let links = try #require(type.scaleUp?.links)
            #expect(links.count == machine.gpus * (machine.gpus - 1) / 2)
            #expect(links.allSatisfy { "links \($0.count)" == machine.nvlink })
        }
        let sockets = (0..<machine.gpus).map { gpu in type.pcie.entry(ofGPU: gpu).map { type.pcie.entries[$0].socket } }
        #expect(sockets == machine.gpuSockets.map { Optional($0) })
        let compute = type.nics.filter { decoded.network(named: $0.network ?? "")?.role == .compute }
        #expect(compute.map { $0.device ?? "" } == machine.computeNICs)
        #expect(
            type.nics.filter { decoded.network(named: $0.network ?? "")?.role == .management }.count
                == machine.frontendNICs)
        let matrix = MatrixText(TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0)))
        let nearest = (0..<machine.gpus).map { gpu in
            type.nics.indices.filter { compute.map(\.name).contains(type.nics[$0].name) }
                .compactMap { matrix.cell("GPU\(gpu)", "NIC\($0)") }
                .min { Self.rank($0) < Self.rank($1) } ?? ""
        }
        #expect(nearest == machine.nearestNIC)
    }

    private static func rank(_ cell: String) -> Int {
        ["PIX", "PXB", "PHB", "NODE", "SYS"].firstIndex(of: cell) ?? 9
    }

    /// hwloc 1.11 and 2.2 exports of the same JURECA-DC node type give the same spec apart from
    /// the header and the RDMA device numbering.
    @Test func hwlocVersionsAgree() throws {
        func body(_ file: String) throws -> [String] {
            let spec = try #require(HwlocImporter().importFile(path: Self.folder + file).spec)
            return spec.split(separator: "\n").map(String.init).filter {
                !$0.hasPrefix("#") && !$0.contains("description:") && !$0.contains("mlx5_")
            }
        }
        #expect(try body("topo.jrc0386.xml") == body("topo.jrc0323.xml"))
    }

    /// This development machine's own export (no GPU) is refused with a located TS507.
    @Test func machineWithoutGPUsIsRefused() throws {
        let result = HwlocImporter().importFile(path: Self.folder + "this-machine-no-gpu.xml")
        #expect(result.spec == nil)
        let finding = try #require(result.findings.first)
        #expect(finding.code == "TS507")
        #expect(finding.location?.line == 3)
    }

    @Test func ncclFileIsNotHwloc() throws {
        let result = HwlocImporter().importFile(path: Fixtures.ncclFolder + "azure-ndv4-a100-8gpu-topo.xml")
        #expect(result.spec == nil)
        #expect(result.findings.first?.code == "TS507")
        #expect(result.findings.first?.message.contains("import nccl-xml") == true)
    }

    /// hwloc + `nvidia-smi topo -m` of the same machine: NVLink comes from the matrix (here a
    /// matrix written for the test: 4 V100 SXM2 with NV2 between every pair).
    @Test func nvidiaSmiAddsNVLink() throws {
        let matrix = """
            \tGPU0\tGPU1\tGPU2\tGPU3\tCPU Affinity
            GPU0\t X \tNV2\tNV2\tNV2\t0-15
            GPU1\tNV2\t X \tNV2\tNV2\t0-15
            GPU2\tNV2\tNV2\t X \tNV2\t64-79
            GPU3\tNV2\tNV2\tNV2\t X \t64-79

            Legend:

              X    = Self
              SYS  = Connection traversing PCIe as well as the SMP interconnect between NUMA nodes (e.g., QPI/UPI)
              NODE = Connection traversing PCIe as well as the interconnect between PCIe Host Bridges within a NUMA node
              PHB  = Connection traversing PCIe as well as a PCIe Host Bridge (typically the CPU)
              PXB  = Connection traversing multiple PCIe bridges (without traversing the PCIe Host Bridge)
              PIX  = Connection traversing at most a single PCIe bridge
              NV#  = Connection traversing a bonded set of # NVLinks

            """
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.folder + "topo.jwc09n003.xml")))
        let result = HwlocImporter().importText(
            bytes, path: "topo.jwc09n003.xml", nvidiaSmi: (Array(matrix.utf8), "topo.txt"))
        let spec = try #require(result.spec)
        let type = try #require(Fixtures.lint(spec).spec?.nodeTypes.first)
        #expect(type.scaleUp?.links.count == 6)
        // V100 SXM2 has 6 links: NV2 to 3 peers does not fit.
        #expect(type.scaleUp?.links.allSatisfy { $0.count == 4 } == false)
    }

    @Test func amdGPUsByPCIIDGetUnknownXGMINotNVLink() throws {
        // A minimal hwloc tree with two MI250X GCDs (PCI 1002:7408): identified by id, and their
        // scale-up key is `infinity_fabric` (unknown: hwloc shows no xGMI), never `nvlink`.
        let xml = """
            <topology>
              <object type="Machine" os_index="0" cpuset="0x0000ffff">
                <object type="Package" os_index="0" cpuset="0x0000ffff">
                  <object type="NUMANode" os_index="0" cpuset="0x0000ffff"/>
                  <object type="Bridge" os_index="0" bridge_type="0-1" depth="0" bridge_pci="0000:[c0-c6]">
                    <object type="PCIDev" os_index="1" pci_busid="0000:c1:00.0" pci_type="0380 [1002:7408] [1002:0b0c] 01"/>
                    <object type="PCIDev" os_index="2" pci_busid="0000:c6:00.0" pci_type="0380 [1002:7408] [1002:0b0c] 01"/>
                  </object>
                </object>
              </object>
            </topology>

            """
        let spec = try #require(HwlocImporter().importText(Array(xml.utf8), path: "amd.xml").spec)
        #expect(spec.contains("infinity_fabric: unknown"))
        #expect(!spec.contains("nvlink:"))
        let report = Fixtures.lint(spec)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        let type = try #require(report.spec?.nodeTypes.first)
        #expect(type.gpus.allSatisfy { $0.sku == "mi250x" })
        #expect(type.scaleUpUnknown)
    }
}
