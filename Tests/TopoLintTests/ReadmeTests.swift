import Foundation
import Testing
import TopoCodes
import TopoEmit
import TopoLint

/// The README agrees with the code: its DSL example is a real spec that lints clean, and its table
/// of codes covers the catalog.
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

    /// Every code of the catalog is covered by a row of the README's table of codes: a series row
    /// (`TS2xx`), a range (`TS010–TS024`) or the code itself. A new code in an existing series
    /// touches no README line; a new series, or an input code outside the listed ranges, must be
    /// added to the table.
    @Test func readmeTableCoversEveryCode() throws {
        let readme = try String(contentsOfFile: RepositoryFiles.root + "/README.md", encoding: .utf8)
        var series: Set<Character> = []
        var ranges: [ClosedRange<Int>] = []
        for line in readme.split(separator: "\n") where line.hasPrefix("| TS") {
            let first = line.dropFirst(2).prefix { $0 != "|" }
            for item in first.split(separator: ",") {
                let text = item.trimmingCharacters(in: .whitespaces)
                if text.count == 5, text.hasSuffix("xx"), let digit = text.dropFirst(2).first {
                    series.insert(digit)
                    continue
                }
                let bounds = text.split(separator: "–").compactMap { Int($0.dropFirst(2)) }
                if let low = bounds.first, let high = bounds.last, low <= high { ranges.append(low...high) }
            }
        }
        #expect(series.count >= 6, "the table's series rows were not found")
        let uncovered = CodeCatalog.entries.map(\.code).filter { code in
            guard let number = Int(code.dropFirst(2)) else { return true }
            let digit = code.dropFirst(2).first ?? " "
            return !series.contains(digit) && !ranges.contains { $0.contains(number) }
        }
        #expect(uncovered.isEmpty, "README.md's table of codes does not cover \(uncovered)")
    }
}
