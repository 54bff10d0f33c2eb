import TopoDiagnostics
import TopoModel
import TopoTopology

/// `topospec report`: one document for a design review — what the cluster is, every finding by
/// severity, each node type's matrix and drawing, the cluster drawing, and for each job what
/// topospec's placement saves over the default rank order. Holds no clock time or path, so the
/// same spec (and seed) gives the same report.
public enum SpecReport {
    /// The shortest placement search the report gives a job (`Options.seconds` is shared out in
    /// slices of at least this).
    public static let minimumSearchSeconds = 0.05

    /// Most findings listed per severity; the rest are counted (`topospec lint` lists them all).
    public static let findingsPerSeverity = 200

    public struct Options: Sendable {
        /// Only this job (all jobs when nil).
        public var job: String?
        public var seed: UInt64 = 1
        /// Seconds the placements of all jobs may take in all, evaluation and search: each job
        /// placed gets an equal share (`PlacementPlanner.seconds`).
        public var seconds: Double = 5
        /// Units of placement evaluation all jobs may spend (`PlacementPlanner.evaluationCost`),
        /// counted, so which jobs are placed does not depend on the machine: 2²⁶, four times
        /// lint's budget. Jobs are admitted cheapest first (then by name), each whole or not at all.
        public var budget = 1 << 26
        /// The spec's file name, for the header.
        public var source: String
        /// Told what the report is doing (drawing, placing job *j* of *n* and how far), for a
        /// status line on a terminal; nothing of it goes into the document.
        public var progress: (@Sendable (String) -> Void)?

        /// Options for `build(spec:diagnostics:options:)`; `budget` and `progress` keep their defaults.
        ///
        /// - Parameters:
        ///   - job: The only job to place, or nil for all.
        ///   - seed: The placement solver's seed.
        ///   - seconds: The time all placements may take in all.
        ///   - source: The spec's file name, for the header.
        public init(job: String? = nil, seed: UInt64 = 1, seconds: Double = 5, source: String) {
            self.job = job
            self.seed = seed
            self.seconds = seconds
            self.source = source
        }
    }

    /// Builds the report of `spec`.
    ///
    /// - Parameters:
    ///   - spec: The decoded cluster.
    ///   - diagnostics: Lint's findings on it, listed by severity (at most `findingsPerSeverity` each).
    ///   - options: The job filter, the placement seed, time and work budget, the header's file name and
    ///     a progress callback.
    /// - Returns: The document: summary, findings, the cluster drawing, each node type's matrix and
    ///   drawing, and each job's placement.
    /// - Complexity: Dominated by placement, bounded by `options.seconds` and `options.budget`.
    public static func build(spec: ClusterSpec, diagnostics: [Diagnostic], options: Options) -> ReportDocument {
        var doc = ReportDocument(title: "Cluster \(spec.name)")
        doc.blocks.append(
            .paragraph(
                "Written by topospec from `\(options.source.replacing("`", with: "'"))`."
                    + (spec.description.map { " " + $0 } ?? "")))
        summary(spec, diagnostics, into: &doc)
        findings(diagnostics, into: &doc)
        options.progress?("report: drawing the cluster …")
        doc.blocks.append(.heading(level: 2, text: "Cluster"))
        doc.blocks.append(diagram(TopologyGraph.cluster(spec: spec)))
        nodeTypes(spec, into: &doc)
        jobs(spec, options: options, into: &doc)
        return doc
    }

    static func diagram(_ graph: TopologyGraph) -> ReportDocument.Block {
        .diagram(mermaid: MermaidRenderer.render(graph), dot: DOTRenderer.render(graph))
    }

    static func summary(_ spec: ClusterSpec, _ diagnostics: [Diagnostic], into doc: inout ReportDocument) {
        doc.blocks.append(.heading(level: 2, text: "Summary"))
        var gpusBySKU: [String: Int] = [:]
        var healthy = 0
        for node in spec.nodes {
            let type = spec.nodeTypes[node.typeID]
            for slot in type.gpus { gpusBySKU[slot.model.name, default: 0] += 1 }
            healthy += spec.healthyGPUs(of: node).count
        }
        let gpuText = gpusBySKU.keys.sorted().map { "\(gpusBySKU[$0] ?? 0) × \($0)" }.joined(separator: ", ")
        var rows: [[String]] =
            [
                ["Nodes", "\(spec.nodes.count)"],
                [
                    "GPUs",
                    (gpuText.isEmpty ? "0" : gpuText)
                        + (healthy < spec.totalGPUs
                            ? " (\(spec.totalGPUs - healthy) unavailable: failed or on drained nodes)" : ""),
                ],
                ["Node types", spec.nodeTypes.map { "`\($0.name)`" }.joined(separator: ", ")],
                ["Racks", "\(spec.racks.count)"],
                [
                    "NVLink domains",
                    spec.nvlinkDomains.isEmpty
                        ? "none"
                        : spec.nvlinkDomains.map { "`\($0.name)` (\($0.nodes.count) nodes)" }.joined(separator: ", "),
                ],
                [
                    "Networks",
                    spec.networks.isEmpty
                        ? "none"
                        : spec.networks.map { "`\($0.name)` (\($0.fabric.displayName), \($0.role.rawValue))" }.joined(
                            separator: ", "),
                ],
            ] + networkRows(spec) + [
                ["Jobs", spec.jobs.isEmpty ? "none" : spec.jobs.map { "`\($0.name)`" }.joined(separator: ", ")]
            ]
        let counts = [Severity.error, .warning, .info].map { s in diagnostics.filter { $0.severity == s }.count }
        rows.append(["Findings", "\(counts[0]) errors, \(counts[1]) warnings, \(counts[2]) notes"])
        doc.blocks.append(.table(header: ["", ""], rows: rows, numeric: [false, false]))
    }

    /// Per network: its shape, oversubscription per tier, and aggregate injection bandwidth (every
    /// NIC port on it, at its speed).
    static func networkRows(_ spec: ClusterSpec) -> [[String]] {
        var ports: [String: (count: Int, gbps: Double)] = [:]
        var perType: [[String: (Int, Double)]] = spec.nodeTypes.map { _ in [:] }
        for (t, type) in spec.nodeTypesWithIDs {
            for nic in type.nics {
                guard let n = nic.network else { continue }
                let current = perType[t][n] ?? (0, 0)
                perType[t][n] = (current.0 + 1, current.1 + nic.gbps)
            }
        }
        for node in spec.nodes {
            for (n, v) in perType[node.typeID] {
                let current = ports[n] ?? (0, 0)
                ports[n] = (current.count + v.0, current.gbps + v.1)
            }
        }
        return spec.networks.map { network in
            var text = network.topology.rawValue + (network.rails > 1 ? ", \(network.rails) rails" : "")
            for (i, tier) in network.tiers.enumerated() {
                let name =
                    TopologyGraph.tierText(tier, index: i, count: network.tiers.count).split(separator: ":").first.map(
                        String.init) ?? "tier"
                if let ratio = tier.oversubscription {
                    text +=
                        "; \(name) " + (ratio == 1 ? "non-blocking" : Format.oneDecimal(ratio) + ":1 oversubscribed")
                }
                // Ports this tier must take from below (NIC ports at the leaf, uplinks above), as TS121 checks.
                let below = i == 0 ? ports[network.name]?.count : network.upPorts(ofTier: i - 1)
                if let below, let have = network.downPorts(ofTier: i), below > have {
                    text +=
                        "; \(name) has \(have) down ports for \(below) \(i == 0 ? "NIC ports" : "uplinks") (TS121: cannot be cabled)"
                }
            }
            if let p = ports[network.name] {
                text += "; \(p.count) ports, \(Format.oneDecimal(p.gbps / 1000)) Tb/s injection"
            }
            return ["Network `\(network.name)`", text]
        }
    }

    static func findings(_ diagnostics: [Diagnostic], into doc: inout ReportDocument) {
        doc.blocks.append(.heading(level: 2, text: "Findings"))
        guard !diagnostics.isEmpty else {
            doc.blocks.append(.paragraph("No findings: every rule passes."))
            return
        }
        for (severity, title) in [(Severity.error, "Errors"), (.warning, "Warnings"), (.info, "Notes")] {
            let list = diagnostics.filter { $0.severity == severity }
            guard !list.isEmpty else { continue }
            doc.blocks.append(.heading(level: 3, text: "\(title) (\(list.count))"))
            let rows = list.prefix(findingsPerSeverity).map { d in
                [
                    d.code, d.location.map { "\($0.line):\($0.column)" } ?? "",
                    d.message + (d.help.map { " — " + $0 } ?? ""),
                ]
            }
            doc.blocks.append(
                .table(header: ["Code", "Line", "Finding"], rows: Array(rows), numeric: [false, true, false]))
            if list.count > findingsPerSeverity {
                doc.blocks.append(
                    .paragraph("… and \(list.count - findingsPerSeverity) more; `topospec lint` lists them all."))
            }
        }
    }

    static func nodeTypes(_ spec: ClusterSpec, into doc: inout ReportDocument) {
        doc.blocks.append(.heading(level: 2, text: "Node types"))
        var nodesOfType = [Int](repeating: 0, count: spec.nodeTypes.count)
        for node in spec.nodes { nodesOfType[node.typeID] += 1 }
        for (t, type) in spec.nodeTypesWithIDs {
            let count = nodesOfType[t]
            doc.blocks.append(.heading(level: 3, text: "`\(type.name)` (\(count) nodes)"))
            var facts: [String] = []
            if let description = type.description { facts.append(description) }
            let skus = type.skus.map { spec.catalog.gpus[$0]?.name ?? $0 }
            facts.append("\(type.gpus.count) GPUs: " + skus.joined(separator: ", "))
            facts.append(
                (type.socketCountUnknown
                    ? "sockets unknown (\(max(1, type.sockets)) NUMA node\(type.sockets == 1 ? "" : "s"))"
                    : "\(max(1, type.sockets)) socket\(type.sockets == 1 ? "" : "s")")
                    + ", \(type.pcie.entries.filter { $0.kind == .pcieSwitch }.count) PCIe switches"
            )
            if let wiring = type.scaleUp {
                let shape =
                    wiring.external != nil
                    ? "multi-node domain"
                    : wiring.nvswitch != nil
                        ? "NVSwitch"
                        : !wiring.bridges.isEmpty ? "bridges" : wiring.mesh != nil ? "mesh" : "point-to-point links"
                let perGPU =
                    type.gpus.first.flatMap(\.model.scaleUp).map {
                        ", \(TopologyGraph.bandwidth($0.totalGBs / 2)) per GPU per direction"
                    } ?? ""
                facts.append("\(wiring.kind.displayName): \(shape)\(perGPU)")
            } else {
                facts.append("no NVLink or Infinity Fabric")
            }
            let nics = type.nics.map {
                "`\($0.name)` \(TopologyGraph.gbps($0.gbps))" + ($0.network.map { " → `\($0)`" } ?? "")
            }
            facts.append(nics.isEmpty ? "no NICs" : "NICs: " + nics.joined(separator: ", "))
            doc.blocks.append(.bullets(facts))
            doc.blocks.append(.preformatted(TopologyMatrix.render(spec: spec, typeID: t)))
            doc.blocks.append(diagram(TopologyGraph.nodeType(spec: spec, typeID: t)))
        }
    }

    static func jobs(_ spec: ClusterSpec, options: Options, into doc: inout ReportDocument) {
        let selected = spec.jobs.filter { options.job == nil || $0.name == options.job }
        guard !selected.isEmpty else { return }
        doc.blocks.append(.heading(level: 2, text: "Jobs"))
        // The report's total is bounded (2,048 jobs at 5 s each ran for hours, and each job built
        // the whole analysis again; issue 12): one analysis; placement evaluation within
        // `options.budget` units, jobs admitted cheapest first (then by name), each whole or not
        // at all; `seconds` shared equally among the jobs admitted, each plan bounded by its share.
        let context = SpecAnalysis(spec: spec)
        let budget = WorkBudget(limit: options.budget)
        var costs: [String: Int] = [:]
        for (j, job) in spec.jobs.enumerated() where options.job == nil || job.name == options.job {
            guard let layout = context.layouts[j], case .success = TrafficModel.volumes(job: job, layout: layout) else {
                continue
            }
            costs[job.name] = PlacementPlanner.ordersCost(layout) + 2 * PlacementPlanner.evaluationCost(layout)
        }
        var admitted = Set<String>()
        var searched = Set<String>()
        // A search shorter than `minimumSearchSeconds` does nothing useful (the solver's first
        // steps take longer), so only as many jobs as the seconds give that much are searched,
        // cheapest first; the others get their dimension orders compared, and say so.
        let seconds = max(0, min(options.seconds, 1e6))
        let searchSlots = Int(seconds / minimumSearchSeconds)
        for name in costs.keys.sorted(by: { (costs[$0] ?? 0, $0) < (costs[$1] ?? 0, $1) })
        where budget.spend(costs[name] ?? 0) {
            admitted.insert(name)
            if searched.count < searchSlots { searched.insert(name) }
        }
        let share = seconds / Double(max(1, searched.count))
        let selectedIndices = spec.jobs.indices.filter { options.job == nil || spec.jobs[$0].name == options.job }
        for (k, j) in selectedIndices.enumerated() {
            let job = spec.jobs[j]
            doc.blocks.append(.heading(level: 3, text: "`\(job.name)`"))
            if let cost = costs[job.name], !admitted.contains(job.name) {
                doc.blocks.append(
                    .paragraph(
                        "Not placed: comparing its placements needs \(cost) units of work, more than is left of the report's budget of \(budget.limit) units after the jobs that need less; `topospec place \(options.source.replacing("`", with: "'")) --job \(job.name)` places it under its own time bound."
                    ))
                continue
            }
            let status = options.progress.map { tell in
                let step = "report: placing job `\(job.name)` (\(k + 1) of \(selected.count))"
                tell(step + " …")
                var last = -1
                return { (fraction: Double) in
                    let percent = Int(min(1, max(0, fraction)) * 100)
                    guard percent != last else { return }
                    last = percent
                    tell("\(step): \(percent) %")
                }
            }
            let search = searched.contains(job.name)
            if !search {
                doc.blocks.append(
                    .paragraph(
                        "Dimension orders compared, no search: the report's --seconds \(Format.oneDecimal(seconds)) gives a search of at least \(Format.number(minimumSearchSeconds)) s to \(searchSlots) jobs, the cheapest first; `topospec place` searches this one."
                    ))
            }
            switch PlacementReport.plan(
                context: context, jobIndex: j, seed: options.seed, seconds: search ? share : 0, search: search,
                progress: status)
            {
            case let .failure(failure):
                doc.blocks.append(.paragraph("No placement: \(failure.description)."))
            case let .success(plan):
                let layout = plan.traffic.layout
                let dims = JobLayout.Dimension.allCases.filter { layout.groupSize($0) > 1 }
                let shape =
                    dims.isEmpty ? "1 rank" : dims.map { "\($0.name) \(layout.groupSize($0))" }.joined(separator: " × ")
                doc.blocks.append(
                    .paragraph(
                        "\(layout.size) ranks on \(Set(layout.slots.map(\.node)).count) nodes (\(shape)); best: \(plan.method)."
                    ))
                let columns: [(String, PlacementMetrics)] = [
                    ("default order", plan.defaultMetrics),
                    ("best order (\(plan.bestOrder.name))", plan.bestOrderMetrics),
                    ("topospec", plan.metrics),
                ]
                var rows: [[String]] = [
                    ["communication per iteration"]
                        + columns.enumerated().map { i, c in
                            Format.seconds(c.1.secondsPerIteration)
                                + (i == 0
                                    ? ""
                                    : " ("
                                        + PlacementReport.percent(
                                            plan.defaultMetrics.secondsPerIteration, c.1.secondsPerIteration) + ")")
                        }
                ]
                for d in dims {
                    rows.append(["\(d.name) time"] + columns.map { Format.seconds($0.1.secondsByDimension[d] ?? 0) })
                }
                for d in dims where plan.metrics.groups[d] != nil {
                    rows.append(
                        ["\(d.name) groups on \(ScaleUpLinkName.name(for: spec)) only"]
                            + columns.map { c in c.1.groups[d].map { "\($0.onNVLink) of \($0.total)" } ?? "-" })
                }
                doc.blocks.append(
                    .table(header: [""] + columns.map(\.0), rows: rows, numeric: [false, true, true, true]))
                if !plan.cutShort.isEmpty {
                    doc.blocks.append(
                        .paragraph(
                            "Within this job's share of --seconds: " + plan.cutShort.joined(separator: "; ") + "."))
                }
                doc.blocks.append(
                    .paragraph(
                        "`topospec place \(options.source.replacing("`", with: "'")) --job \(job.name) --emit all -o launch/` writes the launch files of this placement."
                    ))
            }
        }
    }
}
