import Foundation
import Testing
import TopoCodes
import TopoEmit
import TopoLint

/// The README agrees with the code: its DSL example is a real spec that lints clean, and its count
/// of codes is the catalog's.
@Suite struct ReadmeTests {
    @Test func readmeExampleLintsClean() throws {
        let readme = try String(contentsOfFile: RepositoryFiles.root + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "## The DSL in brief"))
        let start = try #require(readme.range(of: "```yaml\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let example = String(readme[start.upperBound..<end.lowerBound])
        let report = Linter().lint(bytes: Array(example.utf8), path: "README.md")
        #expect(report.spec?.nodes.count == 32)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        // And it can be placed: the job has what `place` needs.
        let spec = try #require(report.spec)
        let job = try #require(spec.jobs.first?.name)
        let plan = PlacementReport.plan(spec: spec, jobName: job, seed: 1, seconds: 5)
        #expect((try? plan.get()) != nil, "\(plan)")
    }

    /// The README's count of codes is the catalog's, so a new code cannot leave it stale.
    @Test func readmeCountsEveryCode() throws {
        let readme = try String(contentsOfFile: RepositoryFiles.root + "/README.md", encoding: .utf8)
        #expect(readme.contains("\(CodeCatalog.entries.count) codes; `topospec rules` lists them all"),
                "README.md should say \(CodeCatalog.entries.count) codes")
    }
}
