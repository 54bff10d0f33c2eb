import ArgumentParser

/// `topospec-bench`: performance measurements of the release build, one JSON line per run.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topospec-bench",
        abstract: "Measure topospec on generated inputs (build with -c release).",
        subcommands: [
            LintBench.self, CollectiveBench.self, QAPBench.self, PlaceBench.self, ReportBench.self, ScalingBench.self,
            VerifyBench.self,
        ]
    )
}
