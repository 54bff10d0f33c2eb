import Foundation
import Testing
import TopoDiagnostics
import TopoEmit
import TopoImport
import TopoLint
import TopoModel

/// Real `amd-smi topology` outputs (Tests/Fixtures/amd-smi, provenance in its SOURCES.md): the
/// imported structure and the exact lint findings of each machine.
@Suite struct AmdSmiRealFileTests {
    static let folder = Fixtures.root + "/Tests/Fixtures/amd-smi/"

    @Test func mi355xNodeWithNamesIsAFullMeshWithoutFindings() throws {
        let result = AmdSmiTopologyImporter().importFile(
            path: Self.folder + "mi355x-8gpu-oci-pollara-topology.txt",
            amdSmiPath: Self.folder + "mi355x-8gpu-oci-pollara-amd-smi.txt")
        let spec = try #require(result.spec, "\(result.findings.map(\.message))")
        // The driver reports no weights: said once, as an assumption.
        #expect(result.findings.map(\.code) == ["TS523"])
        let report = Fixtures.lint(spec)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        let type = try #require(report.spec?.nodeTypes.first)
        #expect(type.gpus.count == 8)
        #expect(type.gpus.allSatisfy { $0.sku == "mi355x" })
        #expect(type.gpus.first?.busID == "0000:0d:00.0")
        #expect(type.gpus.last?.busID == "0000:f4:00.0")
        #expect(type.scaleUp?.kind == .infinityFabric)
        #expect(type.scaleUp?.mesh?.gpus == Array(0..<8))
        // amd-smi topology shows no CPU: `sockets: unknown` (the machine has two EPYC 9575F).
        #expect(type.sockets == 1 && type.socketCountUnknown)
        #expect(spec.contains("sockets: unknown\n"))
    }

    @Test func mi300xWeightsConfirmDirectLinks() throws {
        let file = Self.folder + "mi300x-8gpu-amdsmi-changelog-topology.txt"
        let result = AmdSmiTopologyImporter().importFile(path: file)
        let spec = try #require(result.spec)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        #expect(spec.contains("the weight table gives 15 to every XGMI pair"))
        // Without a model, the only finding is the placeholder.
        #expect(Set(Fixtures.lint(spec).diagnostics.map(\.code)) == ["TS404"])

        let named = try #require(AmdSmiTopologyImporter(sku: "mi300x").importFile(path: file).spec)
        let report = Fixtures.lint(named)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        let decoded = try #require(report.spec)
        let type = try #require(decoded.nodeTypes.first)
        #expect(type.scaleUp?.mesh?.gpus == Array(0..<8))
        // MI300X: 8 xGMI links over 7 peers, one per pair; named as AMD names it.
        let matrix = MatrixText(TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0)))
        #expect(matrix.cell("GPU0", "GPU7") == "XGMI1")
    }

    @Test func radeonPairWithoutPeerToPeer() throws {
        let result = AmdSmiTopologyImporter().importFile(
            path: Self.folder + "2x-rx7900xtx-topology.txt",
            amdSmiPath: Self.folder + "2x-rx7900xtx-amd-smi.txt")
        let spec = try #require(result.spec)
        // The catalog has no RX 7900 XTX: said at the amd-smi line that names it.
        #expect(result.findings.map(\.code) == ["TS521"])
        #expect(result.findings.first?.location?.line == 10)
        let report = Fixtures.lint(spec)
        // The access table says P2P is DISABLED: the node needs NCCL_P2P_DISABLE (TS301); the
        // model is a placeholder (TS404).
        #expect(Set(report.diagnostics.map(\.code)) == ["TS301", "TS404"])
        let decoded = try #require(report.spec)
        let type = try #require(decoded.nodeTypes.first)
        #expect(type.gpus.count == 2)
        #expect(type.explicitlyNoScaleUp)
        #expect(type.sockets == 1)  // hops 2: one NUMA node
        let gpu = try #require(decoded.catalog.gpus[type.gpus[0].sku])
        #expect(gpu.name == "AMD Radeon RX 7900 XTX")
        #expect(gpu.vendor == .amd)
        #expect(gpu.pcieP2P == false)
    }

    @Test func partialMeshKeepsOnlyTheLightestXGMIPairs() throws {
        // GPU0–GPU2 reach each other over xGMI through GPU1 (weight 30 = two hops), as on MI250X nodes.
        let text = """
            WEIGHT TABLE:
                         0000:c1:00.0 0000:c6:00.0 0000:c9:00.0
            0000:c1:00.0 0            15           30
            0000:c6:00.0 15           0            15
            0000:c9:00.0 30           15           0
            LINK TYPE TABLE:
                         0000:c1:00.0 0000:c6:00.0 0000:c9:00.0
            0000:c1:00.0 SELF         XGMI         XGMI
            0000:c6:00.0 XGMI         SELF         XGMI
            0000:c9:00.0 XGMI         XGMI         SELF

            """
        let spec = try #require(AmdSmiTopologyImporter(sku: "mi250x").importText(Array(text.utf8), path: "t.txt").spec)
        let type = try #require(Fixtures.lint(spec).spec?.nodeTypes.first)
        let links = try #require(type.scaleUp?.links)
        #expect(links.map { [$0.a, $0.b] } == [[0, 1], [1, 2]])
    }

    @Test func otherTextIsRefused() throws {
        let result = AmdSmiTopologyImporter().importText(Array("GPU: 0\n    BDF: 0000:0c:00.0\n".utf8), path: "x.txt")
        #expect(result.spec == nil)
        #expect(result.findings.first?.code == "TS502")
    }

    @Test func asymmetricTableIsRefusedAtItsRow() throws {
        let text = """
            LINK TYPE TABLE:
                         0000:c1:00.0 0000:c6:00.0
            0000:c1:00.0 SELF         XGMI
            0000:c6:00.0 PCIE         SELF

            """
        let result = AmdSmiTopologyImporter().importText(Array(text.utf8), path: "t.txt")
        #expect(result.spec == nil)
        #expect(result.findings.first?.code == "TS503")
        #expect(result.findings.first?.location?.line == 3)
    }

    @Test func mutatedCapturesNeverCrash() throws {
        let base = try #require(
            FileManager.default.contents(atPath: Self.folder + "mi300x-8gpu-amdsmi-changelog-topology.txt")
        ).map { $0 }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        for round in 0..<200 {
            var bytes = round % 2 == 0 ? Array(base.prefix(Int(next() % UInt64(base.count)))) : base
            for _ in 0..<(round % 2 == 0 ? 0 : 6) {
                bytes[Int(next() % UInt64(bytes.count))] = [0x20, 0x0A, 0x58, 0x30, 0x31][Int(next() % 5)]
            }
            let result = AmdSmiTopologyImporter().importText(bytes, path: "fuzz.txt")
            #expect(result.spec != nil || result.findings.contains { $0.severity == .error })
        }
    }
}
