import Testing
import TopoDiagnostics
import TopoEmit
import TopoImport
import TopoLint
import TopoModel

/// A real `rocm-smi --showtopo` (Tests/Fixtures/rocm-smi, provenance in its SOURCES.md) imports
/// with xGMI links, and `topospec matrix` names them as AMD does.
@Suite struct RocmSmiRealFileTests {
    static let file = Fixtures.root + "/Tests/Fixtures/rocm-smi/mi300a-4apu-xgmi-showtopo.txt"

    @Test func mi300aNodeIsAFullXGMIMesh() throws {
        let result = RocmSmiImporter().importFile(path: Self.file)
        let spec = try #require(result.spec, "\(result.findings.map(\.message))")
        #expect(result.findings.isEmpty)
        let report = Fixtures.lint(spec)
        // The only finding: the model is not in the output.
        #expect(Set(report.diagnostics.map(\.code)) == ["TS404"])
        let decoded = try #require(report.spec)
        let type = try #require(decoded.nodeTypes.first)
        #expect(type.gpus.count == 4)
        // One NUMA node per MI300A APU: four sockets here, but the output cannot tell NUMA nodes
        // from packages (an NPS4 host looks the same), so the count is unknown.
        #expect(type.sockets == 4 && type.socketCountUnknown)
        #expect(type.scaleUp?.kind == .infinityFabric)
        #expect(type.scaleUp?.mesh?.gpus == [0, 1, 2, 3])
        #expect(decoded.catalog.gpus[type.gpus[0].sku]?.vendor == .amd)
    }

    @Test func knownSKUAndMatrixNamesXGMI() throws {
        let spec = try #require(RocmSmiImporter(sku: "mi300x").importFile(path: Self.file).spec)
        let report = Fixtures.lint(spec)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        let decoded = try #require(report.spec)
        let matrix = MatrixText(TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0)))
        // MI300X: 8 xGMI links over 3 peers = 2 per pair on a 4-GPU mesh.
        #expect(matrix.cell("GPU0", "GPU1") == "XGMI2")
        #expect(!TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0)).contains("\tNV"))
    }

    @Test func otherTextIsRefused() throws {
        let result = RocmSmiImporter().importText(Array("GPU[0] : Temperature 40C\n".utf8), path: "x.txt")
        #expect(result.spec == nil)
        #expect(result.findings.first?.code == "TS502")
    }

    @Test func pcieOnlyTableHasNoXGMI() throws {
        let text = """
            ========================== Link Type between two GPUs ==========================
                   GPU0         GPU1
            GPU0   0            PCIE
            GPU1   PCIE         0

            """
        let spec = try #require(RocmSmiImporter().importText(Array(text.utf8), path: "t.txt").spec)
        let type = try #require(Fixtures.lint(spec).spec?.nodeTypes.first)
        #expect(type.explicitlyNoScaleUp)
    }
}
