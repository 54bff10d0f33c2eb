import ArgumentParser
import TopoEmit
import TopoLint
import TopoModel

/// `topospec report SPEC [--job J] [-o FILE] [--html]`: a design-review document.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "A Markdown (or HTML) report: summary, findings, node types with matrices and diagrams, job placements.",
        discussion: """
            The placements of all jobs share --seconds, and their evaluation a work budget (jobs too large \
            for what is left are listed without a placement, largest first); with the default move budget \
            the result depends only on --seed. Drawings past a size are collapsed. --html writes one self-contained page with the diagrams as inline \
            SVG, drawn by Graphviz's `dot` (which must be on PATH).
            """)

    @Argument(help: "A spec file.") var spec: String
    @Option(help: "Report only this job's placement.") var job: String?
    @Flag(help: "Write one self-contained HTML page (diagrams as inline SVG, needs Graphviz) instead of Markdown.")
    var html = false
    @Option(help: "Random seed of the placement search.") var seed: UInt64 = 1
    @Option(
        help:
            "Most seconds the placements may take in all, evaluation and search (shared equally among the jobs placed)."
    ) var seconds: Double = 5
    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.") var output:
        String?

    func run() throws {
        Terminal.status("checking \(spec) …")
        let (decoded, report) = try lintSpec(spec)
        Terminal.clearStatus()
        if let job, !decoded.jobs.contains(where: { $0.name == job }) {
            let names = decoded.jobs.map(\.name)
            try fail(
                "no job `\(job)`\(Suggestion.hint(for: job, in: names)); jobs: \(names.isEmpty ? "none" : names.joined(separator: ", "))"
            )
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
            // Every drawing is bounded (collapsed past a size) and each `dot` is time-limited;
            // all of them together get one such limit too (a spec may have many node types).
            let clock = ContinuousClock()
            let drawingDeadline = clock.now + .seconds(GraphvizLayout.timeLimit)
            try deliver(
                document.html { dot in
                    guard clock.now < drawingDeadline else {
                        return GraphvizLayout.placeholder(
                            "drawing left out: the report's \(GraphvizLayout.timeLimit) s for drawings were spent on the ones above"
                        )
                    }
                    return try GraphvizLayout.svg(dot, placeholderWhenTooLarge: true)
                }, to: output)
        } catch let failure as EmitFailure {
            try fail(
                "--html draws its diagrams as inline SVG: \(failure), or leave out --html for Markdown with Mermaid diagrams"
            )
        }
    }
}
