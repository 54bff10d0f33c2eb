import Testing
import TopoDiagnostics
import TopoLint
import TopoModel
import TopoRules
import TopoTestSupport
import TopoTopology

/// Lint's work budget (issue 12, item 8): the rules that evaluate placements (TS218) spend at most
/// `RuleBudget.placementUnits`, counted by `WorkCounter.placementWork`, and say which jobs they
/// skipped (TS407) instead of running for minutes. Proven by counting work, not by timing it.
@Suite struct WorkBudgetTests {
    /// A cluster of HGX H100 nodes with one job per entry of `jobs` (nodes, parallelism), each on
    /// its own nodes, every job with a model and a batch.
    static func spec(jobs: [(name: String, nodes: Int, parallelism: String)]) -> String {
        let total = jobs.reduce(0) { $0 + $1.nodes }
        var text =
            HGXSpecText.header(
                cluster: "budget",
                network:
                    "{fabric: infiniband, gbps: 400, tiers: [{name: leaf, radix: 64, down: 32, up: 32}, {name: spine, radix: 64}]}"
            ) + """
                nodes:
                  "n[0001-\(padded(total))]": {type: hgx}
                jobs:

                """
        var first = 1
        for job in jobs {
            text += HGXSpecText.job(
                job.name, nodes: "n[\(padded(first))-\(padded(first + job.nodes - 1))]", parallelism: job.parallelism)
            first += job.nodes
        }
        return text
    }

    static func decode(_ text: String) throws -> ClusterSpec {
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "budget.yaml")
        return try #require(report.spec, "\(report.diagnostics.prefix(3).map(\.message))")
    }

    /// The cost TS218 is charged is the work it does: `ordersCost` units, counted.
    @Test func chargedCostIsTheCountedWork() throws {
        let spec = try Self.decode(Self.spec(jobs: [("train", 16, "tp: 8, pp: 4, dp: 4")]))
        let layout = try #require(SpecAnalysis(spec: spec).layouts[0])
        let (findings, work) = WorkCounter.counting { RuleEngine(rules: [DefaultOrderSlow()]).run(spec) }
        #expect(!findings.contains { $0.code == "TS407" })
        #expect(work[.placementWork] == PlacementPlanner.ordersCost(layout))
        // 3 dimensions: 6 orders (the first the default), each a pass over 128 ranks and their sends.
        #expect(PlacementPlanner.ordersCost(layout) == 6 * PlacementPlanner.evaluationCost(layout))
        #expect(PlacementPlanner.evaluationCost(layout) == 128 + 128 + 128 + 2 * 128 * 3 / 4)
    }

    /// Six jobs, a budget for the three smallest: the counted work stays within it, the three
    /// largest are named in TS407 notes at their `parallelism`, and the order of `jobs:` changes
    /// nothing (jobs are admitted cheapest first, then by name).
    @Test func sharedBudgetSkipsTheLargestJobsAndSaysSo() throws {
        let jobs: [(name: String, nodes: Int, parallelism: String)] = [1, 2, 4, 8, 16, 32].map { n in
            ("job\(n)", n, "tp: 8, pp: \(n > 1 ? 2 : 1), dp: auto")
        }
        let forward = try Self.decode(Self.spec(jobs: jobs))
        let analysis = SpecAnalysis(spec: forward)
        var costs: [Int] = []
        for layout in analysis.layouts { costs.append(PlacementPlanner.ordersCost(try #require(layout))) }
        let budget = costs[0] + costs[1] + costs[2] + costs[3] / 2
        func run(_ spec: ClusterSpec) -> (skipped: [String], work: Int) {
            let (findings, work) = WorkCounter.counting {
                RuleEngine(rules: [DefaultOrderSlow()], budget: budget).run(spec)
            }
            let skipped = findings.filter { $0.code == "TS407" }.map { String($0.message.prefix { $0 != ":" }) }
                .sorted()
            return (skipped, work[.placementWork])
        }
        let a = run(forward)
        #expect(a.work == costs[0] + costs[1] + costs[2])
        #expect(a.work <= budget)
        #expect(a.skipped == ["job `job16`", "job `job32`", "job `job8`"])
        let backward = try Self.decode(Self.spec(jobs: jobs.reversed()))
        let b = run(backward)
        #expect(b.skipped == a.skipped)
        #expect(b.work == a.work)
    }

    /// 16,384 ranks with EP 1,024 (16.8 million sends per evaluation): over lint's whole budget,
    /// so no placement is evaluated at all, and the note says what it would have cost.
    @Test func aJobOverTheWholeBudgetIsNotEvaluated() throws {
        let text =
            HGXSpecText.header(cluster: "wide-experts") + """
                nodes:
                  "n[0001-2048]": {type: hgx}
                jobs:
                  moe:
                    nodes: "n[0001-2048]"
                    parallelism: {tp: 8, ep: 1024, dp: 2048}
                    model: {params: 1e12, layers: 64, hidden: 8192, heads: 64, experts: 1024, top_k: 2}
                    batch: {micro: 1, seq: 4096, global: 4096}
                """
        let (report, work) = WorkCounter.counting {
            Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "moe.yaml")
        }
        let note = try #require(report.diagnostics.first { $0.code == "TS407" })
        #expect(note.severity == .info)
        #expect(note.location?.line == 15 && note.location?.column == 5)
        #expect(note.message.contains("16384 ranks, 16793600 sends each"), "\(note.message)")
        #expect(
            note.message.contains("comparing its 2 rank orders") && note.message.contains("33619968 units"),
            "\(note.message)")
        #expect(work[.placementWork] == 0)
        #expect(LintSummary(files: [report]).exitCode() == 0)
    }
}

/// `value` with zeros in front, four digits.
private func padded(_ value: Int) -> String {
    let digits = "\(value)"
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
