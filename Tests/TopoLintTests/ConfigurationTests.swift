import Foundation
import Testing
import TopoDiagnostics
import TopoLint

/// A scratch folder with files, removed when the test ends.
final class ScratchFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "topospec-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        let full = path + "/" + relative
        let folder = (full as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
        return full
    }
}

let fourGeForce = """
    topospec: 1
    cluster: ws
    node_types:
      ws: {gpus: {sku: rtx-4090, count: 4}}
      spare: {gpus: {sku: t4, count: 1}}
    nodes:
      ws01: {type: ws}

    """

@Suite struct ConfigurationTests {
    @Test func defaultsRunEveryNonOptInRule() {
        let scratch = ScratchFolder()
        let spec = scratch.write("specs/ws.yaml", fourGeForce)
        let report = Linter().lint(path: spec)
        #expect(report.diagnostics.map(\.code) == ["TS301"])
    }

    @Test func disableEnableAndSeverityFromTheNearestFile() {
        let scratch = ScratchFolder()
        scratch.write(".topospec.yml", "disable: [TS301]\n")
        scratch.write(
            "specs/.topospec.yml", "enable: [unused-node-type]\nseverity: {geforce-p2p: error, TS401: warning}\n")
        let spec = scratch.write("specs/ws.yaml", fourGeForce)
        let report = Linter().lint(path: spec)
        #expect(report.diagnostics.map(\.code) == ["TS301", "TS401"])
        #expect(report.diagnostics.map(\.severity) == [.error, .warning])
        #expect(LintSummary(files: [report]).exitCode() == 1)
        let outer = Linter(configuration: .file(scratch.path + "/.topospec.yml")).lint(path: spec)
        #expect(outer.diagnostics.isEmpty)
        let none = Linter(configuration: .none).lint(path: spec)
        #expect(none.diagnostics.map(\.code) == ["TS301"])
    }

    @Test func excludedFilesAreSkipped() {
        let scratch = ScratchFolder()
        scratch.write(".topospec.yml", "exclude: [\"specs/broken/**\", \"*.tmp.yaml\"]\n")
        let broken = scratch.write("specs/broken/deep/x.yaml", "not: [valid")
        let tmp = scratch.write("a.tmp.yaml", "not: [valid")
        let kept = scratch.write("specs/ok.yaml", fourGeForce)
        let reports = [broken, tmp, kept].map { Linter().lint(path: $0) }
        #expect(reports.map(\.excluded) == [true, true, false])
        let summary = LintSummary(files: reports)
        #expect(summary.exitCode() == 0)
        #expect(summary.line.contains("(2 excluded)"))
    }

    @Test func invalidConfigurationIsALocatedInputError() throws {
        let scratch = ScratchFolder()
        scratch.write(".topospec.yml", "disable: [TS999]\nseverty: {TS301: error}\nseverity: {TS301: fatal}\n")
        let spec = scratch.write("ws.yaml", fourGeForce)
        let report = Linter().lint(path: spec)
        #expect(report.inputFailed)
        #expect(LintSummary(files: [report]).exitCode() == 2)
        let codes = report.diagnostics.map(\.code)
        #expect(codes == ["TS033", "TS033", "TS033"])
        #expect(report.diagnostics.map { $0.location?.line ?? 0 } == [1, 2, 3])
        #expect(report.diagnostics[1].message.contains("did you mean `severity`"))
        #expect(report.diagnostics.allSatisfy { $0.location?.file.hasSuffix(".topospec.yml") == true })
    }

    @Test func globs() {
        #expect(Glob.matches("specs/broken/**", "specs/broken/a/b.yaml"))
        #expect(Glob.matches("**/*.yaml", "a.yaml"))
        #expect(Glob.matches("**/*.yaml", "x/y/a.yaml"))
        #expect(!Glob.matches("*.yaml", "x/a.yaml"))
        #expect(Glob.matches("spec?.yaml", "spec1.yaml"))
        #expect(!Glob.matches("specs/*", "specs/a/b"))
    }
}

@Suite struct SuppressionTests {
    private func lint(_ text: String) -> Linter.FileReport {
        Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "s.yaml")
    }

    @Test func ownLineCommentCoversTheNextLine() {
        let report = lint(
            """
            topospec: 1
            cluster: ws
            node_types:
              # topospec: disable=TS301 -- stock driver; we export NCCL_P2P_DISABLE in the job script

              ws: {gpus: {sku: rtx-4090, count: 4}}
            nodes:
              ws01: {type: ws}
            """)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
    }

    @Test func trailingCommentCoversItsLineAndSlugsWork() {
        let report = lint(
            """
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: rtx-4090, count: 4}}  # topospec: disable=geforce-p2p
            nodes:
              ws01: {type: ws}
            """)
        #expect(report.diagnostics.isEmpty)
    }

    @Test func fileWideSuppression() {
        let report = lint(
            """
            # topospec: disable-file=TS301
            topospec: 1
            cluster: ws
            node_types:
              ws: {gpus: {sku: rtx-4090, count: 4}}
            nodes:
              ws01: {type: ws}
            """)
        #expect(report.diagnostics.isEmpty)
    }

    @Test func unknownUnsuppressibleAndUnusedAreReported() {
        let report = lint(
            """
            topospec: 1
            cluster: ws
            # topospec: disable=TS999,TS010
            node_types:
              ws: {gpus: {sku: rtx-4090, count: 4}, platform: {pcie_p2p: disabled}}  # topospec: disable=TS301
            nodes:
              ws01: {type: ws}
            """)
        let codes = report.diagnostics.map(\.code)
        #expect(codes == ["TS030", "TS030", "TS031"])
        #expect(report.diagnostics[0].location?.line == 3)
        #expect(report.diagnostics.contains { $0.message.contains("cannot be suppressed") })
        #expect(report.diagnostics.first { $0.code == "TS031" }?.location?.line == 5)
        #expect(LintSummary(files: [report]).exitCode() == 0)
        #expect(LintSummary(files: [report]).exitCode(strict: true) == 1)
    }

    @Test func suppressionsDoNotHideOtherLines() {
        let report = lint(
            """
            topospec: 1
            cluster: ws
            # topospec: disable=TS301
            node_types:
              ws: {gpus: {sku: rtx-4090, count: 4}}
            nodes:
              ws01: {type: ws}
            """)
        #expect(Set(report.diagnostics.map(\.code)) == ["TS301", "TS031"])
    }
}
