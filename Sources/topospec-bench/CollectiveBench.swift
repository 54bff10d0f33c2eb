import ArgumentParser
import TopoLint
import TopoTopology

/// `topospec-bench collective --gpus N`: a full nccl-tests sweep (8 B to 16 GiB, factor 2, 32
/// sizes) of every operation on all GPUs of the lint benchmark's generated cluster, timed as
/// building the group once (linear in the ranks) and predicting each size (constant time).
/// One JSON line: predictions per second and the whole sweep's time.
struct CollectiveBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collective", abstract: "Time `topospec collective` predictions on a generated spec.")

    @Option(help: "GPUs in the generated cluster (a multiple of 8).")
    var gpus = 16_384

    @Option(help: "Repetitions of the sweep.")
    var repeats = 100

    func validate() throws {
        guard gpus >= 16, gpus % 8 == 0 else { throw ValidationError("--gpus must be a multiple of 8, at least 16") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
    }

    func run() throws {
        let bytes = Array(BenchSpec.nodeByNode(gpus: gpus).utf8)
        guard let spec = Linter().lint(bytes: bytes, path: "bench.yaml").spec else {
            throw ValidationError("the generated spec did not decode; this is a bug in the generator")
        }
        let context = SpecAnalysis(spec: spec)
        let clock = Stopwatch()
        let slots = spec.nodes.indices.flatMap { n in
            spec.nodeTypes[spec.nodes[n].typeID].gpus.indices.map { (node: n, gpu: $0) }
        }
        let model = CollectiveModel(group: CollectiveGroup(context: context, slots: slots))
        let groupSeconds = clock.lap()
        let sizes = (0..<32).map { 8 << $0 }
        var predictions = 0
        var checksum = 0.0
        for _ in 0..<repeats {
            for op in CollectiveOperation.allCases {
                for size in sizes {
                    if let e = model.estimate(op, bytes: size) { checksum += e.seconds }
                    predictions += 1
                }
            }
        }
        let predictSeconds = clock.lap()
        let sweep = groupSeconds + predictSeconds / Double(repeats) / Double(CollectiveOperation.allCases.count)
        JSONLine.print([
            ("bench", "\"collective\""),
            ("gpus", String(slots.count)),
            ("group_seconds", Stopwatch.format(groupSeconds)),
            ("predictions", String(predictions)),
            ("predictions_per_second", String(format: "%.0f", Double(predictions) / max(predictSeconds, 1e-9))),
            ("sweep_seconds", String(format: "%.6f", sweep)),
            ("checksum_seconds", String(format: "%.3f", checksum)),
            ("peak_rss_mb", String(format: "%.1f", PeakMemory.megabytes())),
        ])
    }
}
