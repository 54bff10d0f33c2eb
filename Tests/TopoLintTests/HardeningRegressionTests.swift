import Testing
import TopoDiagnostics
import TopoLint

/// Costs that once grew with the square of the input (issue 7), found by linting large hostile
/// specs: rendering looked every diagnostic's line up from the start of the file, and every
/// unknown name was compared with every candidate for a "did you mean".
@Suite struct HardeningRegressionTests {
    /// `line(_:lineStarts:)` gives what `line(_:)` gives, for every line ending.
    @Test func lineIndexMatchesLineScanning() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let alphabet: [UInt8] = [0x0A, 0x0D, 0x61, 0x62, 0x09, 0xC3, 0xA9, 0x20]
        for round in 0..<300 {
            let bytes = (0..<Int(next() % 40)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            let source = SourceText(path: "x.yaml", bytes: bytes)
            let starts = source.lineStarts()
            for number in 0...(starts.count + 2) {
                #expect(source.line(number, lineStarts: starts) == source.line(number), "round \(round), line \(number): \(bytes)")
            }
        }
    }

    /// 3,000 node types and 3,000 nodes naming types that do not exist: 3,000 findings, of which
    /// the first 100 are kept (each with a suggestion) and the rest counted in one closing
    /// diagnostic, rendered with their source lines, all in linear time.
    @Test func manyUnknownNamesStayLinear() throws {
        var text = "topospec: 1\ncluster: c\nnode_types:\n"
        for i in 0..<3000 { text += "  type\(i): {gpus: {sku: t4, count: 1}}\n" }
        text += "nodes:\n"
        for i in 0..<3000 { text += "  n\(i): {type: typo\(i)}\n" }
        let clock = ContinuousClock()
        var rendered = 0
        var report: Linter.FileReport?
        let elapsed = try clock.measure {
            let r = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "typos.yaml")
            let renderer = DiagnosticRenderer(sources: r.sources, useColor: false)
            for diagnostic in r.diagnostics {
                let out = renderer.render(diagnostic)
                try #require(out.contains(" | "), "no source line: \(out)")
                rendered += out.utf8.count
            }
            report = r
        }
        let r = try #require(report)
        // 3,000 unknown references: 100 kept (the per-code cap) and one closing "2900 more".
        #expect(r.diagnostics.count == DiagnosticCap.perCode + 1)
        #expect(r.diagnostics.last?.message.hasPrefix("2900 more TS020 diagnostics") == true)
        #expect(r.diagnostics.filter { $0.message.contains("did you mean") }.count == 100)
        #expect(r.diagnostics.first?.message == "unknown node type `typo0`; did you mean `type0`?")
        #expect(rendered > 0)
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }
}
