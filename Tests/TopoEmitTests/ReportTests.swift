import Testing
import TopoEmit
import TopoLint
import TopoModel

/// `topospec report`: a golden Markdown report, findings by severity from a broken spec, the HTML
/// page, and byte-identical output from run to run.
@Suite struct ReportTests {
    /// A search budget no test machine reaches, so the move budget alone ends each search.
    static let seconds = 600.0

    static func report(_ path: String, job: String? = nil) throws -> ReportDocument {
        let lint = Linter(configuration: .none).lint(path: Golden.root + "/" + path)
        let spec = try #require(lint.spec)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return SpecReport.build(
            spec: spec, diagnostics: lint.diagnostics,
            options: SpecReport.Options(job: job, seconds: seconds, source: name))
    }

    @Test func goldenMarkdown() throws {
        let markdown = try Self.report("specs/mixed-cluster-failed-gpu.yaml").markdown()
        Golden.check(markdown, "mixed-cluster-failed-gpu.report.md")
        #expect(
            markdown.contains(
                "| GPUs | 32 × NVIDIA A100 SXM4 80GB, 32 × NVIDIA H100 SXM5 80GB (9 unavailable: failed or on drained nodes) |"
            ))
        #expect(markdown.contains("### `llama3-8b-h100`") && markdown.contains("### `llama2-13b-a100`"))
        #expect(markdown.components(separatedBy: "```mermaid").count - 1 == 3, "the cluster and two node types")
    }

    @Test func findingsBySeverity() throws {
        let markdown = try Self.report("specs/broken/TS101-nvlink-on-rtx4090.yaml").markdown()
        #expect(markdown.contains("### Errors ("))
        #expect(markdown.contains("| TS101 |"))
        #expect(!markdown.contains("No findings"))
    }

    @Test func oneJob() throws {
        let markdown = try Self.report("specs/mixed-cluster-failed-gpu.yaml", job: "llama2-13b-a100").markdown()
        #expect(markdown.contains("### `llama2-13b-a100`"))
        #expect(!markdown.contains("### `llama3-8b-h100`"))
    }

    @Test(.enabled(if: GraphvizLayout.findDot() != nil, "Graphviz is not installed"))
    func htmlPage() throws {
        let html = try Self.report("specs/gb200-nvl72.yaml").html { try GraphvizLayout.svg($0) }
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        #expect(html.contains("<td>NVLink domains</td><td><code>nvl72-r01</code> (18 nodes)</td>"))
        // Self-contained: diagrams inline, nothing fetched.
        #expect(html.components(separatedBy: "<figure>\n<svg").count - 1 == 2, "the cluster and the node type")
        #expect(!html.contains("<?xml") && !html.contains("<script") && !html.contains("https://cdn"))
    }

    @Test func inlineCodeAndEscaping() {
        var doc = ReportDocument(title: "a <b> & `c`")
        doc.blocks = [
            .paragraph("x | `y<z>` and a stray ` tick"), .table(header: ["a|b"], rows: [["1"]], numeric: [true]),
        ]
        let html = doc.html { _ in "" }
        #expect(html.contains("<h1>a &lt;b&gt; &amp; <code>c</code></h1>"))
        #expect(html.contains("<p>x | <code>y&lt;z&gt;</code> and a stray ` tick</p>"))
        #expect(doc.markdown().contains("| a\\|b |\n|---:|\n| 1 |\n"))
    }

    @Test func deterministic() throws {
        let a = try Self.report("specs/dgx-a100.yaml").markdown()
        let b = try Self.report("specs/dgx-a100.yaml").markdown()
        #expect(a == b)
    }
}
