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
                #expect(
                    source.line(number, lineStarts: starts) == source.line(number),
                    "round \(round), line \(number): \(bytes)")
            }
        }
    }

    /// 3,000 node types and 3,000 nodes naming types that do not exist: 3,000 findings, of which
    /// the first 100 are kept (each with a suggestion) and the rest counted in one closing
    /// diagnostic, rendered with their source lines, all in linear work: the edit-distance cells
    /// and the source bytes scanned, counted, at most double when the spec doubles.
    @Test func manyUnknownNamesStayLinear() throws {
        struct Run {
            var report: Linter.FileReport
            var rendered: Int
            var work: WorkCounter
        }
        func lintAndRender(_ count: Int) throws -> Run {
            var text = "topospec: 1\ncluster: c\nnode_types:\n"
            for i in 0..<count { text += "  type\(i): {gpus: {sku: t4, count: 1}}\n" }
            text += "nodes:\n"
            for i in 0..<count { text += "  n\(i): {type: typo\(i)}\n" }
            let ((report, rendered), work) = try WorkCounter.counting {
                let r = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "typos.yaml")
                let renderer = DiagnosticRenderer(sources: r.sources, useColor: false)
                var rendered = 0
                for diagnostic in r.diagnostics {
                    let out = renderer.render(diagnostic)
                    try #require(out.contains(" | "), "no source line: \(out)")
                    rendered += out.utf8.count
                }
                return (r, rendered)
            }
            return Run(report: report, rendered: rendered, work: work)
        }
        let full = try lintAndRender(3000)
        let r = full.report
        // 3,000 unknown references: 100 kept (the per-code cap) and one closing "2900 more".
        #expect(r.diagnostics.count == DiagnosticCap.perCode + 1)
        #expect(r.diagnostics.last?.message.hasPrefix("2900 more TS020 diagnostics") == true)
        #expect(r.diagnostics.filter { $0.message.contains("did you mean") }.count == 100)
        #expect(r.diagnostics.first?.message == "unknown node type `typo0`; did you mean `type0`?")
        #expect(full.rendered > 0)
        let half = try lintAndRender(1500)
        #expect(half.report.diagnostics.last?.message.hasPrefix("1400 more TS020 diagnostics") == true)
        for kind in [WorkCounter.Kind.suggestionCells, .sourceBytesScanned, .yamlEvents] {
            let (small, large) = (half.work[kind], full.work[kind])
            #expect(small > 0, "\(kind.name)")
            #expect(Double(large) / Double(max(small, 1)) < 2.3, "\(kind.name): \(small) → \(large)")
        }
    }
}
