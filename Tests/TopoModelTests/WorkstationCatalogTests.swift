import Testing
import TopoModel

/// Pins the bridged PCIe cards added for issue 15 (Quadro RTX 8000 / 6000, TITAN RTX, GeForce RTX 2080 Ti,
/// RTX A4500, A800 80GB PCIe) and their PCI ids. Every value is graded in the catalog comment and
/// in docs/catalog-sources.md (secondary texts; links derived from the chip).
@Suite struct WorkstationCatalogTests {
    let catalog = BuiltinCatalog.catalog

    @Test(arguments: [
        // id, memory GB, TDP W, PCIe generation, CC
        ("quadro-rtx-8000", 48.0, 295.0, 3, "7.5"),
        ("quadro-rtx-6000", 24.0, 295.0, 3, "7.5"),
        ("titan-rtx", 24.0, 280.0, 3, "7.5"),
        ("rtx-2080-ti", 11.0, 250.0, 3, "7.5"),
        ("rtx-a4500", 20.0, 200.0, 4, "8.6"),
        ("a800-pcie-80gb", 80.0, 300.0, 4, "8.0"),
    ])
    func cardFacts(id: String, memoryGB: Double, tdp: Double, pcieGeneration: Int, cc: String) throws {
        let sku = try #require(catalog.gpus[id], "\(id) must be in the catalog")
        #expect(sku.memoryGB == memoryGB)
        #expect(sku.tdpW == tdp)
        #expect(sku.host == .pcie(generation: pcieGeneration, width: 16))
        #expect(sku.computeCapability == cc)
        #expect(sku.formFactor == .pcie)
    }

    /// TU102: two x8 NVLink 2 links, 50 GB/s each both ways = 100 GB/s; GA102: 4 x 28.125 = 112.5 GB/s.
    /// A800 PCIe: the A800 line's 400 GB/s = 8 x 50. All of them pair two cards over a bridge, no NVSwitch.
    @Test(arguments: [
        ("quadro-rtx-8000", 2, 50.0, 100.0, 2),
        ("quadro-rtx-6000", 2, 50.0, 100.0, 2),
        ("titan-rtx", 2, 50.0, 100.0, 2),
        ("rtx-2080-ti", 2, 50.0, 100.0, 2),
        ("rtx-a4500", 4, 28.125, 112.5, 3),
        ("a800-pcie-80gb", 8, 50.0, 400.0, 3),
    ])
    func twoWayBridges(id: String, links: Int, perLink: Double, total: Double, generation: Int) throws {
        let nvlink = try #require(catalog.gpus[id]?.nvlink, "\(id) must have NVLink")
        #expect(nvlink.links == links)
        #expect(nvlink.linkGBs == perLink)
        #expect(nvlink.totalGBs == total)
        #expect(nvlink.generation == generation)
        #expect(nvlink.bridgeMaxGPUs == 2)
        #expect(nvlink.maxDomain == 2)
        #expect(!nvlink.nvswitch)
    }

    /// The GeForce 2080 Ti has no PCIe peer-to-peer on the stock driver (NVIDIA/nccl-tests#117); the Quadro
    /// cards keep the default.
    @Test func peerToPeer() {
        #expect(catalog.gpus["rtx-2080-ti"]?.pcieP2P == false)
        #expect(catalog.gpus["quadro-rtx-8000"]?.pcieP2P == true)
        #expect(catalog.gpus["rtx-a4500"]?.pcieP2P == true)
    }

    /// Ids from NVIDIA's open-gpu-kernel-modules README (595.45.04). 0x1E30 and 0x1E78 carry both Quadro
    /// RTX 6000 and 8000 (told apart by subsystem id only), so they stay unmapped; the names map them.
    @Test func pciIDs() {
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x1E02") == "titan-rtx")
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x1e04") == "rtx-2080-ti")
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x1e07") == "rtx-2080-ti")
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x1e36") == "quadro-rtx-6000")
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x2232") == "rtx-a4500")
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x20F5") == "a800-pcie-80gb")
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x1e30") == nil)
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x1e78") == nil)
        // Not in the catalog (no source for their NVLink): RTX A5000, A5500, A800 40GB Active, H800 PCIe.
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x2231") == nil)
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x2233") == nil)
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x20f6") == nil)
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x2322") == nil)
    }
}
