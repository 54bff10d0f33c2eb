import ArgumentParser
import Foundation
import TopoLint

/// `topospec-bench scaling`: lint the generated node-by-node spec at several sizes and fit how the
/// cost grows. For each size, one JSON line (best of `--repeat` runs, nanoseconds per GPU); then
/// one line with the growth exponent k of time ∝ GPUs^k, fitted by least squares on the log-log
/// points (1 is linear; n log n over a 64× range fits about 1.1).
struct ScalingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaling", abstract: "Lint at several cluster sizes; fit the growth exponent of the time.")

    @Option(parsing: .upToNextOption, help: "Cluster sizes in GPUs (multiples of 8).")
    var gpus: [Int] = [8_192, 32_768, 131_072, 524_288]

    @Option(name: .customLong("repeat"), help: "Repetitions per size; the fastest is kept.")
    var repetitions = 10

    func validate() throws {
        guard gpus.count >= 2 else { throw ValidationError("--gpus needs at least two sizes") }
        guard gpus.allSatisfy({ $0 >= 8 && $0 % 8 == 0 }) else {
            throw ValidationError("--gpus: positive multiples of 8")
        }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        var points: [(x: Double, y: Double)] = []
        // One unmeasured run first: the first lint of a process pays for page faults and caches.
        _ = Linter().lint(bytes: Array(BenchSpec.nodeByNode(gpus: gpus.min() ?? 8).utf8), path: "warm-up.yaml")
        for size in gpus.sorted() {
            let bytes = Array(BenchSpec.nodeByNode(gpus: size).utf8)
            var best = Double.infinity
            for _ in 0..<repetitions {
                let report = Linter().lint(bytes: bytes, path: "bench.yaml")
                guard !report.inputFailed else {
                    throw ValidationError("the generated spec did not decode; this is a bug in the generator")
                }
                best = min(best, report.timings.total)
            }
            points.append((log(Double(size)), log(best)))
            let fields: [(String, String)] = [
                ("bench", "\"scaling\""),
                ("gpus", String(size)),
                ("bytes", String(bytes.count)),
                ("lint_seconds", Stopwatch.format(best)),
                ("ns_per_gpu", String(format: "%.0f", best / Double(size) * 1e9)),
            ]
            JSONLine.print(fields)
        }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.x } / n
        let my = points.reduce(0) { $0 + $1.y } / n
        let sxy = points.reduce(0) { $0 + ($1.x - mx) * ($1.y - my) }
        let sxx = points.reduce(0) { $0 + ($1.x - mx) * ($1.x - mx) }
        let exponent = sxx > 0 ? sxy / sxx : .nan
        JSONLine.print([
            ("bench", "\"scaling\""), ("growth_exponent", String(format: "%.2f", exponent)),
            ("peak_rss_mb", String(format: "%.1f", PeakMemory.megabytes())),
        ])
    }
}
