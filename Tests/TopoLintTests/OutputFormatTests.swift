import Foundation
import Testing
import TopoCodes
import TopoDiagnostics
import TopoLint

private func summary() -> LintSummary {
    let broken = RepositoryFiles.specs(in: "specs/broken")
    let files =
        broken.filter { $0.contains("TS101") || $0.contains("TS021") || $0.contains("TS116") } + [
            RepositoryFiles.root + "/specs/dgx-a100.yaml"
        ]
    return LintSummary(files: files.map { Linter().lint(path: $0) })
}

@Suite struct OutputFormatTests {
    @Test func jsonHasTheDocumentedShape() throws {
        let text = JSONOutput.render(summary(), strict: false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.count == 4)
        #expect(files.map { $0["status"] as? String } == ["input-error", "findings", "findings", "ok"])
        let first = try #require((files[1]["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["code"] as? String == "TS101")
        #expect(first["slug"] as? String == "nvlink-unsupported-gpu")
        #expect((first["location"] as? [String: Any])?["line"] as? Int == 9)
        let s = try #require(object["summary"] as? [String: Any])
        #expect(s["exit_code"] as? Int == 2)
        #expect(s["errors"] as? Int == 3)
    }

    @Test func sarifDescribesRulesAndLocatesResults() throws {
        let text = SARIFOutput.render(summary(), codes: CodeCatalog.codes)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == CodeCatalog.entries.count)
        #expect(rules.contains { $0["id"] as? String == "TS101" && $0["name"] as? String == "nvlink-unsupported-gpu" })
        let results = try #require(run["results"] as? [[String: Any]])
        let ts101 = try #require(results.first { $0["ruleId"] as? String == "TS101" })
        let index = try #require(ts101["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "TS101")
        let region = try #require(
            ((ts101["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]
                as? [String: Any])
        #expect(region["startLine"] as? Int == 9)
        #expect(region["startColumn"] as? Int == 5)
        let dup = try #require(results.first { $0["ruleId"] as? String == "TS021" })
        #expect((dup["relatedLocations"] as? [[String: Any]])?.count == 1)
    }

    @Test func githubAnnotationsAreEscaped() {
        let text = GitHubOutput.render(summary())
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("::error file=") })
        #expect(text.contains(",line=9,col=5,"))
        #expect(text.contains("title=TS101 nvlink-unsupported-gpu::"))
        #expect(text.contains("%0Ahelp: "))
        #expect(!text.contains("\nhelp"))
    }

    @Test func everyFormatIsDeterministic() {
        let a = summary(), b = summary()
        #expect(JSONOutput.render(a, strict: false) == JSONOutput.render(b, strict: false))
        #expect(SARIFOutput.render(a, codes: CodeCatalog.codes) == SARIFOutput.render(b, codes: CodeCatalog.codes))
        #expect(GitHubOutput.render(a) == GitHubOutput.render(b))
        #expect(RuleDocumentation.json == RuleDocumentation.json)
    }

    @Test func rulesDocumentIsUpToDate() throws {
        let committed = try String(contentsOfFile: RepositoryFiles.root + "/docs/rules.md", encoding: .utf8)
        #expect(
            committed == RuleDocumentation.markdown,
            "docs/rules.md is stale: run `swift run topospec rules --format markdown > docs/rules.md`")
    }

    @Test func thereAreAtLeast35Rules() {
        let rules = CodeCatalog.entries.filter { $0.kind != "input" && $0.kind != "configuration" }
        #expect(rules.count >= 35)
    }
}
