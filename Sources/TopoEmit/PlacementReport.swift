import FoundationEssentials
import TopoDiagnostics
import TopoModel
import TopoSolver
import TopoTopology

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `topospec place`: plans a job's placement and renders it as text or JSON.
public enum PlacementReport {
    /// Plans the placement of `jobName` in `spec`.
    ///
    /// - Parameters:
    ///   - spec: The cluster; it is analysed for this one job.
    ///   - jobName: The job's name.
    ///   - seed: The solver's seed; the same seed gives the same plan.
    ///   - seconds: The time budget of the whole plan.
    ///   - progress: Called with the fraction of the search's time used; nil for no reports.
    /// - Returns: The plan, or an `EmitFailure` naming the missing job (with a suggestion and the jobs there
    ///   are), parallel sizes that do not fit, or the model and batch fields the traffic needs.
    public static func plan(
        spec: ClusterSpec, jobName: String, seed: UInt64, seconds: Double,
        progress: ((Double) -> Void)? = nil
    ) -> Result<PlacementPlanner.Plan, EmitFailure> {
        guard let index = spec.jobs.firstIndex(where: { $0.name == jobName }) else {
            let names = spec.jobs.map(\.name)
            return .failure(
                EmitFailure(
                    description: names.isEmpty
                        ? "the spec declares no jobs"
                        : "no job `\(jobName)`\(Suggestion.hint(for: jobName, in: names)); jobs: \(names.joined(separator: ", "))"
                ))
        }
        return plan(
            context: SpecAnalysis(spec: spec), jobIndex: index, seed: seed, seconds: seconds, progress: progress)
    }

    /// Plans the placement of job `jobIndex` on an analysis already built (a report places
    /// many jobs on one); `seconds` bounds the whole plan (`PlacementPlanner.seconds`).
    ///
    /// - Parameters:
    ///   - context: The analysed spec.
    ///   - index: An index into `context.spec.jobs`.
    ///   - seed: The solver's seed; the same seed gives the same plan.
    ///   - seconds: The time budget of the whole plan.
    ///   - search: Whether the solver runs after the dimension orders (false: orders only).
    ///   - progress: Called with the fraction of the search's time used; nil for no reports.
    /// - Returns: The plan, or an `EmitFailure` when the job has no layout (TS113/TS120) or its traffic cannot
    ///   be estimated.
    public static func plan(
        context: SpecAnalysis, jobIndex index: Int, seed: UInt64, seconds: Double, search: Bool = true,
        progress: ((Double) -> Void)? = nil
    ) -> Result<PlacementPlanner.Plan, EmitFailure> {
        let job = context.spec.jobs[index]
        guard let layout = context.layouts[index] else {
            return .failure(
                EmitFailure(
                    description:
                        "job `\(job.name)`: its parallel sizes do not fit its GPUs (see `topospec lint`, TS113/TS120)"))
        }
        switch TrafficModel.volumes(job: job, layout: layout) {
        case let .failure(missing): return .failure(EmitFailure(description: missing.description))
        case let .success(volumes):
            let traffic = TrafficModel(layout: layout, volumes: volumes)
            return .success(
                PlacementPlanner(seed: seed, seconds: seconds, search: search).plan(
                    context: context, job: job, layout: layout,
                    traffic: traffic, progress: progress))
        }
    }

    /// The change from `before` to `after`, as the report prints it.
    ///
    /// - Parameters:
    ///   - before: The baseline, such as the default order's seconds.
    ///   - after: The new figure.
    /// - Returns: `+12.5 %`, `−3.0 %` or `0 %` (one decimal, a true minus sign), or an empty string when
    ///   `before` is not positive.
    public static func percent(_ before: Double, _ after: Double) -> String {
        guard before > 0 else { return "" }
        let change = (after - before) / before * 100
        return change == 0 ? "0 %" : (change < 0 ? "−" : "+") + Format.oneDecimal(abs(change)) + " %"
    }

    /// Text: summary, per-dimension groups, bytes per link class, time, then the rank table.
    ///
    /// - Parameters:
    ///   - plan: The planner's outcome.
    ///   - spec: The cluster, for node names and the scale-up link name.
    ///   - jobName: The job's name, for the heading.
    ///   - table: Whether to print the rank → node, GPU table (else one line saying how to get it).
    /// - Returns: The report, ending in a newline.
    public static func text(_ plan: PlacementPlanner.Plan, spec: ClusterSpec, jobName: String, table: Bool) -> String {
        let layout = plan.traffic.layout
        let dims = JobLayout.Dimension.allCases.filter { layout.groupSize($0) > 1 }
        var out =
            "job `\(jobName)`: \(layout.size) ranks on \(Set(layout.slots.map(\.node)).count) nodes ("
            + (dims.isEmpty ? "1 rank" : dims.map { "\($0.rawValue) \(layout.groupSize($0))" }.joined(separator: " × "))
            + ")\n"
        out +=
            "traffic per rank per iteration: "
            + dims.map { d in
                "\(d.name) \(Format.bytes(plan.traffic.volumes[d]))" + (d == .pp ? " per stage pair" : "")
            }.joined(separator: ", ") + "\n"
        out += "method: \(plan.method)\n\n"
        let rows: [(String, PlacementMetrics)] = [
            ("default (tp-cp-ep-dp-pp)", plan.defaultMetrics),
            ("best order (\(plan.bestOrder.name))", plan.bestOrderMetrics),
            ("topospec", plan.metrics),
        ]
        let width = max(24, rows.map(\.0.count).max() ?? 0)
        func line(_ label: String, _ cells: [String]) -> String {
            Format.padded(label, 34) + cells.map { Format.padded($0, width + 2) }.joined() + "\n"
        }
        out += line("", rows.map(\.0))
        out += line(
            "communication per iteration",
            rows.enumerated().map { i, row in
                Format.seconds(row.1.secondsPerIteration)
                    + (i == 0
                        ? "" : " (" + percent(plan.defaultMetrics.secondsPerIteration, row.1.secondsPerIteration) + ")")
            })
        for d in dims {
            out += line("  \(d.name)", rows.map { Format.seconds($0.1.secondsByDimension[d] ?? 0) })
        }
        for linkClass in ClusterDistance.LinkClass.allCases {
            let values = rows.map { $0.1.bytesByClass[linkClass] ?? 0 }
            guard values.contains(where: { $0 > 0 }) else { continue }
            out += line("bytes over \(ScaleUpLinkName.label(linkClass, spec: spec))", values.map { Format.bytes($0) })
        }
        for d in dims {
            guard plan.metrics.groups[d] != nil else { continue }
            out += line(
                "\(d.name) groups on \(ScaleUpLinkName.name(for: spec)) only",
                rows.map { m in m.1.groups[d].map { "\($0.onNVLink) of \($0.total)" } ?? "-" })
            out += line(
                "\(d.name) groups across racks",
                rows.map { m in m.1.groups[d].map { "\($0.acrossRacks) of \($0.total)" } ?? "-" })
        }
        let gap = plan.lowerBound > 0 ? (plan.metrics.objective - plan.lowerBound) / plan.lowerBound * 100 : 0
        out +=
            "\nobjective: communication per iteration \(Format.seconds(plan.metrics.secondsPerIteration)) (default \(Format.seconds(plan.defaultMetrics.secondsPerIteration))), "
            + "then link-seconds (bytes × seconds per byte, summed: slow links dominate) \(plan.metrics.objective.formatted3) (default \(plan.defaultMetrics.objective.formatted3)); "
            + "lower bound \(plan.lowerBound.formatted3) (gap \(Format.oneDecimal(gap)) %)\n"
        out +=
            "  (times: each group's collectives on the collective model as NCCL runs them at their sizes, the slowest group per dimension, dimensions added;\n"
        out +=
            "   link-seconds, the search's surrogate: the sum over every transfer of its bytes ÷ its path's line rate, as if the transfers ran one after another)\n"
        if plan.distance.usedFallback {
            out +=
                "note: some nodes have no compute NIC; their network traffic was costed at \(ClusterDistance.fallbackNetworkGBs) GB/s per direction\n"
        }
        if table {
            out += "\nrank\tnode\tgpu\n"
            for rank in 0..<layout.size {
                let slot = plan.distance.slots[plan.mapping.slot[rank]]
                out += "\(rank)\t\(spec.nodes[slot.node].name)\t\(slot.gpu)\n"
            }
        } else {
            out += "\n(\(layout.size) ranks: pass --table to print rank → node, GPU)\n"
        }
        out +=
            "ranks keep Megatron's default numbering (tp-cp-ep-dp-pp); --emit's launch files put each rank on its GPU: use them with that order, or reorder the dimensions in the framework without them, not both\n"
        return out
    }

    struct JSONMetrics: Encodable {
        var seconds_per_iteration: Double
        var seconds_by_dimension: [String: Double]
        var bytes_by_link_class: [String: Double]
        var objective: Double
        var groups: [String: [String: Int]]
    }

    struct JSONRank: Encodable {
        var rank: Int
        var node: String
        var gpu: Int
    }

    struct JSONPlan: Encodable {
        /// The shape's version: grammar/outputs/place.schema.json, and grammar/outputs/README.md says when it changes.
        var schema_version = 1
        var job: String
        var ranks: Int
        var parallelism: [String: Int]
        var traffic_bytes_per_rank: [String: Double]
        var method: String
        var lower_bound: Double
        var best_order: String
        var `default`: JSONMetrics
        var best_order_metrics: JSONMetrics
        var placement: JSONMetrics
        var assignment: [JSONRank]
    }

    static func json(_ m: PlacementMetrics) -> JSONMetrics {
        JSONMetrics(
            seconds_per_iteration: m.secondsPerIteration,
            seconds_by_dimension: Dictionary(
                uniqueKeysWithValues: m.secondsByDimension.map { ($0.key.rawValue, $0.value) }),
            bytes_by_link_class: Dictionary(uniqueKeysWithValues: m.bytesByClass.map { ($0.key.rawValue, $0.value) }),
            objective: m.objective,
            groups: Dictionary(
                uniqueKeysWithValues: m.groups.map {
                    (
                        $0.key.rawValue,
                        [
                            "total": $0.value.total, "on_nvlink": $0.value.onNVLink, "in_one_node": $0.value.inOneNode,
                            "across_racks": $0.value.acrossRacks,
                        ]
                    )
                }))
    }

    /// JSON: the same figures, plus every rank's node and GPU. Keys sorted; no timings, so the
    /// output is byte-identical for the same spec, job and seed.
    ///
    /// - Parameters:
    ///   - plan: The planner's outcome.
    ///   - spec: The cluster, for node names.
    ///   - jobName: The job's name.
    /// - Returns: The JSON document, ending in a newline.
    public static func json(_ plan: PlacementPlanner.Plan, spec: ClusterSpec, jobName: String) -> String {
        let layout = plan.traffic.layout
        let dims = JobLayout.Dimension.allCases
        let document = JSONPlan(
            job: jobName, ranks: layout.size,
            parallelism: Dictionary(uniqueKeysWithValues: dims.map { ($0.rawValue, layout.groupSize($0)) }),
            traffic_bytes_per_rank: Dictionary(
                uniqueKeysWithValues: dims.map { ($0.rawValue, plan.traffic.volumes[$0]) }),
            method: plan.method, lower_bound: plan.lowerBound,
            best_order: plan.bestOrder.name, default: json(plan.defaultMetrics),
            best_order_metrics: json(plan.bestOrderMetrics),
            placement: json(plan.metrics),
            assignment: (0..<layout.size).map { rank in
                let slot = plan.distance.slots[plan.mapping.slot[rank]]
                return JSONRank(rank: rank, node: spec.nodes[slot.node].name, gpu: slot.gpu)
            })
        return JSONText.encode(document)
    }
}

private extension Double {
    var formatted3: String {
        if self == 0 { return "0" }
        let magnitude = Int(log10(abs(self)).rounded(.down))
        let scale = pow(10.0, Double(2 - magnitude))
        return String((self * scale).rounded() / scale)
    }
}
