import Foundation
import Testing
import TopoDiagnostics
import TopoImport
import TopoLint
import TopoModel

/// Bridged pairs of Turing / Ampere workstation cards in an NCCL topology file import as their catalog
/// SKU (from the PCI device id, NVIDIA's driver table) with one 2-card bridge, and lint raises none of
/// the NVLink hardware errors (TS101 no NVLink, TS103 no bridge connector, TS104 bridge group too large).
@Suite struct WorkstationBridgeImportTests {
    /// Two cards of `device` joined by a bridge of `count` NVLink links, below one PCIe switch.
    static func bridged(device: String, sm: String, count: Int) -> String {
        """
        <system version="1">
          <cpu numaid="0" affinity="0000ffff" arch="x86_64" vendor="GenuineIntel" familyid="6" modelid="85">
            <pci busid="0000:17:00.0" class="0x060400" link_speed="8.0 GT/s PCIe" link_width="16">
              <pci busid="0000:18:00.0" class="0x030000" vendor="0x10de" device="\(device)" link_speed="8.0 GT/s PCIe" link_width="16">
                <gpu dev="0" sm="\(sm)" rank="0" gdr="1">
                  <nvlink target="0000:19:00.0" count="\(count)" tclass="0x030000"/>
                </gpu>
              </pci>
              <pci busid="0000:19:00.0" class="0x030000" vendor="0x10de" device="\(device)" link_speed="8.0 GT/s PCIe" link_width="16">
                <gpu dev="1" sm="\(sm)" rank="1" gdr="1">
                  <nvlink target="0000:18:00.0" count="\(count)" tclass="0x030000"/>
                </gpu>
              </pci>
            </pci>
          </cpu>
        </system>

        """
    }

    @Test(arguments: [
        ("0x1e02", "75", 2, "titan-rtx"),
        ("0x1e04", "75", 2, "rtx-2080-ti"),
        ("0x1e07", "75", 2, "rtx-2080-ti"),
        ("0x1e36", "75", 2, "quadro-rtx-6000"),
        ("0x2232", "86", 4, "rtx-a4500"),
        ("0x20f5", "80", 8, "a800-pcie-80gb"),
    ])
    func bridgedPairImports(device: String, sm: String, count: Int, sku: String) throws {
        let text = Self.bridged(device: device, sm: sm, count: count)
        let result = NCCLTopologyImporter().importText(Array(text.utf8), path: "topo.xml")
        let spec = try #require(result.spec)
        let report = Linter().lint(bytes: Array(spec.utf8), path: "imported.yaml")
        #expect(report.errorCount == 0, "\(report.diagnostics.map(\.message))")
        let type = try #require(report.spec?.nodeTypes.first)
        #expect(type.gpuGroups.map(\.sku) == [sku])
        #expect(type.scaleUp?.bridges.map(\.gpus) == [[0, 1]])
        let codes = Set(report.diagnostics.map(\.code))
        #expect(codes.isDisjoint(with: ["TS101", "TS103", "TS104"]), "\(codes)")
    }
}
