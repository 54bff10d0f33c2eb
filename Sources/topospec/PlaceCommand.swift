import ArgumentParser
import Foundation
import TopoDiagnostics
import TopoLint
import TopoModel

/// The formats `topospec place` prints.
enum PlaceFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

/// `topospec place SPEC --job NAME`: where every rank of a job should run, and what it saves.
struct PlaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "place",
        abstract: "Place a job's ranks to minimize communication time on the spec's topology.",
        discussion: """
        Compares Megatron's default rank order with every order of the parallel dimensions and the \
        solver's search, and prints the figures of each: communication time per iteration, bytes per \
        link class, where each dimension's groups sit. The result is reproducible for a given --seed \
        (the move budget, not the clock, ends the search unless --seconds runs out first).
        """)

    @Argument(help: "A spec file.")
    var spec: String

    @Option(help: "The job to place.")
    var job: String

    @Option(help: "text or json.")
    var format: PlaceFormat = .text

    @Option(help: "Random seed of the search.")
    var seed: UInt64 = 1

    @Option(help: "Most seconds the search may take.")
    var seconds: Double = 30

    @Flag(help: "Print the rank → node, GPU table (text; always in JSON).")
    var table = false

    func run() throws {
        let report = Linter().lint(path: spec)
        guard let decoded = report.spec else {
            let renderer = DiagnosticRenderer(sources: report.sources, useColor: Terminal.wantsColor(.auto))
            for diagnostic in report.diagnostics { Terminal.error(renderer.render(diagnostic) + "\n") }
            throw ExitCode(2)
        }
        let bar = ProgressBar(enabled: Terminal.stderrIsTerminal)
        switch PlacementReport.plan(spec: decoded, jobName: job, seed: seed, seconds: seconds, progress: bar.update) {
        case let .failure(failure):
            bar.finish()
            Terminal.error("topospec: \(failure)\n")
            throw ExitCode(2)
        case let .success(plan):
            bar.finish()
            switch format {
            case .text: print(PlacementReport.text(plan, spec: decoded, jobName: job, table: table), terminator: "")
            case .json: print(PlacementReport.json(plan, spec: decoded, jobName: job), terminator: "")
            }
        }
    }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private var last = -1

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int(min(1, max(0, fraction)) * 100)
        guard percent != last else { return }
        last = percent
        let filled = percent / 5
        Terminal.error("\rsearching [" + String(repeating: "=", count: filled) + String(repeating: " ", count: 20 - filled) + "] \(percent) %")
    }

    func finish() {
        if enabled && last >= 0 { Terminal.error("\r" + String(repeating: " ", count: 40) + "\r") }
    }
}
