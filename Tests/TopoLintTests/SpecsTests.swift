import Foundation
import Testing
import TopoDiagnostics
import TopoLint

/// The example specs of real systems lint clean; each deliberately broken spec fails with the
/// code written on its offending line (`# expect: TS101`).
@Suite struct SpecsTests {
    static let good = RepositoryFiles.specs(in: "specs")
    static let broken = RepositoryFiles.specs(in: "specs/broken")

    @Test func thereAreEnoughExamples() {
        #expect(Self.good.count >= 8)
        #expect(Self.broken.count >= 16)
    }

    @Test(arguments: good)
    func realSystemSpecLintsClean(path: String) {
        let report = Linter().lint(path: path)
        #expect(report.spec != nil)
        #expect(
            report.diagnostics.isEmpty,
            "\(report.diagnostics.map { "\($0.location?.description ?? ""): \($0.code) \($0.message)" })")
        #expect(LintSummary(files: [report]).exitCode() == 0)
    }

    /// Paths in the specs' comments name files a clone has (not the research folder they came from).
    @Test(arguments: good)
    func commentPathsExist(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("#") {
            #expect(!line.contains("shared/data/"), "\(path): \(line)")
            for word in line.split(whereSeparator: { " (),;:".contains($0) })
            where word.hasPrefix("Tests/") || word.hasPrefix("docs/") || word.hasPrefix("grammar/") {
                let file = word.hasSuffix(".") ? String(word.dropLast()) : String(word)
                #expect(
                    FileManager.default.fileExists(atPath: RepositoryFiles.root + "/" + file),
                    "\(path): \(file) does not exist")
            }
        }
    }

    @Test(arguments: broken)
    func brokenSpecFailsWithItsCode(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let marked = lines.enumerated().compactMap { index, line -> (line: Int, code: String)? in
            guard let range = line.range(of: "# expect: ") else { return nil }
            return (index + 1, String(line[range.upperBound...].prefix(5)))
        }
        let expectation = try #require(marked.first, "\(path) has no `# expect: CODE` marker")
        let report = Linter().lint(path: path)
        #expect(
            report.diagnostics.contains { $0.code == expectation.code && $0.location?.line == expectation.line },
            "\(path): expected \(expectation.code) at line \(expectation.line), got \(report.diagnostics.map { "\($0.code)@\($0.location?.line ?? 0)" })"
        )
        let expectedExit: Int32 = expectation.code < "TS100" ? 2 : 1
        #expect(LintSummary(files: [report]).exitCode() == expectedExit)
    }
}
