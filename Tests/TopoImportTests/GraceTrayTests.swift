import Testing
import TopoDiagnostics
import TopoImport
import TopoLint
import TopoModel

/// Grace Blackwell NVL compute trays and inputs that cannot show NVLink. The GB200 matrix is
/// written for the test after the GPU rows of a published capture (sgl-project/sglang#11208:
/// 4 × "NVIDIA GB200", NV18 between every pair, CPU affinity 0-71 / 72-143, GPU NUMA ids 2, 10,
/// 18, 26, every GPU SYS to every NIC); its NIC rows are invented (three NICs per Grace).
@Suite struct GraceTrayTests {
    static let gb200 = """
        \tGPU0\tGPU1\tGPU2\tGPU3\tNIC0\tNIC1\tNIC2\tNIC3\tNIC4\tNIC5\tCPU Affinity\tNUMA Affinity\tGPU NUMA ID
        GPU0\t X \tNV18\tNV18\tNV18\tSYS\tSYS\tSYS\tSYS\tSYS\tSYS\t0-71\t0,3-9,11-17\t\t2
        GPU1\tNV18\t X \tNV18\tNV18\tSYS\tSYS\tSYS\tSYS\tSYS\tSYS\t0-71\t0,3-9,11-17\t\t10
        GPU2\tNV18\tNV18\t X \tNV18\tSYS\tSYS\tSYS\tSYS\tSYS\tSYS\t72-143\t1,19-25,27-33\t\t18
        GPU3\tNV18\tNV18\tNV18\t X \tSYS\tSYS\tSYS\tSYS\tSYS\tSYS\t72-143\t1,19-25,27-33\t\t26
        NIC0\tSYS\tSYS\tSYS\tSYS\t X \tNODE\tNODE\tSYS\tSYS\tSYS
        NIC1\tSYS\tSYS\tSYS\tSYS\tNODE\t X \tNODE\tSYS\tSYS\tSYS
        NIC2\tSYS\tSYS\tSYS\tSYS\tNODE\tNODE\t X \tSYS\tSYS\tSYS
        NIC3\tSYS\tSYS\tSYS\tSYS\tSYS\tSYS\tSYS\t X \tNODE\tNODE
        NIC4\tSYS\tSYS\tSYS\tSYS\tSYS\tSYS\tSYS\tNODE\t X \tNODE
        NIC5\tSYS\tSYS\tSYS\tSYS\tSYS\tSYS\tSYS\tNODE\tNODE\t X

        """ + NvidiaSmiVariantTests.legend + """

            NIC Legend:

              NIC0: mlx5_0
              NIC1: mlx5_1
              NIC2: mlx5_2
              NIC3: mlx5_3
              NIC4: mlx5_4
              NIC5: mlx5_5

            """

    static let names = """
        index, name, pci.bus_id
        0, NVIDIA GB200, 00000008:01:00.0
        1, NVIDIA GB200, 00000009:01:00.0
        2, NVIDIA GB200, 00000018:01:00.0
        3, NVIDIA GB200, 00000019:01:00.0

        """

    /// A GB200 tray: 2 sockets (not 8 NUMA groups, no NIC-only sockets), NVLink 5 through the
    /// rack's switch trays, GPUs on NVLink-C2C outside the PCIe tree, and no GPUDirect warning.
    @Test(arguments: [false, true])
    func gb200TrayImportsAsComputeTray(named: Bool) throws {
        let result = NvidiaSmiTopoImporter().importText(
            Array(Self.gb200.utf8), path: "gb200.txt",
            gpuNames: named ? (Array(Self.names.utf8), "names.csv") : nil)
        let spec = try #require(result.spec, "\(result.findings.map(\.message))")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        let report = Fixtures.lint(spec)
        // The matrix names its NICs only by device (`mlx5_0`): placeholders to fill in (TS405).
        #expect(
            Set(report.diagnostics.map(\.code)) == (named ? ["TS405"] : ["TS404", "TS405"]),
            "\(report.diagnostics.map { "\($0.code) \($0.message)" })")
        let decoded = try #require(report.spec)
        let type = try #require(decoded.nodeTypes.first)
        #expect(type.gpus.count == 4)
        #expect(type.sockets == 2)
        #expect(type.scaleUp?.external != nil)
        #expect(decoded.nvlinkDomains.count == 1)
        #expect((0..<4).allSatisfy { type.pcie.entry(ofGPU: $0) == nil })
        #expect(type.nics.count == 6 && type.nics.allSatisfy { type.pcie.entry(ofNIC: $0.name) != nil })
        let sku = try #require(decoded.catalog.gpus[type.gpus[0].sku])
        #expect(sku.host == .nvlinkC2C)
        #expect(sku.nvlink?.generation == 5 && sku.nvlink?.links == 18)
        if named { #expect(sku.id == "gb200") }
    }

    /// `nvidia-smi topo -mp` of an HGX H100 with the GPUs named: the SXM model implies its
    /// baseboard's NVSwitch fabric, so TS211 and TS201 stay quiet.
    @Test func sxmModelImpliesItsBaseboard() throws {
        var rows = "\t" + (0..<8).map { "GPU\($0)" }.joined(separator: "\t") + "\tCPU Affinity\n"
        for a in 0..<8 {
            let cells = (0..<8).map { b in a == b ? " X " : (a / 4 == b / 4 ? "NODE" : "SYS") }
            rows += "GPU\(a)\t" + cells.joined(separator: "\t") + "\t" + (a < 4 ? "0-55" : "56-111") + "\n"
        }
        let text =
            rows
            + NvidiaSmiVariantTests.legend.replacingOccurrences(
                of: "  NV#  = Connection traversing a bonded set of # NVLinks\n", with: "")
        let names = (0..<8).map { "GPU \($0): NVIDIA H100 80GB HBM3 (UUID: GPU-\($0))" }.joined(separator: "\n") + "\n"
        let result = NvidiaSmiTopoImporter().importText(
            Array(text.utf8), path: "topo-mp.txt", gpuNames: (Array(names.utf8), "names.txt"))
        let spec = try #require(result.spec, "\(result.findings.map(\.message))")
        let report = Fixtures.lint(spec)
        let type = try #require(report.spec?.nodeTypes.first)
        #expect(type.scaleUp?.nvswitch?.sku == "nvswitch-gen3" && type.scaleUp?.nvswitch?.count == 4)
        #expect(type.sockets == 2)
        #expect(
            !report.diagnostics.contains { ["TS201", "TS211"].contains($0.code) }, "\(report.diagnostics.map(\.code))")
    }

    /// `topo -mp` of unnamed GPUs: NVLink is `unknown`, and the P2P rules say nothing.
    @Test func unnamedPCIeOnlyMatrixIsUnknown() throws {
        var rows = "\tGPU0\tGPU1\tGPU2\tGPU3\tCPU Affinity\n"
        for a in 0..<4 {
            rows +=
                "GPU\(a)\t"
                + (0..<4).map { b in a == b ? " X " : (a / 2 == b / 2 ? "NODE" : "SYS") }.joined(separator: "\t") + "\t"
                + (a < 2 ? "0-15" : "16-31") + "\n"
        }
        let text =
            rows
            + NvidiaSmiVariantTests.legend.replacingOccurrences(
                of: "  NV#  = Connection traversing a bonded set of # NVLinks\n", with: "")
        let spec = try #require(NvidiaSmiTopoImporter().importText(Array(text.utf8), path: "topo-mp.txt").spec)
        let report = Fixtures.lint(spec)
        #expect(report.spec?.nodeTypes.first?.scaleUpUnknown == true)
        #expect(Set(report.diagnostics.map(\.code)) == ["TS404"], "\(report.diagnostics.map(\.code))")
    }
}
