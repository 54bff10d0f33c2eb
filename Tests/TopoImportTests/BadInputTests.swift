import Foundation
import Testing
import TopoDiagnostics
import TopoImport

/// Unusable inputs give one clear error naming the file and the line, and no spec; nothing traps.
@Suite struct BadInputTests {
    static let hgx =
        (try? String(contentsOfFile: Fixtures.nvidiaSmiFolder + "hgx-h100-sxm-8gpu-8nic-mlx5.txt", encoding: .utf8))
        ?? ""

    func smi(_ text: String) -> ImportResult {
        NvidiaSmiTopoImporter().importText(Array(text.utf8), path: "topo.txt")
    }

    func smi(bytes: [UInt8]) -> ImportResult {
        NvidiaSmiTopoImporter().importText(bytes, path: "topo.txt")
    }

    func xml(_ text: String) -> ImportResult {
        NCCLTopologyImporter().importText(Array(text.utf8), path: "topo.xml")
    }

    /// The only finding is an error of `code` at `line` in `file`.
    func expectError(
        _ result: ImportResult, _ code: String, line: Int, file: String, _ fragment: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(result.spec == nil, sourceLocation: sourceLocation)
        #expect(result.findings.count >= 1, sourceLocation: sourceLocation)
        guard let first = result.findings.first else { return }
        #expect(first.severity == .error, sourceLocation: sourceLocation)
        #expect(first.code == code, "\(first.message)", sourceLocation: sourceLocation)
        #expect(first.location?.line == line, "\(first.message)", sourceLocation: sourceLocation)
        #expect(first.location?.file == file, sourceLocation: sourceLocation)
        #expect(first.message.contains(fragment), "\(first.message)", sourceLocation: sourceLocation)
    }

    // MARK: nvidia-smi

    @Test func emptyFile() {
        expectError(smi(""), "TS501", line: 1, file: "topo.txt", "empty")
        expectError(smi("\n  \n\t\n"), "TS501", line: 1, file: "topo.txt", "empty")
    }

    @Test func anotherCommandsOutput() {
        let plain = """
            +-----------------------------------------------------------------------------------------+
            | NVIDIA-SMI 550.54.15              Driver Version: 550.54.15      CUDA Version: 12.4     |
            |-----------------------------------------+------------------------+----------------------+
            """
        expectError(smi(plain), "TS502", line: 1, file: "topo.txt", "plain `nvidia-smi`")
        let lspci = "\n17:00.0 3D controller: NVIDIA Corporation GH100 [H100 SXM5 80GB] (rev a1)\n"
        expectError(smi(lspci), "TS502", line: 2, file: "topo.txt", "lspci")
        expectError(smi("<system version=\"1\">\n</system>\n"), "TS502", line: 1, file: "topo.txt", "NCCL topology XML")
    }

    @Test func matrixWithAMissingRow() {
        let lines = Self.hgx.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.filter { !$0.hasPrefix("GPU3") }.joined(separator: "\n")
        let result = smi(cut)
        expectError(result, "TS503", line: 1, file: "topo.txt", "no row for it")
        #expect(result.findings.first?.message.contains("`GPU3`") == true)
        #expect(result.findings.first?.location?.column == 33)  // GPU3 in the header
    }

    @Test func raggedTable() {
        var lines = Self.hgx.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Row GPU5 (line 7) loses two cells.
        lines[6] = lines[6].replacingOccurrences(of: "NV18    NV18     X  ", with: " X  ")
        expectError(smi(lines.joined(separator: "\n")), "TS503", line: 7, file: "topo.txt", "row `GPU5` has")
        // A NIC row with a cell too many.
        var long = Self.hgx.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        long[9] += "    SYS"
        expectError(smi(long.joined(separator: "\n")), "TS503", line: 10, file: "topo.txt", "has 17 cells")
    }

    @Test func unknownCellAndAsymmetry() {
        var lines = Self.hgx.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: "NV18     X  ", with: "NVX      X  ")
        expectError(smi(lines.joined(separator: "\n")), "TS503", line: 3, file: "topo.txt", "`NVX` is not a path class")
        var asymmetric = Self.hgx.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        asymmetric[9] = asymmetric[9].replacingOccurrences(of: "NIC0    PIX ", with: "NIC0    PXB ")
        let result = smi(asymmetric.joined(separator: "\n"))
        expectError(result, "TS503", line: 10, file: "topo.txt", "symmetric")
        #expect(result.findings.first?.notes.first?.location?.line == 2)
    }

    @Test func rowsWithoutHeader() {
        let rows = Self.hgx.split(separator: "\n").dropFirst().joined(separator: "\n")
        expectError(smi(rows), "TS502", line: 1, file: "topo.txt", "no header row")
    }

    @Test func binaryGarbage() {
        expectError(
            smi(bytes: [0x47, 0x50, 0x55, 0x30, 0x0A, 0x00, 0x01, 0xFF]), "TS501", line: 2, file: "topo.txt", "NUL")
        expectError(smi(bytes: [0x1F, 0x8B, 0x08, 0x00]), "TS501", line: 1, file: "topo.txt", "not text")
        expectError(
            smi(bytes: Array("GPU0\tGPU1\n".utf8) + [0xC3, 0x28]), "TS501", line: 2, file: "topo.txt", "invalid UTF-8")
        expectError(smi(bytes: [0xFF, 0xFE, 0x47, 0x00]), "TS501", line: 1, file: "topo.txt", "UTF-16")
    }

    /// Random bytes and random cuts of a real capture never trap; each gives a spec or an error.
    @Test func hostileInputsNeverTrap() {
        var generator = SplitMix(seed: 42)
        let base = Array(Self.hgx.utf8)
        for round in 0..<300 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = (0..<Int(generator.next() % 400)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            case 1: bytes = Array(base.prefix(Int(generator.next() % UInt64(base.count))))
            default:
                bytes = base
                for _ in 0..<5 {
                    let i = Int(generator.next() % UInt64(bytes.count))
                    bytes[i] = [0x20, 0x09, 0x0A, 0x58, 0x4E][Int(generator.next() % 5)]
                }
            }
            let result = NvidiaSmiTopoImporter().importText(bytes, path: "fuzz.txt")
            #expect(result.spec != nil || result.findings.contains { $0.severity == .error })
            let xmlResult = NCCLTopologyImporter().importText(bytes, path: "fuzz.xml")
            #expect(xmlResult.spec == nil && xmlResult.findings.contains { $0.severity == .error })
        }
    }

    @Test func hugeInputsAreRefusedBeforeTheyCost() {
        let header = "\t" + (0..<5000).map { "GPU\($0)" }.joined(separator: "\t") + "\n"
        expectError(smi(header), "TS503", line: 1, file: "topo.txt", "at most 1024")
        let gpus = (0..<2000).map {
            "<pci busid=\"" + String(format: "0000:%02x:%02x.0", $0 / 256, $0 % 256) + "\" class=\"0x030200\"/>"
        }
        let text =
            "<system version=\"1\">\n<cpu numaid=\"0\">\n" + gpus.joined(separator: "\n") + "\n</cpu>\n</system>\n"
        expectError(xml(text), "TS505", line: 1, file: "topo.xml", "at most 1024 GPUs")
    }

    @Test func unreadablePath() {
        let result = NvidiaSmiTopoImporter().importFile(path: "/nonexistent/topo.txt")
        #expect(result.spec == nil && result.findings.first?.code == "TS501")
        #expect(result.findings.first?.message.contains("/nonexistent/topo.txt") == true)
        let directory = NCCLTopologyImporter().importFile(path: Fixtures.ncclFolder)
        #expect(directory.spec == nil && directory.findings.first?.message.contains("directory") == true)
    }

    // MARK: NCCL XML

    @Test func xmlEmptyAndNotXML() {
        expectError(xml(""), "TS501", line: 1, file: "topo.xml", "empty")
        expectError(xml("\(Self.hgx)"), "TS505", line: 1, file: "topo.xml", "not XML")
        expectError(xml("\n# Notes\nThe file is <system>.\n"), "TS505", line: 2, file: "topo.xml", "starts with text")
        expectError(
            xml(String(decoding: [0x3C, 0x00, 0x3E], as: UTF8.self)), "TS501", line: 1, file: "topo.xml", "NUL")
    }

    @Test func xmlSyntaxErrors() {
        expectError(
            xml("<system version=\"1\">\n  <cpu numaid=\"0\">\n</system>\n"), "TS504", line: 3, file: "topo.xml",
            "does not match `<cpu>`")
        expectError(
            xml("<system version=\"1\">\n  <cpu numaid=0>\n"), "TS504", line: 2, file: "topo.xml", "must be quoted")
        expectError(
            xml("<system version=\"1\">\n  <cpu numaid=\"0\" numaid=\"1\"/>\n</system>"), "TS504", line: 2,
            file: "topo.xml", "twice")
        expectError(
            xml("<system version=\"1\">\n  <cpu numaid=\"0\">\n"), "TS504", line: 2, file: "topo.xml", "never closed")
        expectError(
            xml("<system version=\"1\">\n<!-- cut\n"), "TS504", line: 2, file: "topo.xml", "comment never closed")
        expectError(
            xml("<system version=\"1\"/>\n<system version=\"1\"/>\n"), "TS504", line: 2, file: "topo.xml", "second root"
        )
        expectError(
            xml("<system version=\"1\">\n  <pci busid=\"0000:01:00.0\n"), "TS504", line: 2, file: "topo.xml",
            "never closed")
    }

    @Test func xmlNestingIsBounded() {
        let deep = String(repeating: "<pci>", count: 100_000)
        expectError(xml(deep), "TS504", line: 1, file: "topo.xml", "deeper than 64")
    }

    @Test func xmlThatIsNotATopology() {
        expectError(xml("<graphs version=\"1\">\n</graphs>\n"), "TS505", line: 1, file: "topo.xml", "graph file")
        expectError(
            xml("<system version=\"3\">\n<cpu numaid=\"0\"/>\n</system>\n"), "TS505", line: 1, file: "topo.xml",
            "version 1 only")
        // RCCL's version 2 is read; without a GPU or NIC it is still not a topology.
        expectError(
            xml("<system version=\"2\">\n<cpu numaid=\"0\"/>\n</system>\n"), "TS505", line: 1, file: "topo.xml",
            "no GPU and no NIC")
        expectError(xml("<system version=\"1\">\n</system>\n"), "TS505", line: 1, file: "topo.xml", "no `<cpu>`")
        expectError(
            xml(
                "<system version=\"1\">\n  <cpu numaid=\"0\">\n    <pci busid=\"0000:01:00.0\" class=\"0x010802\"/>\n  </cpu>\n</system>\n"
            ),
            "TS505", line: 1, file: "topo.xml", "no GPU")
    }
}

/// A small deterministic random number generator for the fuzz test.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
