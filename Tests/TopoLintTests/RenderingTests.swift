import Testing
import TopoCodes
import TopoDiagnostics
import TopoLint

@Suite struct RenderingTests {
    @Test func compilerStyleOutputWithCaretAndHelp() throws {
        let text = """
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: rtx-4090, count: 2}, nvlink: {bridges: [[0, 1]]}}
            nodes:
              ws01: {type: ws}
            """
        let report = Linter().lint(bytes: Array(text.utf8), path: "ws.yaml")
        let diagnostic = try #require(report.diagnostics.first { $0.code == "TS101" })
        let out = DiagnosticRenderer(sources: [report.source], useColor: false).render(diagnostic)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("ws.yaml:4:41: error[TS101]: NVLink declared on `rtx-4090`"))
        #expect(lines[1] == "  4 |   ws: {gpus: {sku: rtx-4090, count: 2}, nvlink: {bridges: [[0, 1]]}}")
        #expect(lines[2] == "    |                                         ^~~~~~")
        #expect(lines[3].hasPrefix("  help: "))
        #expect(!out.contains("\u{1B}["))
        let colored = DiagnosticRenderer(sources: [report.source], useColor: true).render(diagnostic)
        #expect(colored.contains("\u{1B}[1;31merror[TS101]"))
    }

    @Test func controlCharactersAreNotEchoed() throws {
        let source = SourceText(path: "x.yaml", bytes: Array("a: \u{1B}[31m\n".utf8))
        #expect(source.line(1) == "a: \u{FFFD}[31m")
        #expect(source.line(2) == "")
        #expect(source.line(3) == nil)
    }

    @Test func summaryLine() {
        #expect(LintSummary(files: []).line == "0 files checked: no findings.")
    }

    @Test func everyCodeCanBeExplained() throws {
        for entry in CodeCatalog.entries {
            let text = RuleDocumentation.explain(entry)
            #expect(text.hasPrefix("\(entry.code) \(entry.slug)"))
        }
        #expect(CodeCatalog.entry(named: "duplicate-key")?.code == "TS002")
        #expect(RuleDocumentation.table.split(separator: "\n").count == CodeCatalog.entries.count)
    }
}
