import Foundation
import Testing
import TopoDiagnostics
import TopoImport
import TopoModel

/// Defects in NCCL topology files become findings at their line, and the file still imports.
@Suite struct NCCLDefectTests {
    /// Two RTX 3090s joined by an NVLink bridge, below one PCIe switch.
    static let bridged = """
        <system version="1">
          <cpu numaid="0" affinity="0000ffff" arch="x86_64" vendor="GenuineIntel" familyid="6" modelid="143">
            <pci busid="0000:17:00.0" class="0x060400" link_speed="32.0 GT/s PCIe" link_width="16">
              <pci busid="0000:18:00.0" class="0x030200" vendor="0x10de" device="0x2204" link_speed="16.0 GT/s PCIe" link_width="16">
                <gpu dev="0" sm="86" rank="0" gdr="1">
                  <nvlink target="0000:19:00.0" count="4" tclass="0x030200"/>
                </gpu>
              </pci>
              <pci busid="0000:19:00.0" class="0x030200" vendor="0x10de" device="0x2204" link_speed="16.0 GT/s PCIe" link_width="16">
                <gpu dev="1" sm="86" rank="1" gdr="1">
                  <nvlink target="0000:18:00.0" count="4" tclass="0x030200"/>
                </gpu>
              </pci>
            </pci>
          </cpu>
        </system>

        """

    func run(_ text: String) -> ImportResult {
        NCCLTopologyImporter().importText(Array(text.utf8), path: "topo.xml")
    }

    /// Replaces the first occurrence of `old` on line `line` (1-based).
    func edit(_ line: Int, _ old: String, _ new: String) -> String {
        var lines = Self.bridged.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let range = lines[line - 1].range(of: old) { lines[line - 1].replaceSubrange(range, with: new) }
        return lines.joined(separator: "\n")
    }

    func type(_ result: ImportResult) throws -> NodeType {
        let spec = try #require(result.spec)
        let report = Fixtures.lint(spec)
        #expect(report.errorCount == 0, "\(report.diagnostics.map(\.message))")
        return try #require(report.spec?.nodeTypes.first)
    }

    @Test func cleanFileImportsWithoutFindings() throws {
        let result = run(Self.bridged)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        let type = try type(result)
        #expect(type.gpuGroups.map(\.sku) == ["rtx-3090"])
        #expect(type.scaleUp?.bridges.map(\.gpus) == [[0, 1]])
        #expect(type.pcie.entries.first?.generation == 5)
        #expect(type.gpus.map { $0.busID ?? "" } == ["0000:18:00.0", "0000:19:00.0"])
    }

    @Test func nvlinkToItsOwnBusID() throws {
        let result = run(edit(6, "0000:19:00.0", "0000:18:00.0"))
        let finding = try #require(result.findings.first)
        #expect(finding.code == "TS510" && finding.location?.line == 6 && finding.location?.file == "topo.xml")
        #expect(finding.message.contains("own bus id"))
        // The other end still lists the link.
        #expect(try type(result).scaleUp?.bridges.map(\.gpus) == [[0, 1]])
    }

    @Test func linkWidthZero() throws {
        let result = run(edit(4, "link_width=\"16\"", "link_width=\"0\""))
        let finding = try #require(result.findings.first)
        #expect(finding.code == "TS511" && finding.location?.line == 4)
        #expect(finding.message.contains("x16"))
        _ = try type(result)
    }

    @Test func blankAndUnrecognizedLinkSpeed() throws {
        let blank = run(edit(4, "16.0 GT/s PCIe", ""))
        let finding = try #require(blank.findings.first)
        #expect(finding.code == "TS512" && finding.location?.line == 4)
        #expect(finding.message.contains("empty") && finding.message.contains("Gen3"))
        _ = try type(blank)
        // "32.0 GT/s" without " PCIe": NCCL reads Gen3, the spec keeps Gen5.
        let suffixless = run(edit(3, "32.0 GT/s PCIe", "32.0 GT/s"))
        let gen5 = try #require(suffixless.findings.first)
        #expect(gen5.code == "TS512" && gen5.location?.line == 3 && gen5.help == "write link_speed=\"32.0 GT/s PCIe\"")
        #expect(try type(suffixless).pcie.entries.first?.generation == 5)
        // The old kernel form is what NCCL expects too: no finding.
        #expect(run(edit(3, "32.0 GT/s PCIe", "32 GT/s")).findings.isEmpty)
    }

    @Test func nvlinkTargetsThatAreNoGPU() throws {
        let dangling = run(edit(6, "0000:19:00.0", "0000:99:00.0"))
        #expect(dangling.findings.map(\.code) == ["TS513"])
        #expect(dangling.findings.first?.location?.line == 6)
        let uneven = run(edit(6, "count=\"4\"", "count=\"2\""))
        #expect(uneven.findings.map(\.code) == ["TS513"])
        #expect(uneven.findings.first?.notes.first?.location?.line == 11)
    }

    @Test func duplicateBusIDAndBadNumbers() throws {
        let duplicate = run(edit(9, "0000:19:00.0", "0000:18:00.0"))
        #expect(duplicate.findings.contains { $0.code == "TS515" && $0.location?.line == 9 })
        #expect(try type(duplicate).gpus.count == 1)
        let count = run(edit(6, "count=\"4\"", "count=\"four\""))
        #expect(count.findings.contains { $0.code == "TS516" && $0.location?.line == 6 })
        // A count that would overflow the link sums is refused, not added.
        let huge = run(edit(6, "count=\"4\"", "count=\"9223372036854775807\""))
        #expect(huge.findings.contains { $0.code == "TS516" && $0.location?.line == 6 })
        #expect(huge.spec != nil)
    }

    @Test func whatNCCLsOwnParserRefuses() throws {
        let declaration = run("<?xml version=\"1.0\"?>\n" + Self.bridged)
        #expect(declaration.findings.map(\.code) == ["TS517"])
        #expect(declaration.findings.first?.location?.line == 1)
        #expect(declaration.spec != nil)
        let tab = run(edit(2, "  <cpu", "\t<cpu"))
        #expect(tab.findings.contains { $0.code == "TS517" && $0.location?.line == 2 })
        let noVersion = run(edit(1, " version=\"1\"", ""))
        #expect(noVersion.findings.map(\.code) == ["TS517"])
    }

    @Test func classlessPCIIsTakenForAGPU() throws {
        let text =
            "<system version=\"1\">\n  <cpu numaid=\"0\">\n    <pci busid=\"0000:3b:00.0\"/>\n  </cpu>\n</system>\n"
        let result = run(text)
        #expect(result.findings.map(\.code) == ["TS514"])
        #expect(result.findings.first?.location?.line == 3)
        #expect(try type(result).gpus.count == 1)
    }

    @Test func vmSentinelMeansNVSwitch() throws {
        let gpus = (0..<8).map { i in
            """
                <pci busid="0000:\(String(format: "%02x", 0x10 + i)):00.0" class="0x030200" vendor="0x10de" device="0x2335" link_speed="32.0 GT/s PCIe" link_width="16">
                  <gpu dev="\(i)" sm="90" rank="\(i)" gdr="1">
                    <nvlink target="fffffff:ff:ff.0" count="18" tclass="0x068000"/>
                  </gpu>
                </pci>
            """
        }.joined(separator: "\n")
        let text = "<system version=\"1\">\n  <cpu numaid=\"-1\">\n\(gpus)\n  </cpu>\n</system>\n"
        let result = run(text)
        #expect(result.findings.map(\.code) == ["TS523"])
        let type = try type(result)
        #expect(type.gpuGroups.map(\.sku) == ["h200-sxm-141gb"])
        #expect(type.scaleUp?.nvswitch?.sku == "nvswitch-gen3")
        #expect(type.scaleUp?.nvswitch?.count == 4)
        #expect(type.pcie.entries.first?.generation == 5)
    }

    @Test func placeholderTakesTheSMAndLinks() throws {
        // Same file without device ids: the placeholder gets NVLink 3 from sm 86, a 2-card bridge.
        let text = Self.bridged.replacingOccurrences(of: " vendor=\"0x10de\" device=\"0x2204\"", with: "")
        let result = run(text)
        let spec = try #require(result.spec)
        #expect(spec.contains("compute_capability: \"8.6\""))
        #expect(
            spec.contains(
                "nvlink: {generation: 3, links: 4, link_gbs: 28.125, nvswitch: false, bridge: {max_gpus: 2}, max_domain: 2}"
            ))
        #expect(try type(result).scaleUp?.bridges.map(\.gpus) == [[0, 1]])
    }

    /// NCCL writes `familyid` as family + (extended family << 4) (src/graph/xml.cc
    /// `ncclTopoGetXmlFromCpu`): 175 for a Zen 4 EPYC, whose display family is 25. Four `cpu`
    /// elements are NUMA nodes of an unknown number of sockets.
    @Test func amdFamilyAsNCCLWritesItAndFourNUMANodes() throws {
        var cpus = ""
        for node in 0..<4 {
            cpus += """
                  <cpu numaid="\(node)" affinity="000000ff" arch="x86_64" vendor="AuthenticAMD" familyid="175" modelid="17">
                    <pci busid="0000:\(node)1:00.0" class="0x030200" link_speed="32.0 GT/s PCIe" link_width="16"/>
                  </cpu>

                """
        }
        let text = "<system version=\"1\">\n" + cpus + "</system>\n"
        let spec = try #require(run(text).spec)
        #expect(spec.contains("sockets: {count: unknown, numa_nodes: 4, cpu: epyc-genoa}"))
        #expect(spec.contains("4 NUMA nodes (sockets unknown)"))
        // The display family itself (older files, Azure's NDv4: 23 for Rome) is read as it is.
        let rome = text.replacingOccurrences(
            of: "familyid=\"175\" modelid=\"17\"", with: "familyid=\"23\" modelid=\"49\"")
        #expect(try #require(run(rome).spec).contains("cpu: epyc-rome}"))
    }
}
