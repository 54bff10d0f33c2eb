import Testing

@testable import TopoImport

/// The one decision both AMD importers (`amd-smi topology`, `rocm-smi --showtopo`) make from a
/// link-type table: unreadable → unknown, no XGMI → none, every pair → mesh, else explicit links.
struct XGMIWiringTests {
    private func wiring(_ gpus: Int, _ direct: [(Int, Int)], unreadable: Int = 0) -> XGMIWiring {
        XGMIWiring(
            gpus: gpus, direct: direct, unreadable: unreadable, tool: "`rocm-smi`", unreadableForm: "`XXXX`",
            unreadableCause: "`XXXX`: unsupported")
    }

    @Test func unreadableCellsMakeTheWiringUnknown() {
        let w = wiring(4, [(0, 1)], unreadable: 2)
        guard case .declaredUnknown = w.wiring else { Issue.record("expected unknown, got \(w.wiring)"); return }
        #expect(
            w.unreadableFinding
                == "2 cells of the link-type table cannot be read (`XXXX`: unsupported); xGMI is declared `unknown`")
        #expect(w.comment.contains("2 GPU pairs show an unreadable link type (`XXXX`)"))
    }

    @Test func noXGMIPairIsNone() {
        let w = wiring(4, [])
        guard case .none = w.wiring else { Issue.record("expected none, got \(w.wiring)"); return }
        #expect(w.unreadableFinding == nil)
    }

    @Test func everyPairIsAMesh() {
        let all = (0..<8).flatMap { a in ((a + 1)..<8).map { (a, $0) } }
        let w = wiring(8, all)
        guard case .mesh = w.wiring else { Issue.record("expected mesh, got \(w.wiring)"); return }
        #expect(w.comment.contains("(`rocm-smi` does not give the number of links per pair)"))
    }

    @Test func somePairsAreExplicitLinks() {
        let w = XGMIWiring(
            gpus: 4, direct: [(0, 1), (2, 3)], unreadable: 0, tool: "`amd-smi topology`", unreadableForm: "N/A",
            unreadableCause: "N/A", evidence: "the weight table gives 15 to every XGMI pair")
        guard case let .links(links) = w.wiring else { Issue.record("expected links, got \(w.wiring)"); return }
        #expect(links == [DraftSpec.Link(a: 0, b: 1, count: 1), DraftSpec.Link(a: 2, b: 3, count: 1)])
        #expect(w.comment.hasSuffix("; the weight table gives 15 to every XGMI pair."))
    }
}
