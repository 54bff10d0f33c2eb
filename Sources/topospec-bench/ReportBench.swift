import ArgumentParser
import TopoEmit
import TopoLint

/// `topospec-bench report --gpus N`: the design-review report of the lint benchmark's generated
/// cluster (its job `train` spans the first 128 nodes, 1,024 ranks), timed by stage: lint, building
/// the report (summary, findings, cluster and node-type diagrams, the job's placement) and writing
/// it as Markdown. One JSON line with peak memory.
struct ReportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Time `topospec report` (lint, build, Markdown) on a generated spec.")

    @Option(help: "GPUs in the generated cluster (a multiple of 8).")
    var gpus = 131_072

    @Option(help: "Most seconds the placement search may take.")
    var seconds: Double = 5

    func validate() throws {
        guard gpus >= 8, gpus % 8 == 0 else { throw ValidationError("--gpus must be a positive multiple of 8") }
    }

    func run() throws {
        let bytes = Array(BenchSpec.nodeByNode(gpus: gpus).utf8)
        let clock = Stopwatch()
        let report = Linter().lint(bytes: bytes, path: "bench.yaml")
        guard let spec = report.spec else {
            throw ValidationError("the generated spec did not decode; this is a bug in the generator")
        }
        let lint = clock.lap()
        let document = SpecReport.build(
            spec: spec, diagnostics: report.diagnostics,
            options: SpecReport.Options(seconds: seconds, source: "bench.yaml"))
        let build = clock.lap()
        let markdown = document.markdown()
        let render = clock.lap()
        let fields: [(String, String)] = [
            ("bench", "\"report\""),
            ("gpus", String(gpus)),
            ("nodes", String(gpus / 8)),
            ("lint_seconds", Stopwatch.format(lint)),
            ("build_seconds", Stopwatch.format(build)),
            ("markdown_seconds", Stopwatch.format(render)),
            ("total_seconds", Stopwatch.format(lint + build + render)),
            ("markdown_bytes", String(markdown.utf8.count)),
            ("peak_rss_mb", String(format: "%.1f", PeakMemory.megabytes())),
        ]
        JSONLine.print(fields)
    }
}
