import ArgumentParser
import Foundation
import TopoEmit
import TopoLint
import TopoModel
import TopoSolver
import TopoTopology

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

    @Option(help: "Write the instance for Scotch into this folder (graph.grf, target.grf, leaves.txt, slots.txt).")
    var exportScotch: String?

    @Option(help: "Evaluate this placement (lines `process slot`) with topospec's cost model instead of solving.")
    var evaluate: String?

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
        if exportScotch != nil || evaluate != nil {
            try scotchInterface(spec: spec)
            return
        }
        let clock = Stopwatch()
        let plan: PlacementPlanner.Plan
        switch PlacementReport.plan(spec: spec, jobName: "train", seed: seed, seconds: seconds) {
        case let .success(p): plan = p
        case let .failure(f): throw ValidationError(f.description)
        }
        let elapsed = clock.lap()
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
        JSONLine.print(fields)
    }
}

extension PlaceBench {
    /// Exports the instance for Scotch, or evaluates a placement given as `process slot` lines.
    func scotchInterface(spec: ClusterSpec) throws {
        let context = SpecAnalysis(spec: spec)
        guard let index = spec.jobs.firstIndex(where: { $0.name == "train" }), let layout = context.layouts[index],
              case let .success(volumes) = TrafficModel.volumes(job: spec.jobs[index], layout: layout) else {
            throw ValidationError("the generated job has no layout")
        }
        let traffic = TrafficModel(layout: layout, volumes: volumes)
        let graph = traffic.graph
        let distance = ClusterDistance(context: context, layout: layout)
        if let folder = exportScotch {
            try ScotchExport.write(graph: graph, distance: distance, spec: spec, to: folder)
        }
        if let file = evaluate {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw ValidationError("cannot read \(file)") }
            var permutation = [Int](repeating: -1, count: graph.count)
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ").compactMap { Int($0) }
                guard parts.count == 2, parts[0] >= 0, parts[0] < graph.count else { continue }
                permutation[parts[0]] = parts[1]
            }
            guard let mapping = Mapping(permutation) else { throw ValidationError("\(file) is not a permutation of the slots") }
            let plan = PlacementPlanner(search: false).plan(context: context, job: spec.jobs[index], layout: layout, traffic: traffic)
            let fields: [(String, String)] = [
                ("bench", "\"evaluate\""), ("ranks", String(ranks)), ("irregular", String(irregular)),
                ("cost", String(format: "%.6g", mapping.cost(graph, distance))),
                ("default_cost", String(format: "%.6g", plan.defaultMetrics.objective)),
                ("best_order_cost", String(format: "%.6g", plan.bestOrderMetrics.objective)),
            ]
            JSONLine.print(fields)
        }
    }
}

/// Writes a placement instance in Scotch's formats: the communication graph (`graph.grf`,
/// edge weights in MB, at least 1) and, for machines Scotch's built-in `tleaf` target can
/// describe (every node the same number of GPUs, every rack the same number of nodes), the
/// target `target.tgt`: `tleaf 3 racks w1 nodes w2 gpus w3`, with Scotch's costs adding up from
/// the level where two GPUs diverge (w3 in-node, w2 + w3 same rack, w1 + w2 + w3 across racks),
/// in units of the in-node distance. Terminals number the GPUs rack by rack, node by node, which
/// is also topospec's slot order, so a terminal number is a slot.
enum ScotchExport {
    static func write(graph: CommunicationGraph, distance: ClusterDistance, spec: ClusterSpec, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var grf = "0\n\(graph.count) \((0..<graph.count).reduce(0) { $0 + graph.degree($1) })\n0 010\n"
        for p in 0..<graph.count {
            let edges = graph.edges(of: p).map { "\(max(1, Int(($0.1 / 1e6).rounded()))) \($0.0)" }
            grf += "\(graph.degree(p)) " + edges.joined(separator: " ") + "\n"
        }
        try grf.write(toFile: folder + "/graph.grf", atomically: true, encoding: .utf8)
        let slots = distance.slots
        let perNode = Dictionary(grouping: slots, by: \.node).mapValues(\.count)
        let nodesPerRack = Dictionary(grouping: Set(slots.map(\.node)), by: { spec.nodes[$0].rackIndex ?? -1 }).mapValues(\.count)
        guard Set(perNode.values).count == 1, Set(nodesPerRack.values).count == 1, let gpus = perNode.values.first,
              let nodes = nodesPerRack.values.first, nodesPerRack.keys.allSatisfy({ $0 >= 0 }) else {
            JSONLine.print([("bench", "\"export\""), ("tleaf", "false"), ("reason", "\"irregular machine: Scotch's built-in targets cannot describe it\"")])
            return
        }
        // Representative distances of the three levels.
        let a = distance.distance(0, 1)
        let b = nodes > 1 ? distance.distance(0, gpus) : a
        let c = nodesPerRack.count > 1 ? distance.distance(0, gpus * nodes) : b
        let w3 = 1, w2 = max(0, Int(((b - a) / a).rounded())), w1 = max(0, Int(((c - b) / a).rounded()))
        try "tleaf 3 \(nodesPerRack.count) \(w1) \(nodes) \(w2) \(gpus) \(w3)\n".write(toFile: folder + "/target.tgt", atomically: true, encoding: .utf8)
        JSONLine.print([("bench", "\"export\""), ("tleaf", "true"), ("racks", "\(nodesPerRack.count)"), ("nodes_per_rack", "\(nodes)"),
                        ("gpus_per_node", "\(gpus)"), ("costs", "[\(w1), \(w2), \(w3)]")])
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
