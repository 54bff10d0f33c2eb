import Foundation
import Testing
import TopoDiagnostics
import TopoEmit
import TopoLint
import TopoRules

/// The budget cases of the hostile corpus (`budget-*.yaml`: a 16,384-rank job with EP 1,024;
/// 2,048 jobs on 2,560 racks beside it) stay within every command's bound, counted: lint spends
/// at most its placement budget, the drawings stay under Graphviz's statement limit, and the
/// report spends at most its own budget and lists what it could not place (issue 12).
@Suite(.timeLimit(.minutes(10))) struct HostileBudgetTests {
    static let files: [String] = HostileCorpusTests.cases.map(\.file).filter { $0.hasPrefix("budget-") }

    @Test func thereAreBudgetCases() {
        #expect(Self.files.count >= 2)
    }

    @Test(arguments: files)
    func boundedInEveryCommand(_ file: String) throws {
        let outcome = try #require(HostileBudgetLints.outcomes[file], "\(file) unreadable")
        let (report, lintWork) = (outcome.report, outcome.work)
        let spec = try #require(report.spec)
        #expect(lintWork[.placementWork] <= RuleBudget.placementUnits)
        #expect(report.diagnostics.contains { $0.code == "TS407" && $0.message.hasPrefix("job `moe`") })

        let cluster = DOTRenderer.render(TopologyGraph.cluster(spec: spec))
        #expect(cluster.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } <= GraphvizLayout.maximumStatements)

        // A budget 64 times smaller than the default: the same admission (cheapest jobs first,
        // each whole or not at all) at a fraction of a debug build's time.
        var options = SpecReport.Options(seconds: 0, source: file)
        options.budget = 1 << 20
        let (document, reportWork) = WorkCounter.counting {
            SpecReport.build(spec: spec, diagnostics: report.diagnostics, options: options)
        }
        #expect(reportWork[.placementWork] <= options.budget)
        let markdown = document.markdown()
        #expect(markdown.contains("Not placed: comparing its placements needs"))
        #expect(markdown.contains("`topospec place \(file) --job moe`"))
    }
}
