import Testing
import TopoDiagnostics
import TopoImport
import TopoLint
import TopoModel

/// RCCL's own recorded topologies (Tests/Fixtures/rccl-xml, from ROCm/rccl tools/topo_expl/models;
/// SOURCES.md): `<system version="2">` with `xgmi` links import as Infinity Fabric wiring, the
/// GPUs identified by AMD PCI device id, with the exact lint findings of each machine.
@Suite struct RCCLRealFileTests {
    static let folder = Fixtures.root + "/Tests/Fixtures/rccl-xml/"

    @Test func mi300xNodeIsAFullMeshWithARailPerGPU() throws {
        let result = NCCLTopologyImporter().importFile(path: Self.folder + "topo_8p_940.xml")
        let spec = try #require(result.spec, "\(result.findings.map(\.message))")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        let report = Fixtures.lint(spec)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        let type = try #require(report.spec?.nodeTypes.first)
        #expect(type.gpus.count == 8)
        #expect(type.gpus.allSatisfy { $0.sku == "mi300x" })
        #expect(type.sockets == 2 && !type.socketCountUnknown)
        #expect(type.scaleUp?.kind == .infinityFabric)
        #expect(type.scaleUp?.mesh?.gpus == Array(0..<8))
        #expect(type.nics.count == 8)
        #expect(type.nics.allSatisfy { $0.sku == "connectx-7" })
        #expect(spec.contains("Imported from an RCCL topology file"))
    }

    @Test func mi250xNodeKeepsTheFilesLinkCounts() throws {
        let result = NCCLTopologyImporter().importFile(path: Self.folder + "topo_8p1h_2.xml")
        let spec = try #require(result.spec)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        let report = Fixtures.lint(spec)
        // The two NICs are a 1 GbE port and a container's veth: frontend placeholders (TS405).
        #expect(Set(report.diagnostics.map(\.code)) == ["TS405"])
        let type = try #require(report.spec?.nodeTypes.first)
        #expect(type.gpus.allSatisfy { $0.sku == "mi250x" })
        let links = try #require(type.scaleUp?.links)
        // 12 linked pairs of the 28: the two GCDs of a package share 4 links, others 2 or 1.
        #expect(links.count == 12)
        #expect(links.filter { $0.count == 4 }.map { [$0.a, $0.b] } == [[0, 1], [2, 3], [4, 5], [6, 7]])
        #expect(links.reduce(0) { $0 + $1.count } == 26)
        // Four `cpu` elements (NUMA nodes of one EPYC in NPS4): the file does not say how many
        // packages, so the count is unknown and the PCIe tree's `socket` indexes NUMA nodes.
        #expect(type.sockets == 4 && type.socketCountUnknown)
        #expect(spec.contains("sockets: {count: unknown, numa_nodes: 4}"))
        #expect(spec.contains("4 NUMA nodes (sockets unknown)"))
    }

    @Test func mi300aNodeWithSlingshotNICs() throws {
        let result = NCCLTopologyImporter().importFile(path: Self.folder + "topo_4p_940.xml")
        let spec = try #require(result.spec)
        // The cxi ports' `speed="200000000"` (200,000 Gb/s read as Mb/s) is a unit error, said per port.
        #expect(result.findings.map(\.code) == ["TS516", "TS516", "TS516", "TS516"])
        let report = Fixtures.lint(spec)
        // The APUs' PCI id 0x74a0 is the catalog's `mi300a`; the NICs' model stays unknown (TS405).
        #expect(Set(report.diagnostics.map(\.code)) == ["TS207", "TS405"])
        let decoded = try #require(report.spec)
        let type = try #require(decoded.nodeTypes.first)
        #expect(type.gpus.count == 4)
        // Four `cpu` elements of the same family as the MI250X file's: four sockets here (one per
        // APU), which the file cannot tell from NUMA nodes.
        #expect(type.sockets == 4 && type.socketCountUnknown)
        #expect(type.scaleUp?.mesh?.gpus == [0, 1, 2, 3])
        #expect(type.gpus[0].sku == "mi300a")
        #expect(type.nics.allSatisfy { !$0.gbpsDeclared })
    }

    @Test func otherVersionsAreStillRefused() throws {
        let text = "<system version=\"3\"><cpu numaid=\"0\"></cpu></system>\n"
        let result = NCCLTopologyImporter().importText(Array(text.utf8), path: "x.xml")
        #expect(result.spec == nil)
        #expect(result.findings.first?.code == "TS505")
    }
}
