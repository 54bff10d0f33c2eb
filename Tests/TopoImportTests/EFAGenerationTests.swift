import Testing
import TopoImport
import TopoModel

/// An EFA device is imported as the EFA generation its reported speed needs, so correct p5en
/// (200 Gb/s per device) and p6 (400 Gb/s) files import without a TS111 error.
@Suite struct EFAGenerationTests {
    /// One H200 and two EFA devices (PCI vendor 0x1d0f, device 0xefa*) under one PCIe switch,
    /// each EFA `net` reporting `speed` (Mb/s), or none when `speed` is nil.
    static func file(speed: Int?) -> String {
        let speedAttribute = speed.map { " speed=\"\($0)\"" } ?? ""
        let efa = (0..<2).map { i in
            """
                  <pci busid="0000:\(20 + i):00.0" class="0x020000" vendor="0x1d0f" device="0xefa2" link_speed="32.0 GT/s PCIe" link_width="16">
                    <nic>
                      <net name="rdmap\(20 + i)s0" dev="\(i)"\(speedAttribute) port="1" latency="0.000000" maxconn="1024" gdr="1"/>
                    </nic>
                  </pci>
            """
        }.joined(separator: "\n")
        return """
            <system version="1">
              <cpu numaid="0" affinity="0000ffff" arch="x86_64" vendor="GenuineIntel" familyid="6" modelid="143">
                <pci busid="0000:10:00.0" class="0x060400" link_speed="32.0 GT/s PCIe" link_width="16">
                  <pci busid="0000:11:00.0" class="0x030200" vendor="0x10de" device="0x2335" link_speed="32.0 GT/s PCIe" link_width="16">
                    <gpu dev="0" sm="90" rank="0" gdr="1"/>
                  </pci>
            \(efa)
                </pci>
              </cpu>
            </system>

            """
    }

    /// The imported NICs' catalog SKUs and declared speeds, and the codes lint reports on the spec.
    func imported(speed: Int?) throws -> (skus: [String], gbps: [Double], codes: [String]) {
        let result = NCCLTopologyImporter().importText(Array(Self.file(speed: speed).utf8), path: "topo.xml")
        let spec = try #require(result.spec)
        let report = Fixtures.lint(spec)
        let type = try #require(report.spec?.nodeTypes.first)
        return (type.nics.map(\.sku), type.nics.map(\.gbps), report.diagnostics.map(\.code))
    }

    @Test func p5enDevicesAreEFA200() throws {
        let result = try imported(speed: 200_000)
        #expect(result.skus == ["efa-200g", "efa-200g"])
        #expect(result.gbps == [200, 200])
        #expect(!result.codes.contains("TS111"))
    }

    @Test func p6DevicesAreEFA400() throws {
        let result = try imported(speed: 400_000)
        #expect(result.skus == ["efa-400g", "efa-400g"])
        #expect(result.gbps == [400, 400])
        #expect(!result.codes.contains("TS111"))
    }

    @Test func p5DevicesAndFilesWithoutASpeedAreEFA100() throws {
        #expect(try imported(speed: 100_000).skus == ["efa", "efa"])
        #expect(try imported(speed: nil).skus == ["efa", "efa"])
    }

    @Test func generationTable() {
        #expect(PCIDeviceTable.efaSKU(gbps: nil) == "efa")
        #expect(PCIDeviceTable.efaSKU(gbps: 100) == "efa")
        #expect(PCIDeviceTable.efaSKU(gbps: 150) == "efa-200g")
        #expect(PCIDeviceTable.efaSKU(gbps: 400) == "efa-400g")
        #expect(PCIDeviceTable.efaSKU(gbps: 800) == "efa-400g")  // faster than any EFA: the importer says so
        #expect(PCIDeviceTable.nicSKU(vendor: "0x1d0f", device: "0xefa1", gbps: 200) == "efa-200g")
        #expect(PCIDeviceTable.nicSKU(vendor: "0x15b3", device: "0x1021", gbps: 200) == "connectx-7")
    }
}
