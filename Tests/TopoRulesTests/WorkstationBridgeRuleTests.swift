import Testing
import TopoDiagnostics
import TopoLint

/// The bridge rules on the Turing / Ampere workstation cards (2-way bridges, catalog `bridge.max_gpus: 2`):
/// a bridged pair is valid, three cards on one bridge raise TS104, and none of them is "no NVLink" (TS101).
@Suite struct WorkstationBridgeRuleTests {
    func codes(_ sku: String, bridges: String) -> [String] {
        let text = """
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: \(sku), count: 4}, nvlink: {bridges: \(bridges)}}
            nodes:
              n1: {type: ws}
            """
        return Linter().lint(bytes: Array(text.utf8), path: "ws.yaml").diagnostics.map(\.code)
    }

    @Test(arguments: ["quadro-rtx-8000", "quadro-rtx-6000", "titan-rtx", "rtx-2080-ti", "rtx-a4500", "a800-pcie-80gb"])
    func pairsAreValidTriplesAreNot(sku: String) {
        let pairs = codes(sku, bridges: "[[0, 1], [2, 3]]")
        #expect(!pairs.contains("TS101") && !pairs.contains("TS103") && !pairs.contains("TS104"), "\(pairs)")
        let triple = codes(sku, bridges: "[[0, 1, 2]]")
        #expect(triple.contains("TS104"), "\(triple)")
        #expect(!triple.contains("TS101") && !triple.contains("TS103"), "\(triple)")
    }
}
