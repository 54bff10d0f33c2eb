import ArgumentParser
import Dispatch
import Foundation
import TopoLint
import TopoModel
import TopoRules

/// `topospec-bench place --ranks N [--irregular]`: builds a synthetic cluster and job, places
/// it, and prints one JSON line: the solver's cost next to the default order's and the best
/// dimension order's, the lower bound, seconds and peak memory.
struct PlaceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "place", abstract: "Place a synthetic job of N ranks; print costs, lower bound, seconds, peak RSS.")

    @Option(help: "Ranks (GPUs), a multiple of 64.")
    var ranks = 1024

    @Flag(help: "Irregular cluster: one failed GPU on every 8th node, made up by single-GPU nodes of another type.")
    var irregular = false

    @Option(help: "Most seconds for the search.")
    var seconds: Double = 60

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Also write the generated spec to this file.")
    var write: String?

    func validate() throws {
        guard ranks >= 64, ranks % 64 == 0 else { throw ValidationError("--ranks must be a positive multiple of 64") }
    }

    func run() throws {
        let text = PlaceBenchSpec.make(ranks: ranks, irregular: irregular)
        if let write { try text.write(toFile: write, atomically: true, encoding: .utf8) }
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "bench.yaml")
        guard let spec = report.spec else {
            throw ValidationError("generated spec did not decode: \(report.diagnostics.first?.message ?? "")")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let plan: PlacementPlanner.Plan
        switch PlacementReport.plan(spec: spec, jobName: "train", seed: seed, seconds: seconds) {
        case let .success(p): plan = p
        case let .failure(f): throw ValidationError(f.description)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let fields: [(String, String)] = [
            ("bench", "\"place\""),
            ("ranks", String(ranks)),
            ("irregular", String(irregular)),
            ("nodes", String(Set(plan.distance.slots.map(\.node)).count)),
            ("cost", String(format: "%.6g", plan.metrics.objective)),
            ("default_cost", String(format: "%.6g", plan.defaultMetrics.objective)),
            ("best_order_cost", String(format: "%.6g", plan.bestOrderMetrics.objective)),
            ("lower_bound", String(format: "%.6g", plan.lowerBound)),
            ("comm_seconds", String(format: "%.4g", plan.metrics.secondsPerIteration)),
            ("default_comm_seconds", String(format: "%.4g", plan.defaultMetrics.secondsPerIteration)),
            ("method", "\"\(plan.method)\""),
            ("seconds", String(format: "%.3f", elapsed)),
            ("peak_rss_mb", String(format: "%.1f", PeakMemory.megabytes())),
        ]
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }
}

/// The cluster and job `topospec-bench place` generates.
enum PlaceBenchSpec {
    /// HGX H100 nodes (4 a rack) on a 2:1 oversubscribed rail-optimized fabric, and a job with
    /// TP 8, PP 4 and DP filling the rest, shaped like Llama-3-70B. Irregular: every 8th node
    /// has a failed GPU and as many single-GPU nodes of another type make up the count.
    static func make(ranks: Int, irregular: Bool) -> String {
        let nodes = ranks / 8
        let failed = irregular ? nodes / 8 : 0
        var out = """
        topospec: 1
        cluster: place-bench
        networks:
          ib: {fabric: infiniband, gbps: 400, topology: rail-optimized-fat-tree, rails: 8,
               tiers: [{name: leaf, radix: 64, down: 42, up: 21}, {name: spine, radix: 64}]}
        node_types:
          hgx:
            gpus: {sku: h100-sxm5-80gb, count: 8}
            sockets: 2
            nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
            pcie:
              - {switch: pex0, socket: 0, gpus: [0, 1], nics: [cx0, cx1]}
              - {switch: pex1, socket: 0, gpus: [2, 3], nics: [cx2, cx3]}
              - {switch: pex2, socket: 1, gpus: [4, 5], nics: [cx4, cx5]}
              - {switch: pex3, socket: 1, gpus: [6, 7], nics: [cx6, cx7]}
            nics: {"cx[0-7]": {sku: connectx-7, network: ib}}
          single:
            gpus: {sku: h100-pcie-80gb, count: 1}
            nics: {cx0: {sku: connectx-7, network: ib}}
        nodes:

        """
        let width = String(nodes + failed).count
        func name(_ i: Int) -> String {
            let s = String(i)
            return "n" + String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let racks = max(1, nodes / 4)
        out += "  \"n[\(name(1).dropFirst())-\(name(nodes).dropFirst())]\": {type: hgx, rack: \"r[1-\(racks)]\""
        if failed > 0 {
            let exceptions = (0..<failed).map { "\(name(1 + 8 * $0)): {failed_gpus: [\($0 % 8)]}" }.joined(separator: ", ")
            out += ", exceptions: {\(exceptions)}"
        }
        out += "}\n"
        if failed > 0 {
            out += "  \"s[1-\(failed)]\": {type: single, rack: r1}\n"
        }
        let all = failed > 0 ? "n[\(name(1).dropFirst())-\(name(nodes).dropFirst())],s[1-\(failed)]" : "n[\(name(1).dropFirst())-\(name(nodes).dropFirst())]"
        out += """
        jobs:
          train:
            nodes: "\(all)"
            parallelism: {tp: 8, pp: 4, dp: auto}
            model: {params: 70B, layers: 80, hidden: 8192, heads: 64, dtype: bf16}
            batch: {micro: 1, seq: 8192, global: \(max(ranks / 32, 1) * 16)}
            training: {zero: 1}

        """
        return out
    }
}
