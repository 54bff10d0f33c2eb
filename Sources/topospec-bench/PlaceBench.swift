import ArgumentParser
import Foundation
import TopoEmit
import TopoLint
import TopoModel
import TopoSolver
import TopoTopology

/// `topospec-bench place --ranks N [--shape failed|mixed|partial]`: builds a synthetic cluster
/// and job, places it, and prints one JSON line: the solver's cost (link-seconds, the search's
/// surrogate) and the communication time on the collective model next to the default order's and
/// the best dimension order's, the solver's lower bound and the structural one
/// (`StructuralLowerBound`), seconds, one model evaluation's seconds and the group shapes it
/// priced, and peak memory.
struct PlaceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "place", abstract: "Place a synthetic job of N ranks; print costs, lower bound, seconds, peak RSS."
    )

    @Option(help: "Ranks (GPUs), a multiple of 64.")
    var ranks = 1024

    @Flag(help: "Shorthand for --shape failed.")
    var irregular = false

    @Option(
        help:
            "Cluster shape: regular; failed (a failed GPU on every 8th node, made up by 1-GPU nodes); mixed (every 8th 8-GPU node replaced by two 4-GPU PCIe nodes of another SKU); partial (per 16 nodes, two with 6 and one with 4 GPUs free, made up by a full node)."
    )
    var shape: PlaceBenchSpec.Shape = .regular

    @Option(help: "Most seconds for the search.")
    var seconds: Double = 60

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Also write the generated spec to this file.")
    var write: String?

    @Option(
        help:
            "Write the instance for Scotch into this folder: graph.grf (communication graph, MB); super.tgt (Scotch's `sub` of a `tleaf` superset of the machine); target.grf and leaves.txt (a target graph with topospec's distances and its GPU vertices, for `amk_grf -lleaves.txt`); slots.txt (slot node gpu: terminal k is slot k in every target); target.tgt (a plain `tleaf`, regular machines only)."
    )
    var exportScotch: String?

    @Option(help: "Evaluate this placement (lines `process slot`) with topospec's cost model instead of solving.")
    var evaluate: String?

    func validate() throws {
        guard ranks >= 64, ranks % 64 == 0 else { throw ValidationError("--ranks must be a positive multiple of 64") }
    }

    func run() throws {
        let text = PlaceBenchSpec.make(ranks: ranks, shape: effectiveShape)
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
        // One evaluation of the full collective model on the answer (what each candidate costs).
        let evaluated = PlacementMetrics(
            traffic: plan.traffic, distance: plan.distance, mapping: plan.mapping,
            context: SpecAnalysis(spec: spec))
        let evaluateSeconds = clock.lap()
        let fields: [(String, String)] = [
            ("bench", "\"place\""),
            ("ranks", String(ranks)),
            ("shape", "\"\(effectiveShape.rawValue)\""),
            ("nodes", String(Set(plan.distance.slots.map(\.node)).count)),
            ("cost", String(format: "%.6g", plan.metrics.objective)),
            ("default_cost", String(format: "%.6g", plan.defaultMetrics.objective)),
            ("best_order_cost", String(format: "%.6g", plan.bestOrderMetrics.objective)),
            ("lower_bound", String(format: "%.6g", plan.lowerBound)),
            (
                "structural_lower_bound",
                StructuralLowerBound.compute(traffic: plan.traffic, distance: plan.distance, graph: plan.traffic.graph)
                    .map { String(format: "%.6g", $0) } ?? "null"
            ),
            ("comm_seconds", String(format: "%.6g", plan.metrics.secondsPerIteration)),
            ("default_comm_seconds", String(format: "%.6g", plan.defaultMetrics.secondsPerIteration)),
            ("tp_groups_in_one_node", String(plan.metrics.groups[.tp]?.inOneNode ?? 0)),
            ("model_evaluation_seconds", String(format: "%.3f", evaluateSeconds)),
            ("shapes_priced", String(evaluated.shapesPriced)),
            ("method", "\"\(plan.method)\""),
            ("seconds", String(format: "%.3f", elapsed)),
            ("peak_rss_mb", String(format: "%.1f", PeakMemory.megabytes())),
        ]
        JSONLine.print(fields)
    }
}

extension PlaceBench {
    var effectiveShape: PlaceBenchSpec.Shape { irregular ? .failed : shape }

    /// Exports the instance for Scotch, or evaluates a placement given as `process slot` lines.
    func scotchInterface(spec: ClusterSpec) throws {
        let context = SpecAnalysis(spec: spec)
        guard let index = spec.jobs.firstIndex(where: { $0.name == "train" }), let layout = context.layouts[index],
            case let .success(volumes) = TrafficModel.volumes(job: spec.jobs[index], layout: layout)
        else {
            throw ValidationError("the generated job has no layout")
        }
        let traffic = TrafficModel(layout: layout, volumes: volumes)
        let graph = traffic.graph
        let distance = ClusterDistance(context: context, layout: layout)
        if let folder = exportScotch {
            try ScotchExport.write(graph: graph, distance: distance, spec: spec, to: folder)
        }
        if let file = evaluate {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read \(file)")
            }
            var permutation = [Int](repeating: -1, count: graph.count)
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ").compactMap { Int($0) }
                guard parts.count == 2, parts[0] >= 0, parts[0] < graph.count else { continue }
                permutation[parts[0]] = parts[1]
            }
            guard let mapping = Mapping(permutation) else {
                throw ValidationError("\(file) is not a permutation of the slots")
            }
            let plan = PlacementPlanner(search: false).plan(
                context: context, job: spec.jobs[index], layout: layout, traffic: traffic)
            let metrics = PlacementMetrics(traffic: traffic, distance: distance, mapping: mapping, context: context)
            let fields: [(String, String)] = [
                ("bench", "\"evaluate\""), ("ranks", String(ranks)), ("shape", "\"\(effectiveShape.rawValue)\""),
                ("cost", String(format: "%.6g", mapping.cost(graph, distance))),
                ("comm_seconds", String(format: "%.6g", metrics.secondsPerIteration)),
                ("tp_groups_in_one_node", String(metrics.groups[.tp]?.inOneNode ?? 0)),
                ("default_cost", String(format: "%.6g", plan.defaultMetrics.objective)),
                ("default_comm_seconds", String(format: "%.6g", plan.defaultMetrics.secondsPerIteration)),
                ("best_order_cost", String(format: "%.6g", plan.bestOrderMetrics.objective)),
            ]
            JSONLine.print(fields)
        }
    }
}

/// Writes a placement instance in Scotch's formats. The communication graph `graph.grf` (edge
/// weights in MB, at least 1), and three targets whose terminal k is topospec's slot k:
/// - `super.tgt`: Scotch's `sub` architecture, the GPUs that exist out of a `tleaf` superset
///   (racks × most nodes in a rack × most GPUs in a node), costs adding up from the level where
///   two GPUs diverge (w3 in-node, w2 + w3 same rack, w1 + w2 + w3 across racks), in units of
///   the in-node distance;
/// - `target.grf` with `leaves.txt`: a graph for `amk_grf -lleaves.txt` carrying topospec's
///   distances: each node's GPUs a clique (edge = their in-node distance), each GPU joined to
///   its rack's hub (half the same-rack network distance) and each hub to one spine hub (half
///   the extra distance across racks), in quarters of the shortest in-node distance; the GPUs
///   are vertices 0 … S − 1 in slot order and the only terminals;
/// - `target.tgt`: a plain `tleaf`, for machines it describes (every node the same GPUs, every
///   rack the same nodes).
/// `slots.txt` lists `slot node gpu` for every terminal.
enum ScotchExport {
    static func write(graph: CommunicationGraph, distance: ClusterDistance, spec: ClusterSpec, to folder: String) throws
    {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var grf = "0\n\(graph.count) \((0..<graph.count).reduce(0) { $0 + graph.degree($1) })\n0 010\n"
        for p in 0..<graph.count {
            let edges = graph.edges(of: p).map { "\(max(1, Int(($0.1 / 1e6).rounded()))) \($0.0)" }
            grf += "\(graph.degree(p)) " + edges.joined(separator: " ") + "\n"
        }
        try grf.write(toFile: folder + "/graph.grf", atomically: true, encoding: .utf8)
        let slots = distance.slots
        let count = slots.count
        // Racks, nodes per rack and GPUs per node, in order of first appearance.
        var rackIndex: [Int: Int] = [:]
        var nodeInRack: [Int: Int] = [:]
        var nodesOfRack: [Int] = []
        for slot in slots where nodeInRack[slot.node] == nil {
            let rack = spec.nodes[slot.node].rackIndex ?? -1
            let r =
                rackIndex[rack]
                ?? {
                    rackIndex[rack] = nodesOfRack.count; nodesOfRack.append(0); return nodesOfRack.count - 1
                }()
            nodeInRack[slot.node] = nodesOfRack[r]
            nodesOfRack[r] += 1
        }
        let gpusPerNode = slots.map { spec.nodeTypes[spec.nodes[$0.node].typeID].gpus.count }.max() ?? 1
        let nodesPerRack = nodesOfRack.max() ?? 1
        // Representative distances: in-node (shortest), same rack, across racks.
        var inNode = Double.infinity, sameRack = 0.0, acrossRacks = 0.0
        for a in 0..<count {
            for b in (a + 1)..<min(count, a + 2 * gpusPerNode + 1) where slots[a].node == slots[b].node {
                inNode = min(inNode, distance.distance(a, b))
            }
        }
        for a in 0..<count where sameRack == 0 || acrossRacks == 0 {
            for b in stride(from: count - 1, to: a, by: -1) where slots[a].node != slots[b].node {
                let d = distance.distance(a, b)
                if distance.linkClass(a, b) == .networkRack {
                    sameRack = max(sameRack, d)
                } else if distance.linkClass(a, b) == .networkAcross {
                    acrossRacks = max(acrossRacks, d)
                }
                if sameRack > 0 && acrossRacks > 0 { break }
            }
        }
        if !inNode.isFinite { inNode = sameRack > 0 ? sameRack : 1 }
        if sameRack == 0 { sameRack = acrossRacks > 0 ? acrossRacks : inNode }
        if acrossRacks == 0 { acrossRacks = sameRack }
        // tleaf superset restricted to the GPUs that exist.
        let w3 = 1, w2 = max(0, Int(((sameRack - inNode) / inNode).rounded())),
            w1 = max(0, Int(((acrossRacks - sameRack) / inNode).rounded()))
        let tleaf = "tleaf 3 \(nodesOfRack.count) \(w1) \(nodesPerRack) \(w2) \(gpusPerNode) \(w3)"
        var terminals: [String] = []
        for slot in slots {
            let r = rackIndex[spec.nodes[slot.node].rackIndex ?? -1] ?? 0
            terminals.append(String((r * nodesPerRack + (nodeInRack[slot.node] ?? 0)) * gpusPerNode + slot.gpu))
        }
        try "sub\n\(count) \(terminals.joined(separator: " "))\n\(tleaf)\n".write(
            toFile: folder + "/super.tgt", atomically: true, encoding: .utf8)
        // The target graph for amk_grf: GPUs, then one hub per rack, then the spine hub.
        let unit = inNode / 4
        func weight(_ d: Double) -> Int { max(1, Int((d / unit).rounded())) }
        let racks = nodesOfRack.count
        let hubOf = { (slot: Int) in count + (rackIndex[spec.nodes[slots[slot].node].rackIndex ?? -1] ?? 0) }
        let spine = count + racks
        let vertices = count + racks + (racks > 1 ? 1 : 0)
        var adjacency = [[(Int, Int)]](repeating: [], count: vertices)
        func link(_ a: Int, _ b: Int, _ w: Int) { adjacency[a].append((w, b)); adjacency[b].append((w, a)) }
        var slotsOfNode: [Int: [Int]] = [:]
        for (i, slot) in slots.enumerated() { slotsOfNode[slot.node, default: []].append(i) }
        for members in slotsOfNode.keys.sorted().compactMap({ slotsOfNode[$0] }) {
            for (k, a) in members.enumerated() {
                for b in members[(k + 1)...] { link(a, b, weight(distance.distance(a, b))) }
            }
        }
        for s in 0..<count { link(s, hubOf(s), weight(sameRack / 2)) }
        if racks > 1 { for r in 0..<racks { link(count + r, spine, weight((acrossRacks - sameRack) / 2)) } }
        var target = "0\n\(vertices) \(adjacency.reduce(0) { $0 + $1.count })\n0 010\n"
        for edges in adjacency {
            target += "\(edges.count) " + edges.map { "\($0.0) \($0.1)" }.joined(separator: " ") + "\n"
        }
        try target.write(toFile: folder + "/target.grf", atomically: true, encoding: .utf8)
        try ("\(count)\n" + (0..<count).map(String.init).joined(separator: " ") + "\n").write(
            toFile: folder + "/leaves.txt", atomically: true, encoding: .utf8)
        try slots.enumerated().map { "\($0.offset) \(spec.nodes[$0.element.node].name) \($0.element.gpu)\n" }.joined()
            .write(toFile: folder + "/slots.txt", atomically: true, encoding: .utf8)
        let regular =
            Set(slotsOfNode.values.map(\.count)).count == 1 && Set(nodesOfRack).count == 1
            && rackIndex.keys.allSatisfy { $0 >= 0 }
            && slots.allSatisfy { spec.nodeTypes[spec.nodes[$0.node].typeID].gpus.count == gpusPerNode }
        if regular { try (tleaf + "\n").write(toFile: folder + "/target.tgt", atomically: true, encoding: .utf8) }
        JSONLine.print([
            ("bench", "\"export\""), ("tleaf", String(regular)), ("racks", "\(racks)"),
            ("nodes_per_rack", "\(nodesPerRack)"),
            ("gpus_per_node", "\(gpusPerNode)"), ("costs", "[\(w1), \(w2), \(w3)]"), ("target_vertices", "\(vertices)"),
        ])
    }
}

/// The cluster and job `topospec-bench place` generates.
enum PlaceBenchSpec {
    /// How the cluster departs from a regular one.
    enum Shape: String, ExpressibleByArgument, CaseIterable, Sendable {
        case regular, failed, mixed, partial
    }

    /// HGX H100 nodes (4 a rack) on a 2:1 oversubscribed rail-optimized fabric, and a job with
    /// TP 8, PP 4 and DP filling the rest, shaped like Llama-3-70B. `failed`: every 8th node has
    /// a failed GPU and as many single-GPU nodes of another type make up the count. `mixed`:
    /// every 8th 8-GPU node is replaced by two 4-GPU nodes of PCIe H100s (no NVLink), two a rack.
    /// `partial`: of every 16 nodes, two have 6 GPUs free and one 4 (the rest held by other
    /// jobs, written as `failed_gpus` since a spec has no per-node allocation), made up by one
    /// more full node in the first rack.
    static func make(ranks: Int, shape: Shape) -> String {
        let base = ranks / 8
        let failed = shape == .failed ? base / 8 : 0
        let quadPairs = shape == .mixed ? base / 8 : 0
        let partialGroups = shape == .partial ? base / 16 : 0
        let nodes = base - quadPairs
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
              quad:
                gpus: {sku: h100-pcie-80gb, count: 4}
                sockets: 1
                pcie:
                  - {switch: pex0, socket: 0, gpus: [0, 1, 2, 3], nics: [cx0, cx1, cx2, cx3]}
                nics: {"cx[0-3]": {sku: connectx-7, network: ib}}
            nodes:

            """
        let width = String(nodes + failed).count
        func name(_ i: Int) -> String {
            let s = String(i)
            return "n" + String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let racks = max(1, nodes / 4)
        out += "  \"n[\(name(1).dropFirst())-\(name(nodes).dropFirst())]\": {type: hgx, rack: \"r[1-\(racks)]\""
        var exceptions: [String] = []
        if failed > 0 { exceptions = (0..<failed).map { "\(name(1 + 8 * $0)): {failed_gpus: [\($0 % 8)]}" } }
        for g in 0..<partialGroups {
            exceptions += [
                "\(name(2 + 16 * g)): {failed_gpus: [6, 7]}", "\(name(7 + 16 * g)): {failed_gpus: [0, 1, 2, 3]}",
                "\(name(12 + 16 * g)): {failed_gpus: [2, 3]}",
            ]
        }
        if !exceptions.isEmpty { out += ", exceptions: {\(exceptions.joined(separator: ", "))}" }
        out += "}\n"
        var all = "n[\(name(1).dropFirst())-\(name(nodes).dropFirst())]"
        if failed > 0 {
            out += "  \"s[1-\(failed)]\": {type: single, rack: r1}\n"
            all += ",s[1-\(failed)]"
        }
        if partialGroups > 0 {
            out += "  \"x[1-\(partialGroups)]\": {type: hgx, rack: r1}\n"
            all += ",x[1-\(partialGroups)]"
        }
        if quadPairs > 0 {
            out +=
                "  \"q[1-\(2 * quadPairs)]\": {type: quad, rack: \"\(min(racks, quadPairs) == 1 ? "r1" : "r[1-\(min(racks, quadPairs))]")\"}\n"
            all += ",q[1-\(2 * quadPairs)]"
        }
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
