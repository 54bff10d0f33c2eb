import ArgumentParser
import TopoEmit
import TopoLint
import TopoModel

/// `topospec report SPEC [--job J] [-o FILE] [--html]`: a design-review document.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A Markdown (or HTML) report: summary, findings, node types with matrices and diagrams, job placements.",
        discussion: """
        The placement searches of all jobs share --seconds (jobs left when it is spent are listed \
        without a placement); with the default move budget the result depends only on --seed. --html writes one self-contained page with the diagrams as inline \
        SVG, drawn by Graphviz's `dot` (which must be on PATH).
        """)

    @Argument(help: "A spec file.") var spec: String
    @Option(help: "Report only this job's placement.") var job: String?
    @Flag(help: "Write one self-contained HTML page (diagrams as inline SVG, needs Graphviz) instead of Markdown.") var html = false
    @Option(help: "Random seed of the placement search.") var seed: UInt64 = 1
    @Option(help: "Most seconds the placement searches may take in all (shared among the jobs).") var seconds: Double = 5
    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.") var output: String?

    func run() throws {
        Terminal.status("checking \(spec) …")
        let (decoded, report) = try lintSpec(spec)
        Terminal.clearStatus()
        if let job, !decoded.jobs.contains(where: { $0.name == job }) {
            let names = decoded.jobs.map(\.name)
            try fail("no job `\(job)`\(Suggestion.hint(for: job, in: names)); jobs: \(names.isEmpty ? "none" : names.joined(separator: ", "))")
        }
        var options = SpecReport.Options(job: job, seed: seed, seconds: seconds, source: displayName(spec))
        if Terminal.stderrIsTerminal { options.progress = { Terminal.status($0) } }
        let document = SpecReport.build(spec: decoded, diagnostics: report.diagnostics, options: options)
        Terminal.clearStatus()
        guard html else {
            try deliver(document.markdown(), to: output)
            return
        }
        do {
            try deliver(document.html { try GraphvizLayout.svg($0, placeholderWhenTooLarge: true).get() }, to: output)
        } catch let failure as GraphvizLayout.Failure {
            try fail("--html draws its diagrams as inline SVG: \(failure), or leave out --html for Markdown with Mermaid diagrams")
        }
    }
}
