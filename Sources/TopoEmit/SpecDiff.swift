import TopoDiagnostics
import TopoModel
import TopoTopology

/// What changed between two versions of a spec, by meaning rather than by line: hardware
/// definitions, node types (GPUs, wiring, PCIe tree, NICs, platform), nodes, racks, NVLink
/// domains, networks, jobs, lint findings, and each job's communication time per iteration.
/// Nodes with the same change are merged into one hostlist, so renaming a node type across
/// 16,000 nodes is one line.
public struct SpecDiff: Sendable {
    /// One difference.
    public struct Change: Sendable, Equatable, Encodable {
        public enum Kind: String, Sendable, Encodable {
            case added, removed, changed
        }

        /// `hardware`, `node_types`, `nodes`, `racks`, `nvlink_domains`, `networks`, `jobs`,
        /// `findings`, `communication`.
        public var section: String
        public var kind: Kind
        /// What changed: a name, a hostlist, a finding code.
        public var subject: String
        /// The aspect that changed (`gpus`, `pcie switch pex0`, …); empty for whole additions and removals.
        public var aspect: String
        public var before: String?
        public var after: String?

        public init(section: String, kind: Kind, subject: String, aspect: String, before: String?, after: String?) {
            self.section = section
            self.kind = kind
            self.subject = subject
            self.aspect = aspect
            self.before = before
            self.after = after
        }
    }

    public static let sections = [
        "hardware", "node_types", "nodes", "racks", "nvlink_domains", "networks", "jobs",
        "findings", "communication",
    ]

    public var changes: [Change] = []

    public var isEmpty: Bool { changes.isEmpty }

    /// The differences from `a` (with its findings) to `b`.
    ///
    /// - Parameters:
    ///   - a: The spec before.
    ///   - findingsA: Lint's findings on `a`, compared by code and message.
    ///   - b: The spec after.
    ///   - findingsB: Lint's findings on `b`.
    ///   - budget: The most placement work the communication section spends (`communicationBudget`).
    /// - Returns: The changes, section by section in `sections` order; nodes with the same change merged
    ///   into hostlists.
    /// - Complexity: Dominated by planning, without search, each job that both specs name, once per
    ///   spec (every order of its dimensions, as `PlacementPlanner.ordersCost(_:)` counts), within
    ///   `communicationBudget` units in all.
    public static func compare(
        _ a: ClusterSpec, _ findingsA: [Diagnostic], _ b: ClusterSpec, _ findingsB: [Diagnostic],
        budget: Int = communicationBudget
    ) -> SpecDiff {
        var diff = SpecDiff()
        diff.keyed("hardware", describeHardware(a), describeHardware(b))
        diff.keyed("node_types", describeNodeTypes(a), describeNodeTypes(b))
        diff.nodes(a, b)
        diff.keyed("racks", Self.racks(a), Self.racks(b))
        diff.keyed("nvlink_domains", describeDomains(a), describeDomains(b))
        diff.keyed("networks", describeNetworks(a), describeNetworks(b))
        diff.keyed("jobs", describeJobs(a), describeJobs(b))
        diff.findings(findingsA, findingsB)
        diff.communication(a, b, budget: budget)
        return diff
    }

    /// An ordered map of subject → (aspect → description).
    typealias Described = [(subject: String, aspects: [(String, String)])]

    /// Adds the changes between two described sets: subjects added or removed, and for subjects
    /// in both, each aspect whose description differs.
    mutating func keyed(_ section: String, _ a: Described, _ b: Described) {
        let before = Dictionary(a.map { ($0.subject, $0.aspects) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(b.map { ($0.subject, $0.aspects) }, uniquingKeysWith: { first, _ in first })
        for (subject, aspects) in a where after[subject] == nil {
            changes.append(
                Change(
                    section: section, kind: .removed, subject: subject, aspect: "", before: summary(aspects), after: nil
                ))
        }
        for (subject, aspects) in b {
            guard let old = before[subject] else {
                changes.append(
                    Change(
                        section: section, kind: .added, subject: subject, aspect: "", before: nil,
                        after: summary(aspects)))
                continue
            }
            let oldMap = Dictionary(old, uniquingKeysWith: { first, _ in first })
            let newMap = Dictionary(aspects, uniquingKeysWith: { first, _ in first })
            var order = old.map(\.0)
            for (aspect, _) in aspects where oldMap[aspect] == nil { order.append(aspect) }
            for aspect in order where oldMap[aspect] != newMap[aspect] {
                changes.append(
                    Change(
                        section: section, kind: .changed, subject: subject, aspect: aspect,
                        before: oldMap[aspect] ?? "none", after: newMap[aspect] ?? "none"))
            }
        }
    }

    func summary(_ aspects: [(String, String)]) -> String {
        aspects.prefix(3).map { "\($0.0) \($0.1)" }.joined(separator: "; ")
    }

    // MARK: - Descriptions

    static func describeHardware(_ spec: ClusterSpec) -> Described {
        var out: Described = []
        for (id, sku) in spec.catalog.gpus.sorted(by: { $0.key < $1.key }) where !sku.builtin {
            var aspects: [(String, String)] = [
                ("name", sku.name), ("memory", Format.number(sku.memoryGB) + " GB"),
                ("host", sku.host.description), ("form factor", sku.formFactor.rawValue),
            ]
            if let link = sku.scaleUp {
                aspects.append(
                    (
                        "scale-up",
                        "\(link.kind.displayName) \(link.generation), \(link.links) links × \(Format.number(link.linkGBs)) GB/s"
                    ))
            }
            out.append(("GPU " + id, aspects))
        }
        for (id, sku) in spec.catalog.nics.sorted(by: { $0.key < $1.key }) where !sku.builtin {
            out.append(
                (
                    "NIC " + id,
                    [
                        ("name", sku.name), ("max speed", Format.number(sku.maxGbps) + " Gb/s"),
                        ("host", sku.host.description),
                        ("fabrics", sku.fabrics.map(\.rawValue).joined(separator: ", ")),
                    ]
                ))
        }
        return out
    }

    static func describeNodeTypes(_ spec: ClusterSpec) -> Described {
        spec.nodeTypes.map { type in
            var aspects: [(String, String)] = []
            var runs: [(String, Int)] = []
            for slot in type.gpus {
                if let last = runs.last, last.0 == slot.sku {
                    runs[runs.count - 1].1 += 1
                } else {
                    runs.append((slot.sku, 1))
                }
            }
            aspects.append(("gpus", runs.map { "\($0.1) × \($0.0)" }.joined(separator: " + ")))
            let busIDs = type.gpus.compactMap(\.busID)
            if !busIDs.isEmpty { aspects.append(("gpu bus ids", busIDs.joined(separator: " "))) }
            aspects.append(
                ("sockets", type.socketCountUnknown ? "unknown, \(type.sockets) NUMA nodes" : "\(type.sockets)"))
            aspects.append(("scale-up", describeWiring(type)))
            for entry in type.pcie.entries {
                var text = "\(entry.kind == .pcieSwitch ? "switch" : "root port") on socket \(entry.socket)"
                if let parent = entry.parentIndex { text += " under \(type.pcie.entries[parent].name)" }
                if let gen = entry.generation { text += ", Gen\(gen)" }
                text += " x\(entry.width)"
                if !entry.gpus.isEmpty { text += ", GPUs " + entry.gpus.map(String.init).joined(separator: ",") }
                if !entry.nics.isEmpty { text += ", NICs " + entry.nics.joined(separator: ",") }
                aspects.append(("pcie \(entry.name)", text))
            }
            for nic in type.nics {
                var text = "\(nic.sku), \(Format.number(nic.gbps)) Gb/s"
                if let network = nic.network { text += ", network \(network)" }
                if let device = nic.device { text += ", device \(device)" }
                if let bus = nic.busID { text += ", bus \(bus)" }
                aspects.append(("nic \(nic.name)", text))
            }
            let p = type.platform
            var platform =
                "vm \(p.vm), acs \(p.acs.rawValue), iommu \(p.iommu.rawValue), pcie_p2p \(p.pcieP2P.rawValue)"
            if let driver = p.driver { platform += ", driver \(driver)" }
            if let interface = p.socketInterface { platform += ", socket_ifname \(interface)" }
            aspects.append(("platform", platform))
            return (type.name, aspects)
        }
    }

    static func describeWiring(_ type: NodeType) -> String {
        guard let w = type.scaleUp else { return "none" }
        var parts: [String] = [w.kind.displayName]
        if w.external != nil { parts.append("multi-node domain") }
        if let s = w.nvswitch {
            parts.append("\(s.count) × \(s.sku) for GPUs \(s.gpus.map(String.init).joined(separator: ","))")
        }
        for b in w.bridges { parts.append("bridge " + b.gpus.map(String.init).joined(separator: "+")) }
        if let m = w.mesh {
            parts.append(
                "mesh " + m.gpus.map(String.init).joined(separator: ",")
                    + (m.linksPerPair.map { ", \($0) links per pair" } ?? ""))
        }
        for l in w.links { parts.append("\(l.a)-\(l.b) ×\(l.count)") }
        return parts.joined(separator: "; ")
    }

    static func racks(_ spec: ClusterSpec) -> Described {
        var members = [[String]](repeating: [], count: spec.racks.count)
        for node in spec.nodes { if let r = node.rackIndex { members[r].append(node.name) } }
        return spec.racks.enumerated().map { r, rack in (rack.name, [("nodes", Hostlist.compress(members[r]))]) }
    }

    static func describeDomains(_ spec: ClusterSpec) -> Described {
        spec.nvlinkDomains.map { d in
            (
                d.name,
                [
                    ("nodes", Hostlist.compress(d.nodes.map { spec.nodes[$0].name })),
                    ("switches", "\(d.switchCount) × \(d.switchSKU)"),
                ]
            )
        }
    }

    static func describeNetworks(_ spec: ClusterSpec) -> Described {
        spec.networks.map { n in
            var aspects: [(String, String)] = [
                ("fabric", n.fabric.rawValue), ("role", n.role.rawValue), ("topology", n.topology.rawValue),
                ("rails", "\(n.rails)"),
            ]
            if let gbps = n.gbps { aspects.append(("speed", Format.number(gbps) + " Gb/s")) }
            for (i, tier) in n.tiers.enumerated() {
                var text = "radix \(tier.radix)"
                if let down = tier.down { text += ", \(down) down" }
                if let up = tier.up { text += ", \(up) up" }
                if let count = tier.count { text += ", \(count) switches" }
                aspects.append(("tier \(tier.name ?? String(i + 1))", text))
            }
            return (n.name, aspects)
        }
    }

    static func describeJobs(_ spec: ClusterSpec) -> Described {
        spec.jobs.map { job in
            let p = job.parallelism
            var aspects: [(String, String)] = [("nodes", job.nodesExpression)]
            if let g = job.gpusPerNode { aspects.append(("gpus_per_node", "\(g)")) }
            aspects.append(
                (
                    "parallelism",
                    "tp \(p.tp), cp \(p.cp), ep \(p.ep), pp \(p.pp), dp \(p.dp.map(String.init) ?? "derived")"
                ))
            if let m = job.model {
                var text = m.params.map { "params " + Format.number($0) } ?? "params ?"
                for (label, value) in [
                    ("layers", m.layers), ("hidden", m.hidden), ("heads", m.heads), ("ffn", m.ffn), ("vocab", m.vocab),
                    ("experts", m.experts), ("top_k", m.topK),
                ] {
                    if let value { text += ", \(label) \(value)" }
                }
                aspects.append(("model", text + ", \(m.dtype.rawValue)"))
            }
            if let b = job.batch {
                aspects.append(
                    (
                        "batch",
                        [("micro", b.micro), ("seq", b.seq), ("global", b.global)].compactMap { l, v in
                            v.map { "\(l) \($0)" }
                        }.joined(separator: ", ")
                    ))
            }
            let t = job.training
            aspects.append(
                ("training", "\(t.optimizer.rawValue), zero \(t.zero), sequence_parallel \(t.sequenceParallel)"))
            return (job.name, aspects)
        }
    }

    // MARK: - Nodes, findings, communication

    /// Nodes added, removed and changed; nodes sharing one change are merged into a hostlist.
    mutating func nodes(_ a: ClusterSpec, _ b: ClusterSpec) {
        func describe(_ spec: ClusterSpec, _ node: Node) -> [(String, String)] {
            [
                ("type", spec.nodeTypes[node.typeID].name),
                ("rack", node.rackIndex.map { spec.racks[$0].name } ?? "none"),
                ("nvlink domain", node.domainIndex.map { spec.nvlinkDomains[$0].name } ?? "none"),
                ("state", node.state.rawValue),
                (
                    "failed gpus",
                    node.failedGPUs.isEmpty ? "none" : node.failedGPUs.map(String.init).joined(separator: ",")
                ),
                ("failed nics", node.failedNICs.isEmpty ? "none" : node.failedNICs.joined(separator: ",")),
            ]
        }
        var removed: [String] = []
        for node in a.nodes where b.nodeIndex[node.name] == nil { removed.append(node.name) }
        var added: [String: [String]] = [:]
        var addedOrder: [String] = []
        var changed: [String: [String]] = [:]
        var changedOrder: [String] = []
        for node in b.nodes {
            let after = describe(b, node)
            guard let i = a.nodeIndex[node.name] else {
                let key = "type \(after[0].1), rack \(after[1].1)"
                if added[key] == nil { addedOrder.append(key) }
                added[key, default: []].append(node.name)
                continue
            }
            let before = describe(a, a.nodes[i])
            for (k, aspect) in after.enumerated() where before[k].1 != aspect.1 {
                let key = aspect.0 + "\u{0}" + before[k].1 + "\u{0}" + aspect.1
                if changed[key] == nil { changedOrder.append(key) }
                changed[key, default: []].append(node.name)
            }
        }
        if !removed.isEmpty {
            changes.append(
                Change(
                    section: "nodes", kind: .removed, subject: Hostlist.compress(removed), aspect: "",
                    before: "\(Format.count(removed.count, "node"))", after: nil))
        }
        for key in addedOrder {
            let names = added[key] ?? []
            changes.append(
                Change(
                    section: "nodes", kind: .added, subject: Hostlist.compress(names), aspect: "", before: nil,
                    after: "\(Format.count(names.count, "node")), \(key)"))
        }
        for key in changedOrder {
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { continue }
            changes.append(
                Change(
                    section: "nodes", kind: .changed, subject: Hostlist.compress(changed[key] ?? []), aspect: parts[0],
                    before: parts[1], after: parts[2]))
        }
    }

    /// Findings new in `b` and gone from `a`, matched by code and message (not line, which moves
    /// with every edit above it).
    mutating func findings(_ a: [Diagnostic], _ b: [Diagnostic]) {
        func key(_ d: Diagnostic) -> String { d.code + " " + d.message }
        var remaining: [String: Int] = [:]
        for d in a { remaining[key(d), default: 0] += 1 }
        var unmatchedB: [Diagnostic] = []
        for d in b {
            if let n = remaining[key(d)], n > 0 { remaining[key(d)] = n - 1 } else { unmatchedB.append(d) }
        }
        var left: [String: Int] = [:]
        for d in b { left[key(d), default: 0] += 1 }
        for d in a {
            if let n = left[key(d)], n > 0 {
                left[key(d)] = n - 1
            } else {
                changes.append(
                    Change(
                        section: "findings", kind: .removed, subject: d.code, aspect: d.severity.rawValue,
                        before: d.message + (d.location.map { " (\($0))" } ?? ""), after: nil))
            }
        }
        for d in unmatchedB {
            changes.append(
                Change(
                    section: "findings", kind: .added, subject: d.code, aspect: d.severity.rawValue, before: nil,
                    after: d.message + (d.location.map { " (\($0))" } ?? "")))
        }
    }

    /// The most placement work (`PlacementPlanner.ordersCost(_:)` units, both specs together) the
    /// communication section spends: the report's budget. Evaluating every dimension order of the
    /// largest accepted job in both specs took 108 s and 3.2 GB before diff had a bound (issue 12).
    public static let communicationBudget = 1 << 26

    /// For jobs in both specs: communication time per iteration in the default rank order and in
    /// the best dimension order (the quick planner, no search), when it changed. Jobs are compared
    /// within `budget` units, cheapest first (then by name), each whole or not at all; a job left
    /// out is listed with the work it needs.
    mutating func communication(_ a: ClusterSpec, _ b: ClusterSpec, budget limit: Int = communicationBudget) {
        let contextA = SpecAnalysis(spec: a), contextB = SpecAnalysis(spec: b)
        /// The job's layout and traffic in one spec, or nil when it cannot be placed there.
        func inputs(_ context: SpecAnalysis, _ name: String) -> (Int, JobLayout, TrafficModel)? {
            guard let i = context.spec.jobs.firstIndex(where: { $0.name == name }), let layout = context.layouts[i],
                case let .success(volumes) = TrafficModel.volumes(job: context.spec.jobs[i], layout: layout)
            else { return nil }
            return (i, layout, TrafficModel(layout: layout, volumes: volumes))
        }
        func times(_ context: SpecAnalysis, _ input: (Int, JobLayout, TrafficModel)?) -> (Double, Double)? {
            guard let (i, layout, traffic) = input else { return nil }
            let plan = PlacementPlanner(search: false).plan(
                context: context, job: context.spec.jobs[i], layout: layout, traffic: traffic, progress: nil)
            return (plan.defaultMetrics.secondsPerIteration, plan.bestOrderMetrics.secondsPerIteration)
        }
        let shared = b.jobs.filter { job in a.jobs.contains(where: { $0.name == job.name }) }
        var costs: [String: Int] = [:]
        for job in shared {
            var cost = 0
            for context in [contextA, contextB] {
                if let i = context.spec.jobs.firstIndex(where: { $0.name == job.name }), let layout = context.layouts[i]
                {
                    cost = cost.addingReportingOverflow(PlacementPlanner.ordersCost(layout)).partialValue
                }
            }
            costs[job.name] = cost
        }
        let budget = WorkBudget(limit: limit)
        var admitted = Set<String>()
        for name in costs.keys.sorted(by: { (costs[$0] ?? 0, $0) < (costs[$1] ?? 0, $1) })
        where budget.spend(costs[name] ?? 0) {
            admitted.insert(name)
        }
        for job in shared {
            guard admitted.contains(job.name) else {
                changes.append(
                    Change(
                        section: "communication", kind: .changed, subject: job.name, aspect: "per iteration",
                        before: "not compared",
                        after:
                            "not compared: evaluating its dimension orders in both specs needs \(costs[job.name] ?? 0) units of work, more than is left of diff's budget of \(limit) units after the jobs that need less; `topospec place` on each spec places it under its own time bound"
                    ))
                continue
            }
            let before = times(contextA, inputs(contextA, job.name))
            let after = times(contextB, inputs(contextB, job.name))
            func text(_ t: (Double, Double)?) -> String? {
                t.map { "\(Format.seconds($0.0)) default order, \(Format.seconds($0.1)) best order" }
            }
            guard text(before) != text(after) else { continue }
            var afterText = text(after) ?? "cannot be placed"
            if let before, let after {
                afterText += " (" + PlacementReport.percent(before.1, after.1) + ")"
            }
            changes.append(
                Change(
                    section: "communication", kind: .changed, subject: job.name, aspect: "per iteration",
                    before: text(before) ?? "cannot be placed", after: afterText))
        }
    }

    // MARK: - Output

    /// Text: one block per section, `+` added, `-` removed, `~` changed.
    ///
    /// - Parameters:
    ///   - nameA: What the `---` header calls the spec before (its path).
    ///   - nameB: What the `+++` header calls the spec after.
    /// - Returns: The diff, ending in a newline; one line saying there are no differences when empty.
    public func text(_ nameA: String, _ nameB: String) -> String {
        guard !changes.isEmpty else { return "no differences between \(nameA) and \(nameB)\n" }
        var out = "--- \(nameA)\n+++ \(nameB)\n"
        for section in Self.sections {
            let list = changes.filter { $0.section == section }
            guard !list.isEmpty else { continue }
            out += "\n\(section.replacing("_", with: " ")) (\(list.count))\n"
            for c in list {
                switch c.kind {
                case .added:
                    out +=
                        "  + \(c.subject)" + (c.aspect.isEmpty ? "" : " \(c.aspect)")
                        + (c.after.map { ": \($0)" } ?? "") + "\n"
                case .removed:
                    out +=
                        "  - \(c.subject)" + (c.aspect.isEmpty ? "" : " \(c.aspect)")
                        + (c.before.map { ": \($0)" } ?? "") + "\n"
                case .changed: out += "  ~ \(c.subject) \(c.aspect): \(c.before ?? "none") → \(c.after ?? "none")\n"
                }
            }
        }
        return out
    }

    struct JSONDocument: Encodable {
        /// The shape's version: grammar/outputs/diff.schema.json, and grammar/outputs/README.md says when it changes.
        var schema_version = 1
        var before: String
        var after: String
        var identical: Bool
        var changes: [Change]
    }

    /// JSON: `{before, after, identical, changes: [{section, kind, subject, aspect, before, after}]}`.
    ///
    /// - Parameters:
    ///   - nameA: The document's `before`: the spec before's name.
    ///   - nameB: The document's `after`: the spec after's name.
    /// - Returns: Pretty-printed JSON with sorted keys, ending in a newline.
    public func json(_ nameA: String, _ nameB: String) -> String {
        JSONText.encode(JSONDocument(before: nameA, after: nameB, identical: changes.isEmpty, changes: changes))
    }
}
