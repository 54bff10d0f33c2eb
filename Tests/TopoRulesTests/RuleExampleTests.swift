import Foundation
import Testing
import TopoDiagnostics
import TopoLint
import TopoRules
import TopoTestSupport
import TopoTopology

/// Lints an example with every rule at its default, plus `code` enabled if it is opt-in.
private func lint(_ text: String, enabling code: String) -> Linter.FileReport {
    var configuration = LintConfiguration()
    configuration.enabled = [code]
    return Linter().lint(bytes: Array(text.utf8), path: "example.yaml", configuration: configuration)
}

/// Every rule's documented examples run as tests: triggering examples must produce the rule's
/// code, non-triggering ones must not, and both must be valid specs.
@Suite struct RuleExampleTests {
    static let codes = RuleRegistry.all.map(\.metadata.code)

    @Test(arguments: codes)
    func ruleHasExamples(code: String) throws {
        let rule = try #require(RuleRegistry.rule(named: code))
        #expect(!rule.metadata.triggering.isEmpty, "\(code) needs a triggering example")
        #expect(!rule.metadata.nonTriggering.isEmpty, "\(code) needs a non-triggering example")
        #expect(rule.metadata.rationale.count > 80, "\(code) needs a rationale with its numbers")
    }

    /// The lines of `example` marked `# expect: CODE` for `code` (1-based).
    static func expectedLines(_ example: String, code: String) -> Set<Int> {
        var lines: Set<Int> = []
        for (i, line) in example.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let marker = line.range(of: "# expect: ") else { continue }
            let codes = line[marker.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if codes.contains(code) { lines.insert(i + 1) }
        }
        return lines
    }

    /// Triggering examples mark each line the rule reports with `# expect: CODE`, as SwiftLint's
    /// examples mark the place with `↓`: the rule must report exactly those lines.
    @Test(arguments: codes)
    func triggeringExamplesTrigger(code: String) throws {
        let rule = try #require(RuleRegistry.rule(named: code))
        for (i, example) in rule.metadata.triggering.enumerated() {
            let report = lint(example, enabling: code)
            #expect(
                !report.inputFailed,
                "\(code) triggering example \(i) is not a valid spec: \(report.diagnostics.map(\.message))")
            let findings = report.diagnostics.filter { $0.code == code }
            #expect(!findings.isEmpty, "\(code) triggering example \(i) did not trigger")
            #expect(findings.allSatisfy { $0.location != nil }, "\(code) findings must carry a location")
            let expected = Self.expectedLines(example, code: code)
            #expect(!expected.isEmpty, "\(code) triggering example \(i) marks no line with `# expect: \(code)`")
            let reported = Set(findings.compactMap { $0.location?.line })
            #expect(
                reported == expected,
                "\(code) triggering example \(i): reported on lines \(reported.sorted()), marked \(expected.sorted())")
        }
    }

    /// Each triggering example with its markers turned into `# topospec: disable=CODE` is silent:
    /// every finding can be suppressed on its own line, and no suppression goes unused.
    @Test(arguments: codes)
    func triggeringExamplesCanBeSuppressed(code: String) throws {
        let rule = try #require(RuleRegistry.rule(named: code))
        for (i, example) in rule.metadata.triggering.enumerated() {
            let suppressed = example.replacingOccurrences(of: "# expect: \(code)", with: "# topospec: disable=\(code)")
            let report = lint(suppressed, enabling: code)
            let left = report.diagnostics.filter { $0.code == code || $0.code == "TS030" || $0.code == "TS031" }
            #expect(
                left.isEmpty,
                "\(code) triggering example \(i) behind `# topospec: disable=\(code)`: \(left.map { "\($0.code) line \($0.location?.line ?? 0): \($0.message)" })"
            )
        }
    }

    @Test(arguments: codes)
    func nonTriggeringExamplesStayQuiet(code: String) throws {
        let rule = try #require(RuleRegistry.rule(named: code))
        for (i, example) in rule.metadata.nonTriggering.enumerated() {
            let report = lint(example, enabling: code)
            #expect(
                !report.inputFailed,
                "\(code) non-triggering example \(i) is not a valid spec: \(report.diagnostics.map(\.message))")
            #expect(!report.diagnostics.contains { $0.code == code }, "\(code) non-triggering example \(i) triggered")
        }
    }

    @Test func optInRulesAreOffByDefault() throws {
        let optIn = RuleRegistry.all.filter(\.metadata.optIn)
        #expect(!optIn.isEmpty)
        for rule in optIn {
            for example in rule.metadata.triggering {
                let report = Linter().lint(bytes: Array(example.utf8), path: "example.yaml")
                #expect(!report.diagnostics.contains { $0.code == rule.metadata.code })
            }
        }
    }

    @Test func codesAndSlugsAreUnique() {
        let rules = RuleRegistry.all.map(\.metadata)
        let inputs = DiagnosticCode.inputErrors
        let codes = rules.map(\.code) + inputs.map(\.code)
        let slugs = rules.map(\.slug) + inputs.map(\.slug)
        #expect(Set(codes).count == codes.count)
        #expect(Set(slugs).count == slugs.count)
        #expect(codes.allSatisfy { $0.hasPrefix("TS") && $0.count == 5 })
    }

    @Test func lookupByCodeOrSlug() {
        #expect(RuleRegistry.rule(named: "ts101")?.metadata.slug == "nvlink-unsupported-gpu")
        #expect(RuleRegistry.rule(named: "nvlink-unsupported-gpu")?.metadata.code == "TS101")
        #expect(RuleRegistry.rule(named: "TS999") == nil)
    }
}

@Suite struct ScaleUpLinkTests {
    @Test func dgx1CubeMeshUsesSixLinksPerGPU() throws {
        let report = Linter().lint(path: SpecFiles.root + "/specs/dgx-1v-cube-mesh.yaml")
        let spec = try #require(report.spec)
        let context = SpecAnalysis(spec: spec)
        let links = try #require(context.scaleUpLinks[0])
        #expect(links.usedLinks == Array(repeating: 6, count: 8))
        #expect(links.links(0, 3) == 2)
        #expect(links.links(0, 6) == 0)
    }

    @Test func bridgesSplitLinksAmongPeers() throws {
        let report = Linter().lint(
            bytes: Array(
                """
                topospec: 1
                cluster: c
                node_types:
                  nvl: {gpus: {sku: h200-nvl-141gb, count: 4}, nvlink: {bridges: [[0, 1, 2, 3]]}}
                  hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
                  mi: {gpus: {sku: mi300x, count: 8}, infinity_fabric: {mesh: all}}
                nodes:
                  n1: {type: nvl}
                """.utf8), path: "t.yaml")
        let spec = try #require(report.spec)
        let context = SpecAnalysis(spec: spec)
        #expect(context.scaleUpLinks[0]?.links(0, 3) == 6)
        #expect(context.scaleUpLinks[0]?.usedLinks[0] == 18)
        #expect(context.scaleUpLinks[1]?.links(2, 7) == 18)
        #expect(context.scaleUpLinks[1]?.usedLinks[2] == 18)
        #expect(context.scaleUpLinks[2]?.links(0, 7) == 1)
        #expect(context.scaleUpLinks[2]?.usedLinks[0] == 7)
    }
}

/// Paths of the repository's files, for tests that read them.
enum SpecFiles {
    static let root = RepositoryPaths.root
}
