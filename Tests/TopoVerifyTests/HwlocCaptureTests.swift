import Foundation
import Testing
import TopoDiagnostics
import TopoImport

@testable import TopoVerify

/// hwloc captures (`lstopo --of xml`) in verify: each real machine, imported to a spec by the
/// hwloc importer and verified against its own export, is clean; the export with one defect
/// gives exactly the finding for it; a deviation that two kinds of capture show is one finding.
@Suite struct HwlocCaptureTests {
    /// JURECA-DC GPU node, hwloc 2.2: four Broadcom switches (upstream ports 41, 01, c1, 81), each
    /// with one A100 and one ConnectX-6.
    static let jureca = VerifyFixtures.text(VerifyFixtures.hwlocFolder + "topo.jrc0323.xml")

    @Test(arguments: VerifyFixtures.hwlocFiles)
    func hwlocCaptureVerifiesAgainstItsOwnImport(file: String) throws {
        let capture = VerifyFixtures.text(VerifyFixtures.hwlocFolder + file)
        let spec = try #require(VerifyFixtures.spec(hwloc: capture), "\(file) imports")
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: ["node01.hwloc.xml": capture]))
        #expect(report.inputErrors.isEmpty)
        #expect(report.diagnostics.map(\.message) == [], "\(file)")
        #expect(report.verified == 1)
        #expect(report.exitCode == 0)
    }

    @Test func everyRealExportIsUsed() {
        #expect(VerifyFixtures.hwlocFiles.count == 6)
    }

    private func onlyFinding(
        _ capture: String, spec: String? = nil, extra: [String: String] = [:]
    ) throws -> Diagnostic? {
        let spec = try #require(spec ?? VerifyFixtures.spec(hwloc: Self.jureca))
        var captures = extra
        captures["node01/hwloc.xml"] = capture
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: captures))
        #expect(report.inputErrors.isEmpty)
        #expect(report.diagnostics.count == 1, "\(report.diagnostics.map(\.message))")
        #expect(report.exitCode == 1)
        return report.diagnostics.first
    }

    @Test func switchUplinkDegraded() throws {
        let capture = VerifyFixtures.setLinkSpeed(Self.jureca, busID: "0000:41:00.0", to: "15.753846")
        #expect(capture != Self.jureca)
        let finding = try #require(try onlyFinding(capture))
        #expect(finding.code == "TS632")
        #expect(
            finding.message
                == "node01: PCIe switch sw0 (above GPU 1, NIC nic1) has its uplink at Gen4 x8 or Gen3 x16 (15.8 GB/s), node type t declares Gen4 x16 (31.5 GB/s)"
        )
        #expect(finding.notes.first?.location?.line == 500)  // the switch's upstream port in the export
    }

    @Test func oneGPURemoved() throws {
        let capture = VerifyFixtures.removeFunction(Self.jureca, busID: "0000:44:00.0")
        #expect(capture != Self.jureca)
        let finding = try #require(try onlyFinding(capture))
        #expect(finding.code == "TS601")
        #expect(finding.message == "node01: shows 3 GPUs, node type t declares 4: 1 missing")
    }

    @Test func oneNICMovedToAnotherSwitch() throws {
        // mlx5_1 (43:00.0) leaves GPU 1's switch for a downstream port of GPU 0's switch.
        let capture = VerifyFixtures.moveFunction(Self.jureca, busID: "0000:43:00.0", below: "0000:02:1f.0")
        #expect(capture != Self.jureca)
        let finding = try #require(try onlyFinding(capture))
        #expect(finding.code == "TS605")
        #expect(
            finding.message.hasPrefix(
                "node01: NIC nic1 (mlx5_1) is elsewhere in the PCIe tree than node type t places it: "))
        #expect(finding.message.contains("GPU 0 is PIX"))
        #expect(finding.message.contains("GPU 1 is NODE (declared PIX)"))
    }

    @Test func nicLinkDegraded() throws {
        let capture = VerifyFixtures.setLinkSpeed(Self.jureca, busID: "0000:43:00.0", to: "7.876923")
        let finding = try #require(try onlyFinding(capture))
        #expect(finding.code == "TS633")
        #expect(finding.message.hasPrefix("node01: NIC nic1 (mlx5_1)'s PCIe link is Gen4 x4 or Gen3 x8"))
    }

    @Test func socketMissing() throws {
        // Declare three sockets: the export shows two packages.
        let spec = try #require(VerifyFixtures.spec(hwloc: Self.jureca)).replacingOccurrences(
            of: "sockets: 2", with: "sockets: 3")
        let finding = try #require(try onlyFinding(Self.jureca, spec: spec))
        #expect(finding.code == "TS631")
        #expect(finding.message == "node01: shows 2 CPU packages (sockets), node type t has 3")
    }

    @Test func aGPUMissingFromTwoCapturesIsOneFinding() throws {
        let capture = VerifyFixtures.removeFunction(Self.jureca, busID: "0000:44:00.0")
        let list =
            "index, name, pci.bus_id\n0, NVIDIA A100-SXM4-40GB, 00000000:03:00.0\n1, NVIDIA A100-SXM4-40GB, 00000000:84:00.0\n2, NVIDIA A100-SXM4-40GB, 00000000:C4:00.0\n"
        let finding = try #require(try onlyFinding(capture, extra: ["node01/gpus.csv": list]))
        #expect(finding.code == "TS601")
        // The GPU list is read before hwloc, so its line is cited.
        #expect(finding.notes.first?.location?.file.hasSuffix("gpus.csv") == true)
    }

    @Test func aWrongModelInTwoCapturesIsOneFinding() throws {
        // GPU 0 is an H100 SXM5 (10de:2330) in both the export and the GPU list; their messages differ.
        let capture = Self.jureca.replacingOccurrences(
            of: "pci_busid=\"0000:03:00.0\" pci_type=\"0302 [10de:20b0]",
            with: "pci_busid=\"0000:03:00.0\" pci_type=\"0302 [10de:2330]")
        #expect(capture != Self.jureca)
        let list =
            "index, name\n0, NVIDIA H100 80GB HBM3\n1, NVIDIA A100-SXM4-40GB\n2, NVIDIA A100-SXM4-40GB\n3, NVIDIA A100-SXM4-40GB\n"
        let finding = try #require(try onlyFinding(capture, extra: ["node01/gpus.csv": list]))
        #expect(finding.code == "TS602")
        #expect(finding.message.hasPrefix("node01: GPU 0 is NVIDIA H100 80GB HBM3"))
    }

    @Test func exportWithoutIODevicesComparesOnlySockets() throws {
        let spec = try #require(VerifyFixtures.spec(hwloc: Self.jureca))
        let noIO = """
            <?xml version="1.0" encoding="UTF-8"?>
            <topology version="2.0">
              <object type="Machine" os_index="0">
                <object type="Package" os_index="0"/>
                <object type="Package" os_index="1"/>
              </object>
            </topology>
            """
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: ["node01.hwloc.xml": noIO]))
        #expect(report.diagnostics.map(\.code) == ["TS612"])
        #expect(report.diagnostics.first?.message.contains("only its sockets were compared: node01") == true)
        #expect(report.exitCode == 0)
    }

    @Test func managementPortsTheSpecDoesNotDeclareAreLeftOut() throws {
        // A node type that lists only the four InfiniBand NICs, as an nvidia-smi import would.
        var spec = try #require(VerifyFixtures.spec(hwloc: Self.jureca))
        spec = spec.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.contains("nic4: ") && !$0.contains("nic5: ")
        }
        .joined(separator: "\n").replacingOccurrences(of: ", nics: [nic4, nic5]}", with: "}")
        #expect(!spec.contains("nic4"))
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: ["node01.hwloc.xml": Self.jureca]))
        #expect(report.diagnostics.map(\.message) == [])
    }

    @Test func nicsAreMatchedByDeviceNameNotBusOrder() throws {
        // The node type numbers mlx5_1 before mlx5_0 (as declared, in the right switches).
        var spec = try #require(VerifyFixtures.spec(hwloc: Self.jureca))
        for (a, b) in [
            (
                "nic0: {sku: connectx-6, network: compute, device: \"mlx5_0\", bus_id: \"0000:04:00.0\"}",
                "nic0: {sku: connectx-6, network: compute, device: \"mlx5_1\", bus_id: \"0000:43:00.0\"}"
            ),
            (
                "nic1: {sku: connectx-6, network: compute, device: \"mlx5_1\", bus_id: \"0000:43:00.0\"}",
                "nic1: {sku: connectx-6, network: compute, device: \"mlx5_0\", bus_id: \"0000:04:00.0\"}"
            ),
            ("gpus: [1], nics: [nic1]", "gpus: [1], nics: [nicX]"),
            ("gpus: [0], nics: [nic0]", "gpus: [0], nics: [nic1]"),
            ("nics: [nicX]", "nics: [nic0]"),
        ] {
            #expect(spec.contains(a), "\(a)")
            spec = spec.replacingOccurrences(of: a, with: b)
        }
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: ["node01.hwloc.xml": Self.jureca]))
        #expect(report.diagnostics.map(\.message) == [])
    }

    @Test func malformedExportIsUnusableInput() throws {
        let spec = try #require(VerifyFixtures.spec(hwloc: Self.jureca))
        let report = try #require(
            VerifyFixtures.verify(spec: spec, captures: ["node01.hwloc.xml": "<system version=\"1\"></system>\n"]))
        #expect(report.inputErrors.map(\.code) == ["TS507"])
        #expect(report.exitCode == 2)
    }
}
