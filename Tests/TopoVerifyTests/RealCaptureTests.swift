import Foundation
import Testing
import TopoDiagnostics
import TopoImport

@testable import TopoVerify

/// Each real machine, imported to a spec and verified against its own capture, is clean; the same
/// capture with one defect gives exactly the finding for it.
@Suite struct RealCaptureTests {
    @Test(arguments: VerifyFixtures.files(in: VerifyFixtures.nvidiaSmiFolder, suffix: ".txt"))
    func nvidiaSmiCaptureVerifiesAgainstItsOwnImport(file: String) throws {
        let capture = VerifyFixtures.text(VerifyFixtures.nvidiaSmiFolder + file)
        // Not importable: the importer's tests cover it.
        guard let spec = VerifyFixtures.spec(nvidiaSmi: capture) else { return }
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: ["node01.nvidia-smi.txt": capture]))
        #expect(report.inputErrors.isEmpty)
        #expect(report.diagnostics.map(\.message) == [], "\(file)")
        #expect(report.verified == 1)
        #expect(report.exitCode == 0)
    }

    @Test(arguments: VerifyFixtures.files(in: VerifyFixtures.ncclFolder, suffix: ".xml"))
    func ncclDumpVerifiesAgainstItsOwnImport(file: String) throws {
        let capture = VerifyFixtures.text(VerifyFixtures.ncclFolder + file)
        let spec = try #require(VerifyFixtures.spec(ncclXML: capture))
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: ["node01/nccl.xml": capture]))
        #expect(report.inputErrors.isEmpty)
        #expect(report.diagnostics.map(\.message) == [], "\(file)")
        #expect(report.exitCode == 0)
    }

    @Test func importedNvidiaSmiSpecIsUsedForEveryRealFile() {
        // Guards the loop above against silently skipping everything.
        let imported = VerifyFixtures.files(in: VerifyFixtures.nvidiaSmiFolder, suffix: ".txt")
            .filter { VerifyFixtures.spec(nvidiaSmi: VerifyFixtures.text(VerifyFixtures.nvidiaSmiFolder + $0)) != nil }
        #expect(imported.count >= 8)
    }

    private func onlyFinding(spec: String, captures: [String: String]) throws -> Diagnostic? {
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: captures))
        #expect(report.inputErrors.isEmpty)
        #expect(report.diagnostics.count == 1, "\(report.diagnostics.map(\.message))")
        #expect(report.exitCode == 1)
        return report.diagnostics.first
    }

    @Test func oneNVLinkPairLowered() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: VerifyFixtures.h100))
        let capture = VerifyFixtures.setCell(VerifyFixtures.h100, "GPU3", "GPU5", to: "NV12")
        let finding = try #require(try onlyFinding(spec: spec, captures: ["node01.nvidia-smi.txt": capture]))
        #expect(finding.code == "TS603")
        #expect(finding.message == "node01: GPU 3 ↔ GPU 5 has NV12, node type t declares NV18 (6 links down)")
        #expect(finding.location?.file == "spec.yaml")
        #expect(finding.notes.first?.location?.line == 5)  // GPU3's row in the capture
    }

    @Test func oneGPURemoved() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: VerifyFixtures.h100))
        let capture = VerifyFixtures.removeDevice(VerifyFixtures.h100, "GPU7")
        let finding = try #require(try onlyFinding(spec: spec, captures: ["node01.nvidia-smi.txt": capture]))
        #expect(finding.code == "TS601")
        #expect(finding.message == "node01: shows 7 GPUs, node type t declares 8: 1 missing")
    }

    @Test func removedGPUDeclaredFailedVerifies() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: VerifyFixtures.h100))
            .replacingOccurrences(of: "\"node01\": {type: t}", with: "\"node01\": {type: t, failed_gpus: [7]}")
        let capture = VerifyFixtures.removeDevice(VerifyFixtures.h100, "GPU7")
        let report = try #require(VerifyFixtures.verify(spec: spec, captures: ["node01.nvidia-smi.txt": capture]))
        #expect(report.diagnostics.map(\.message) == [])
    }

    @Test func oneNICMovedOffItsSwitch() throws {
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: VerifyFixtures.h100))
        let capture = VerifyFixtures.setCell(VerifyFixtures.h100, "GPU0", "NIC0", to: "NODE")
        let finding = try #require(try onlyFinding(spec: spec, captures: ["node01.nvidia-smi.txt": capture]))
        #expect(finding.code == "TS605")
        #expect(
            finding.message
                == "node01: NIC nic0 (mlx5_0) is elsewhere in the PCIe tree than node type t places it: GPU 0 is NODE (declared PIX)"
        )
    }

    @Test func onePCIeLinkDegradedInAnNCCLDump() throws {
        let spec = try #require(VerifyFixtures.spec(ncclXML: VerifyFixtures.ibmH100))
        // GPU 1 (bus 0000:ae:00.0) trains at x8.
        let capture = VerifyFixtures.ibmH100.replacingOccurrences(
            of:
                "<pci busid=\"0000:ae:00.0\" class=\"0x030200\" vendor=\"0x10de\" device=\"0x2330\" subsystem_vendor=\"0x10de\" subsystem_device=\"0x16c1\" link_speed=\"32.0 GT/s PCIe\" link_width=\"0\">",
            with:
                "<pci busid=\"0000:ae:00.0\" class=\"0x030200\" vendor=\"0x10de\" device=\"0x2330\" subsystem_vendor=\"0x10de\" subsystem_device=\"0x16c1\" link_speed=\"32.0 GT/s PCIe\" link_width=\"8\">"
        )
        #expect(capture != VerifyFixtures.ibmH100)
        let finding = try #require(try onlyFinding(spec: spec, captures: ["node01.nccl.xml": capture]))
        #expect(finding.code == "TS606")
        #expect(finding.message.hasPrefix("node01: GPU 1's PCIe link is Gen5 x8, node type t declares"))
    }

    @Test func oneNVSwitchLinkBundleLoweredInAnNCCLDump() throws {
        let spec = try #require(VerifyFixtures.spec(ncclXML: VerifyFixtures.ibmH100))
        // GPU 0's first bundle to an NVSwitch chip: 5 links → 1.
        let original = "<nvlink target=\"0000:f5:00.0\" count=\"5\" tclass=\"0x068000\"/>"
        let range = try #require(VerifyFixtures.ibmH100.range(of: original))
        let capture = VerifyFixtures.ibmH100.replacingCharacters(
            in: range, with: "<nvlink target=\"0000:f5:00.0\" count=\"1\" tclass=\"0x068000\"/>")
        let finding = try #require(try onlyFinding(spec: spec, captures: ["node01.nccl.xml": capture]))
        #expect(finding.code == "TS603")
        #expect(
            finding.message == "node01: GPU 0 has NV14 to each of its 7 peers, node type t declares NV18 (4 links down)"
        )
    }

    @Test func oneNICPortSlowerInAnNCCLDump() throws {
        let spec = try #require(VerifyFixtures.spec(ncclXML: VerifyFixtures.ibmH100))
            .replacingOccurrences(of: "compute: {fabric: ", with: "compute: {gbps: 200, fabric: ")
        let capture = VerifyFixtures.ibmH100.replacingOccurrences(
            of: "name=\"mlx5_7\" dev=\"7\" speed=\"200000\"", with: "name=\"mlx5_7\" dev=\"7\" speed=\"100000\"")
        let finding = try #require(try onlyFinding(spec: spec, captures: ["node01.nccl.xml": capture]))
        #expect(finding.code == "TS608")
        #expect(finding.message.contains("runs at 100 Gb/s"))
    }

    @Test func gpuListShowsModelAndDegradedLink() throws {
        var list = "index, name, pci.bus_id, pcie.link.gen.current, pcie.link.gen.max, pcie.link.width.current\n"
        for i in 0..<8 { list += "\(i), NVIDIA H100 80GB HBM3, 00000000:1\(i):00.0, 1, 5, \(i == 2 ? 8 : 16)\n" }
        let spec = try #require(VerifyFixtures.spec(nvidiaSmi: VerifyFixtures.h100, gpuNames: list))
        let finding = try #require(
            try onlyFinding(
                spec: spec, captures: ["node01.nvidia-smi.txt": VerifyFixtures.h100, "node01.gpus.csv": list]))
        #expect(finding.code == "TS606")
        #expect(finding.message == "node01: GPU 2's PCIe link is Gen5 x8, node type t declares Gen5 x16")
        let a100 = list.replacingOccurrences(of: "3, NVIDIA H100 80GB HBM3", with: "3, NVIDIA A100-SXM4-80GB")
            .replacingOccurrences(of: "5, 8\n", with: "5, 16\n")
        let model = try #require(try onlyFinding(spec: spec, captures: ["node01.gpus.csv": a100]))
        #expect(model.code == "TS602")
        #expect(model.message.hasPrefix("node01: GPU 3 is NVIDIA A100-SXM4-80GB"))
    }
}
