import Testing
import TopoModel

/// Pins the hardware facts the rules depend on. A change here is a change of the product's
/// claims about real hardware: check it against a datasheet before editing.
@Suite struct CatalogFactsTests {
    let catalog = BuiltinCatalog.catalog

    @Test func builtInCatalogDecodesWithoutProblems() {
        #expect(BuiltinCatalog.loaded.diagnostics.isEmpty, "\(BuiltinCatalog.loaded.diagnostics)")
        #expect(catalog.gpus.count >= 30)
        #expect(catalog.nvswitches.count >= 4)
        #expect(catalog.nics.count >= 6)
        #expect(Set(catalog.pcie.keys) == Set(1...6))
    }

    @Test(arguments: [
        // id, links, GB/s per link (both directions), total GB/s, NVLink generation
        ("v100-sxm2-32gb", 6, 50.0, 300.0, 2),
        ("a100-sxm4-80gb", 12, 50.0, 600.0, 3),
        ("a800-sxm4-80gb", 8, 50.0, 400.0, 3),
        ("h100-sxm5-80gb", 18, 50.0, 900.0, 4),
        ("h200-sxm-141gb", 18, 50.0, 900.0, 4),
        ("b200-sxm-180gb", 18, 100.0, 1800.0, 5),
        ("gb200", 18, 100.0, 1800.0, 5),
        ("rtx-3090", 4, 28.125, 112.5, 3),
        ("rtx-a6000", 4, 28.125, 112.5, 3),
        ("a40", 4, 28.125, 112.5, 3),
    ])
    func nvlinkBandwidth(id: String, links: Int, perLink: Double, total: Double, generation: Int) throws {
        let nvlink = try #require(catalog.gpus[id]?.nvlink, "\(id) must have NVLink")
        #expect(nvlink.links == links)
        #expect(nvlink.linkGBs == perLink)
        #expect(nvlink.totalGBs == total)
        #expect(nvlink.generation == generation)
    }

    @Test(arguments: [
        "rtx-4090", "rtx-5090", "rtx-6000-ada", "l4", "l40", "l40s", "t4", "a10", "a10g", "v100-pcie-32gb",
        "rtx-pro-6000-blackwell",
    ])
    func cardsWithoutNVLink(id: String) throws {
        let sku = try #require(catalog.gpus[id])
        #expect(sku.scaleUp == nil)
        #expect(sku.formFactor == .pcie)
    }

    @Test func geforceCardsHaveNoStockPeerToPeer() throws {
        #expect(catalog.gpus["rtx-4090"]?.pcieP2P == false)
        #expect(catalog.gpus["rtx-5090"]?.pcieP2P == false)
        #expect(catalog.gpus["h100-sxm5-80gb"]?.pcieP2P == true)
        #expect(catalog.gpus["rtx-6000-ada"]?.pcieP2P == true)
    }

    @Test func bridgesAndSwitches() throws {
        #expect(catalog.gpus["a100-pcie-80gb"]?.nvlink?.bridgeMaxGPUs == 2)
        #expect(catalog.gpus["h100-nvl-94gb"]?.nvlink?.bridgeMaxGPUs == 2)
        #expect(catalog.gpus["h200-nvl-141gb"]?.nvlink?.bridgeMaxGPUs == 4)
        #expect(catalog.gpus["rtx-3090"]?.nvlink?.bridgeMaxGPUs == 2)
        #expect(catalog.gpus["h100-sxm5-80gb"]?.nvlink?.bridgeMaxGPUs == nil)
        #expect(catalog.gpus["h100-sxm5-80gb"]?.nvlink?.nvswitch == true)
        #expect(catalog.gpus["v100-sxm2-32gb"]?.nvlink?.nvswitch == false)
        #expect(catalog.gpus["v100-sxm3-32gb"]?.nvlink?.nvswitch == true)
        #expect(catalog.gpus["h100-pcie-80gb"]?.nvlink?.nvswitch == false)
    }

    @Test func largestDomains() {
        #expect(catalog.gpus["v100-sxm2-32gb"]?.nvlink?.maxDomain == 8)
        #expect(catalog.gpus["v100-sxm3-32gb"]?.nvlink?.maxDomain == 16)
        #expect(catalog.gpus["h100-sxm5-80gb"]?.nvlink?.maxDomain == 256)
        #expect(catalog.gpus["b200-sxm-180gb"]?.nvlink?.maxDomain == 8)
        #expect(catalog.gpus["gb200"]?.nvlink?.maxDomain == 72)
        #expect(catalog.gpus["mi300x"]?.scaleUp?.maxDomain == 8)
    }

    @Test func mi300xUsesInfinityFabric() throws {
        let mi = try #require(catalog.gpus["mi300x"])
        #expect(mi.vendor == .amd)
        #expect(mi.scaleUp?.kind == .infinityFabric)
        #expect(mi.scaleUp?.links == 8)  // AMD counts 8 xGMI links; 7 join the 8-GPU mesh
        #expect(mi.nvlink == nil)
        #expect(mi.memoryGB == 192)
    }

    @Test func hostInterfaces() {
        #expect(catalog.gpus["rtx-4090"]?.host == .pcie(generation: 4, width: 16))
        #expect(catalog.gpus["rtx-5090"]?.host == .pcie(generation: 5, width: 16))
        #expect(catalog.gpus["h100-sxm5-80gb"]?.host == .pcie(generation: 5, width: 16))
        #expect(catalog.gpus["t4"]?.host == .pcie(generation: 3, width: 16))
        #expect(catalog.gpus["gb200"]?.host == .nvlinkC2C)
    }

    @Test func nvswitchGenerations() {
        let gens = catalog.nvswitches.values.map { ($0.id, $0.nvlinkGeneration, $0.ports) }.sorted { $0.0 < $1.0 }
        #expect(gens.map(\.1) == [2, 3, 4, 5])
        #expect(catalog.nvswitches["nvswitch-gen3"]?.ports == 64)
        #expect(catalog.nvswitches["nvswitch-gen4"]?.portGBs == 100)
    }

    @Test func nics() {
        #expect(catalog.nics["connectx-6"]?.maxGbps == 200)
        #expect(catalog.nics["connectx-7"]?.maxGbps == 400)
        #expect(catalog.nics["connectx-8"]?.maxGbps == 800)
        #expect(catalog.nics["bluefield-3"]?.maxGbps == 400)
        #expect(catalog.nics["connectx-6-dx"]?.fabrics.contains(.infiniband) == false)
        #expect(catalog.nics["connectx-7"]?.fabrics.contains(.infiniband) == true)
    }

    @Test func pcieBandwidthPerDirection() throws {
        let gen4 = try #require(catalog.pcieGBs(generation: 4, width: 16))
        let gen5 = try #require(catalog.pcieGBs(generation: 5, width: 16))
        #expect(abs(gen4 - 31.5) < 0.1)
        #expect(abs(gen5 - 63.0) < 0.1)
    }

    // Facts corrected after the 2026-11-27 audit (issue 15); each source is in the catalog comment.

    @Test func correctedFacts() throws {
        #expect(catalog.gpus["h20-sxm-96gb"]?.tdpW == 500)
        #expect(catalog.gpus["gb300"]?.memoryGB == 288)
        #expect(catalog.gpus["h200-sxm-141gb"]?.nvlink?.maxDomain == 8)
        #expect(catalog.gpus["mi325x"]?.scaleUp?.links == 8)
        let cx8 = try #require(catalog.nics["connectx-8"])
        #expect(cx8.maxGbps(on: .infiniband) == 800)
        #expect(cx8.maxGbps(on: .ethernet) == 400 && cx8.maxGbps(on: .roce) == 400)
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x2bb4") == "rtx-pro-6000-blackwell-max-q")
        #expect(catalog.gpus["rtx-pro-6000-blackwell-max-q"]?.tdpW == 300)
        #expect(catalog.gpus["rtx-pro-6000-blackwell"]?.tdpW == 600)
    }

    /// EFA per instance generation: 100 Gb/s (p4d, p5), 200 (p5en), 400 (p6).
    @Test func efaPerGeneration() {
        #expect(catalog.nics["efa"]?.maxGbps == 100)
        #expect(catalog.nics["efa-200g"]?.maxGbps == 200)
        #expect(catalog.nics["efa-400g"]?.maxGbps == 400)
        #expect(["efa", "efa-200g", "efa-400g"].allSatisfy { catalog.nics[$0]?.fabrics == [.efa] })
    }

    @Test func addedSKUs() throws {
        let mi355 = try #require(catalog.gpus["mi355x"])
        #expect(mi355.memoryGB == 288 && mi355.scaleUp?.kind == .infinityFabric && mi355.scaleUp?.maxDomain == 8)
        #expect(catalog.gpus["mi350x"]?.memoryGB == 288)
        let mi250 = try #require(catalog.gpus["mi250x"])
        #expect(mi250.memoryGB == 64 && mi250.scaleUp?.links == 8)  // one GCD of the 2-GCD package
        let l20 = try #require(catalog.gpus["l20"])
        #expect(l20.memoryGB == 48 && l20.scaleUp == nil && l20.host == .pcie(generation: 4, width: 16))
        #expect(catalog.nics["connectx-6-lx"]?.fabrics.contains(.infiniband) == false)
        let nvl4 = try #require(catalog.gpus["gb200-nvl4"]?.nvlink)
        #expect(!nvl4.nvswitch && nvl4.maxDomain == 4 && nvl4.links == 18)  // switchless board
        #expect(catalog.gpus["a800-sxm4-40gb"]?.nvlink?.links == 8 && catalog.gpus["a800-sxm4-40gb"]?.memoryGB == 40)
    }

    /// Fifth search of 2026-11-28: GH200 NVL2 (two GH200 joined by NVLink, no NVSwitch), and the facts
    /// re-checked against their sources (docs/catalog-sources.md, "Fifth search").
    @Test func fifthSearchFacts() throws {
        let nvl2 = try #require(catalog.gpus["gh200-nvl2"])
        #expect(nvl2.memoryGB == 144 && nvl2.host == .nvlinkC2C && nvl2.formFactor == .superchip)
        #expect(nvl2.tdpW == nil)  // no source gives it: unknown, not a guess
        let link = try #require(nvl2.nvlink)
        #expect(!link.nvswitch && link.maxDomain == 2 && link.links == 18 && link.generation == 4)
        // An H20 capture (nvidia-smi, topo -m) shows "500W" caps and NV18 between every pair.
        #expect(catalog.gpus["h20-sxm-96gb"]?.tdpW == 500 && catalog.gpus["h20-sxm-96gb"]?.nvlink?.links == 18)
        // AMD SMI: every MI300 xGMI link 32 Gb/s x 16 = 64 GB/s per direction, 128 both ways.
        #expect(catalog.gpus["mi300x"]?.scaleUp?.linkGBs == 128 && catalog.gpus["mi325x"]?.scaleUp?.linkGBs == 128)
        // DGX Station GB300: NVIDIA's NemoClaw takes 0x31C2 and 0x31C3 as its GPU; 0x31C2 is also the NVL72
        // GB300. Neither id tells the Station apart, so 0x31C3 stays unmapped rather than mapped to NVL72.
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x31c3") == nil)
        // MI300A: AMD (ROCm, AMD SMI) for memory, power and host link; LLNL for 2 xGMI links per peer in a 4-APU node.
        let mi300a = try #require(catalog.gpus["mi300a"])
        #expect(mi300a.memoryGB == 128 && mi300a.tdpW == 550 && mi300a.host == .pcie(generation: 5, width: 16))
        let fabric = try #require(mi300a.scaleUp)
        #expect(fabric.kind == .infinityFabric && fabric.links == 6 && fabric.linkGBs == 128 && fabric.maxDomain == 4)
        #expect(mi300a.nvlink == nil)
        // GH200 NVL2 prints the gh200-144gb id and name: importers keep the NVSwitch-capable entry.
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x2348") == "gh200-144gb")
    }

    /// PCI device ids from NVIDIA's open-gpu-kernel-modules README (595.45.04), supported-GPU table.
    @Test func pciIDsFromNVIDIAsDriverTable() {
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x26ba") == "l20")
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x20BD") == "a800-sxm4-40gb")
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x2bb4") == "rtx-pro-6000-blackwell-max-q")
        // GB300: one device in NVIDIA's table (0x31C2, "NVIDIA GB300"); no DGX Station GB300 id there.
        #expect(PCIDeviceTable.gpuSKU(vendor: "0x10de", device: "0x31c2") == "gb300")
    }

    /// The NCCL defaults the P2P / GDR rule texts rest on, pinned by version.
    @Test func ncclBehaviourByVersion() {
        let facts = NCCLBehaviour.all
        #expect(
            facts.contains {
                $0.topic == "P2P" && $0.versions == "≥ 2.23" && $0.fact.contains("PHB")
                    && $0.source.contains("ncclTopoCheckP2p")
            })
        #expect(
            facts.contains {
                $0.topic == "GDR" && $0.versions == "≥ 2.27" && $0.source.contains("NCCL_NET_GDR_C2C default 1")
            })
        #expect(facts.contains { $0.topic == "NVLS" && $0.versions == "≥ 2.18" })
        #expect(facts.allSatisfy { $0.source.hasPrefix("src/") })
    }
}
