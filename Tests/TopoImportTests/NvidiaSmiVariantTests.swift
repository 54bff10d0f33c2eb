import Foundation
import Testing
import TopoDiagnostics
import TopoEmit
import TopoImport
import TopoLint
import TopoModel

/// The ways people paste `nvidia-smi topo -m`, on small matrices written for the purpose.
@Suite struct NvidiaSmiVariantTests {
    func run(_ text: String) throws -> (ImportResult, NodeType, Linter.FileReport) {
        let result = NvidiaSmiTopoImporter().importText(Array(text.utf8), path: "topo.txt")
        let spec = try #require(result.spec, "\(result.findings.map(\.message))")
        let report = Fixtures.lint(spec)
        #expect(report.errorCount == 0, "\(report.diagnostics.map(\.message))")
        return (result, try #require(report.spec?.nodeTypes.first), report)
    }

    static let legend = """

        Legend:

          X    = Self
          SYS  = Connection traversing PCIe as well as the SMP interconnect between NUMA nodes (e.g., QPI/UPI)
          NODE = Connection traversing PCIe as well as the interconnect between PCIe Host Bridges within a NUMA node
          PHB  = Connection traversing PCIe as well as a PCIe Host Bridge (typically the CPU)
          PXB  = Connection traversing multiple PCIe bridges (without traversing the PCIe Host Bridge)
          PIX  = Connection traversing at most a single PCIe bridge
          NV#  = Connection traversing a bonded set of # NVLinks

        """

    @Test func promptIndentationAndCRLF() throws {
        let text =
            "user@node:~$ nvidia-smi topo -m\r\n    \tGPU0\tGPU1\tCPU Affinity\tNUMA Affinity\r\n    GPU0\t X \tNV4\t0-31\t0\r\n    GPU1\tNV4\t X \t0-31\t0\r\n"
        let (result, type, _) = try run(text)
        #expect(result.findings.isEmpty)
        #expect(type.scaleUp?.bridges.map(\.gpus) == [[0, 1]])
        #expect(result.spec?.contains("Command line before the matrix: user@node:~$ nvidia-smi topo -m") == true)
        #expect(result.spec?.contains("bridge: {max_gpus: 2}") == true)
    }

    @Test func pcieOnlyOutputDeclaresNVLinkUnknown() throws {
        let text =
            "\tGPU0\tGPU1\tCPU Affinity\n GPU0\t X \tPHB\t0-7\nGPU1\tPHB\t X \t0-7\n"
            + Self.legend.replacingOccurrences(
                of: "  NV#  = Connection traversing a bonded set of # NVLinks\n", with: "")
        let (result, type, _) = try run(text)
        #expect(type.scaleUp == nil && !type.explicitlyNoScaleUp && type.scaleUpUnknown)
        #expect(result.spec?.contains("nvlink: unknown") == true)
        #expect(result.spec?.contains("`nvidia-smi topo -mp` (PCIe only) cannot show it") == true)
    }

    /// Four CPU affinity ranges (one EPYC in NPS4 looks like this, and so does a four-socket
    /// host): NUMA nodes of an unknown number of sockets, one concept with the NCCL importer.
    @Test func moreThanTwoAffinityRangesAreNUMANodes() throws {
        let text = """
            \tGPU0\tGPU1\tGPU2\tGPU3\tCPU Affinity\tNUMA Affinity
            GPU0\t X \tSYS\tSYS\tSYS\t0-15\t0
            GPU1\tSYS\t X \tSYS\tSYS\t16-31\t1
            GPU2\tSYS\tSYS\t X \tSYS\t32-47\t2
            GPU3\tSYS\tSYS\tSYS\t X \t48-63\t3

            """ + Self.legend
        let (result, type, report) = try run(text)
        #expect(type.sockets == 4 && type.socketCountUnknown)
        #expect(result.spec?.contains("sockets: {count: unknown, numa_nodes: 4}") == true)
        let p2p = try #require(report.diagnostics.first { $0.code == "TS211" })
        #expect(p2p.message.contains("go between NUMA nodes"))
    }

    @Test func blankNUMAAffinityAndOldSOC() throws {
        let text = """
            \tGPU0\tGPU1\tGPU2\tGPU3\tCPU Affinity\tNUMA Affinity\tGPU NUMA ID
            GPU0\t X \tPHB\tSOC\tSOC\t0-15\t\tN/A
            GPU1\tPHB\t X \tSOC\tSOC\t0-15\t\tN/A
            GPU2\tSOC\tSOC\t X \tPHB\t16-31\t\tN/A
            GPU3\tSOC\tSOC\tPHB\t X \t16-31\t\tN/A

            """ + Self.legend
        let (_, type, _) = try run(text)
        #expect(type.sockets == 2)
        #expect(type.pcie.entries.map(\.gpus) == [[0, 1], [2, 3]])
    }

    /// Two GPUs on one socket, NVLinked to each other, with no PCIe cell between them: NUMA
    /// affinity decides the sockets.
    @Test func socketsFromNUMAWhenTheMatrixIsSilent() throws {
        let text = """
                    GPU0    GPU1    GPU2    GPU3    CPU Affinity    NUMA Affinity
            GPU0     X      NV12    NV12    NV12    0-31            0
            GPU1    NV12     X      NV12    NV12    0-31            0
            GPU2    NV12    NV12     X      NV12    32-63           1
            GPU3    NV12    NV12    NV12     X      32-63           1

            """ + Self.legend
        let (_, type, _) = try run(text)
        #expect(type.sockets == 2)
        #expect(type.scaleUp?.nvswitch?.sku == "nvswitch-gen2")
        #expect(type.pcie.entries.map(\.gpus) == [[0, 1], [2, 3]])
    }

    @Test func contradictoryMatrixIsReported() throws {
        let text = """
            \tGPU0\tGPU1\tGPU2
            GPU0\t X \tPIX\tPXB
            GPU1\tPIX\t X \tPIX
            GPU2\tPXB\tPIX\t X

            """ + Self.legend
        let (result, _, _) = try run(text)
        #expect(result.findings.map(\.code) == ["TS520"])
        #expect(result.findings.first?.location?.line == 2)
    }

    @Test func nicLegendWithBondAndNumberedColumns() throws {
        let text = """
            \tGPU0\tGPU1\tNIC0\tNIC1\tCPU Affinity\tNUMA Affinity\tGPU NUMA ID
            GPU0\t X \tNODE\tPIX\tNODE\t0-47\t0\t\tN/A
            GPU1\tNODE\t X \tNODE\tPIX\t0-47\t0\t\tN/A
            NIC0\tPIX\tNODE\t X \tNODE
            NIC1\tNODE\tPIX\tNODE\t X

            """ + Self.legend + "\nNIC Legend:\n\n  NIC0: mlx5_bond_0\n  NIC1: mlx5_1\n"
        let (_, type, report) = try run(text)
        #expect(type.nics.map { $0.device ?? "" } == ["mlx5_bond_0", "mlx5_1"])
        // `compute` is the InfiniBand network; the bonded RoCE port gets its own.
        #expect(report.spec?.networks.map(\.fabric.rawValue) == ["infiniband", "roce"])
        #expect(report.spec?.networks.first?.name == "compute")
        #expect(type.pcie.entries.count == 2)
    }

    /// A large matrix (128 GPUs and 128 NICs, one switch per GPU/NIC pair, 4 sockets) imports and
    /// round-trips.
    @Test func largeMatrix() throws {
        let n = 128
        func cls(_ a: Int, _ b: Int) -> String {
            // Device d is a GPU for d < n, else NIC d - n; pair k = d % n, socket = k / 32.
            let (ka, kb) = (a % n, b % n)
            if a == b { return " X " }
            if ka == kb { return "PIX" }
            return ka / 32 == kb / 32 ? "NODE" : "SYS"
        }
        let labels = (0..<n).map { "GPU\($0)" } + (0..<n).map { "NIC\($0)" }
        var text = "\t" + labels.joined(separator: "\t") + "\n"
        for a in 0..<(2 * n) {
            text += labels[a] + "\t" + (0..<(2 * n)).map { cls(a, $0) }.joined(separator: "\t") + "\n"
        }
        let (result, type, report) = try run(text + Self.legend)
        #expect(result.findings.map(\.code) == ["TS523"])  // no NIC legend
        #expect(type.gpus.count == n && type.nics.count == n && type.sockets == 4)
        #expect(type.pcie.entries.count == n)
        let rendered = MatrixText(TopologyMatrix.render(spec: try #require(report.spec), typeID: NodeTypeID(0)))
        #expect(
            rendered.cell("GPU5", "NIC5") == "PIX" && rendered.cell("GPU5", "NIC6") == "NODE"
                && rendered.cell("GPU5", "NIC100") == "SYS")
    }

    @Test func nvswitchNeedsMoreLinksThanAGPUHas() throws {
        // NV6 between each of 4 GPUs: 18 links per GPU, a direct mesh (4-GPU HGX H100), not a switch.
        let text = """
            \tGPU0\tGPU1\tGPU2\tGPU3\tCPU Affinity
            GPU0\t X \tNV6\tNV6\tNV6\t0-31
            GPU1\tNV6\t X \tNV6\tNV6\t0-31
            GPU2\tNV6\tNV6\t X \tNV6\t0-31
            GPU3\tNV6\tNV6\tNV6\t X \t0-31

            """ + Self.legend
        let (_, type, _) = try run(text)
        #expect(type.scaleUp?.nvswitch == nil)
        #expect(type.scaleUp?.links.count == 6)
    }
}
