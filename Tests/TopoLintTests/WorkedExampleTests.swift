import Foundation
import Testing
import TopoEmit
import TopoLint

/// The README's worked placement example is shipped (`specs/placement/long-context.yaml`) and
/// `place` prints the figures the README shows, line for line.
@Suite struct WorkedExampleTests {
    static let path = RepositoryFiles.root + "/specs/placement/long-context.yaml"

    @Test func lintWarnsAsTheReadmeSays() {
        let report = Linter().lint(path: Self.path)
        #expect(report.spec != nil)
        let codes = Set(report.diagnostics.map(\.code))
        #expect(codes.isSuperset(of: ["TS205", "TS218"]), "\(codes.sorted())")
        #expect(report.errorCount == 0)
    }

    @Test func placeprintsTheReadmesFigures() throws {
        let readme = try String(contentsOfFile: RepositoryFiles.root + "/README.md", encoding: .utf8)
        let command = try #require(readme.range(of: "$ topospec place long-context.yaml --job long-context\n"))
        let end = try #require(readme.range(of: "\n```", range: command.upperBound..<readme.endIndex))
        let shown = readme[command.upperBound..<end.lowerBound].split(separator: "\n").filter { $0 != "…" }
        #expect(shown.count >= 10)

        let report = Linter().lint(path: Self.path)
        let spec = try #require(report.spec)
        let plan = try PlacementReport.plan(spec: spec, jobName: "long-context", seed: 1, seconds: 600).get()
        let printed = Set(
            PlacementReport.text(plan, spec: spec, jobName: "long-context", table: false)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for line in shown {
            #expect(
                printed.contains(line.trimmingCharacters(in: .whitespaces)),
                "the README shows a line `place` does not print: \(line)")
        }
    }
}
