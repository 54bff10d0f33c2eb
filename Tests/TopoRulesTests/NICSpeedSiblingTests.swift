import Testing
import TopoDiagnostics
import TopoLint

/// TS111 names the catalog adapter that carries the speed: an `efa` on a p5en's 200 Gb/s EFA
/// network points to `efa-200g` (AWS: p5en has 16 EFA devices of 200 Gb/s), a ConnectX-6 on NDR
/// to the 400 Gb/s adapters.
@Suite struct NICSpeedSiblingTests {
    private func ts111(_ nic: String, _ network: String) throws -> Diagnostic {
        let text = """
            topospec: 1
            cluster: c
            networks:
              net: \(network)
            node_types:
              n: {gpus: {sku: h200-sxm-141gb, count: 8}, nics: {"x[0-7]": {sku: \(nic), network: net}}}
            nodes:
              n1: {type: n}
            """
        let report = Linter().lint(bytes: Array(text.utf8), path: "spec.yaml", configuration: LintConfiguration())
        return try #require(report.diagnostics.first { $0.code == "TS111" })
    }

    @Test func efaAt200PointsToTheP5enGeneration() throws {
        let d = try ts111("efa", "{fabric: efa, gbps: 200}")
        #expect(d.help?.hasPrefix("use a faster adapter (`efa-200g`)") == true, "\(d.help ?? "")")
    }

    @Test func efaAt400PointsToTheP6Generation() throws {
        let d = try ts111("efa-200g", "{fabric: efa, gbps: 400}")
        #expect(d.help?.hasPrefix("use a faster adapter (`efa-400g`)") == true, "\(d.help ?? "")")
    }

    @Test func connectX6OnNDRPointsToThe400GAdapters() throws {
        let d = try ts111("connectx-6", "{fabric: infiniband, gbps: 400}")
        #expect(d.help?.hasPrefix("use a faster adapter (`bluefield-3` or `connectx-7`)") == true, "\(d.help ?? "")")
    }
}
