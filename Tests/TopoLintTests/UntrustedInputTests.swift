import Foundation
import FuzzSupport
import Testing
import TopoDiagnostics
import TopoEmit
import TopoLint
import TopoModel

#if canImport(Glibc)
    import Glibc
#endif

/// Specs are untrusted input (issue 12): what a spec, its file name and the files beside it can
/// and cannot make topospec do. The hostile corpus holds the decode-time refusals; these tests
/// cover the sanitisers, the writers, reading files, rendering and the bounds.
@Suite struct UntrustedInputTests {
    // MARK: one sanitiser per output format

    @Test func everySanitiserKeepsTextOnOneLine() {
        let hostile = "a\nb\r\nc\u{0}d\u{1B}[2J\u{85}e\u{2028}f\u{2029}g\u{202E}h"
        for (format, text) in [
            ("comment", UntrustedText.comment(hostile)), ("xml", UntrustedText.xmlComment(hostile)),
            ("terminal", UntrustedText.terminal(hostile)), ("markdown", UntrustedText.markdown(hostile)),
            ("html", UntrustedText.html(hostile)),
        ] {
            #expect(!UntrustedText.hasControl(text), "\(format): \(text.debugDescription)")
            #expect(text.contains("a"), "\(format) dropped the text")
        }
        #expect(UntrustedText.comment("x\ny") == "x\\u{A}y")
    }

    @Test func xmlCommentsHoldNoDoubleHyphen() {
        for text in ["--", "a--b", "---", "x-", "-->", "<!-- -- -->"] {
            let safe = UntrustedText.xmlComment(text)
            #expect(!safe.contains("--") && !safe.hasSuffix("-"), "\(text) → \(safe)")
        }
    }

    @Test func terminalTextCannotStartAWorkflowCommand() {
        #expect(!UntrustedText.terminal("::add-mask::x").hasPrefix("::"))
        #expect(!UntrustedText.terminal("::stop-commands::t").hasPrefix("::"))
        #expect(UntrustedText.terminal("a::b") == "a::b")
    }

    @Test func markdownCannotOpenHTMLOrHeadings() {
        let text = UntrustedText.markdown("<!-- hide\n## No findings\n![x](http://t/)")
        #expect(!text.contains("<!--") && !text.contains("\n") && !text.contains("!["))
    }

    // MARK: the writers, re-read by their consumers' grammars

    /// Every real spec's files, written with a file name that tries each injection, keep their
    /// grammar: one KEY=VALUE per env line, one Slurm statement per line, only kubectl commands,
    /// well-formed NCCL XML.
    @Test(arguments: RepositoryFiles.specs(in: "specs"))
    func writersKeepTheirGrammar(path: String) throws {
        let report = Linter(configuration: .none).lint(path: path)
        let spec = try #require(report.spec)
        #expect(WriterGrammar.failure(spec: spec) == nil)
    }

    /// The grammar checks can fail: each catches the injection it is there for.
    @Test func theGrammarChecksCatchInjections() throws {
        let spec = try #require(
            Linter(configuration: .none).lint(path: RepositoryFiles.root + "/specs/dgx-h100-superpod.yaml").spec)
        let conf = SlurmTopologyEmitter.treeConf(spec: spec, source: "ok.yaml")
        #expect(conf.split(separator: "\n").allSatisfy { $0.hasPrefix("# ") || $0.hasPrefix("SwitchName=") })
        let xml = NCCLTopologyEmitter.render(spec: spec, typeID: NodeTypeID(0), source: WriterGrammar.hostileFileName)
        #expect(
            !xml.contains("LD_PRELOAD=/tmp/evil.so\n")
                && xml.components(separatedBy: "-->").count == xml.components(separatedBy: "<!--").count)
        let k8s = try KubernetesLabelsEmitter.script(spec: spec, source: WriterGrammar.hostileFileName)
        #expect(k8s.split(separator: "\n").filter { $0.hasPrefix("$(id)") || $0.hasPrefix("SwitchName=") }.isEmpty)
    }

    @Test func reportEscapesUserText() throws {
        var text = try String(contentsOfFile: RepositoryFiles.root + "/specs/dgx-h100-superpod.yaml", encoding: .utf8)
        text = text.replacingOccurrences(
            of: "\ndescription: \"DGX", with: "\ndescription: \"<!-- x\\n## No findings DGX")
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "r.yaml")
        let spec = try #require(report.spec, "\(report.diagnostics.map(\.message))")
        let markdown = SpecReport.build(
            spec: spec, diagnostics: report.diagnostics, options: SpecReport.Options(seconds: 1, source: "a`b.yaml")
        ).markdown()
        #expect(!markdown.contains("<!--"))
        #expect(!markdown.contains("\n## No findings"))
        #expect(markdown.contains("&lt;\\!-- x \\#\\# No findings DGX"))
        #expect(markdown.contains("`a'b.yaml`"))
    }

    // MARK: reading files

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "topospec-untrusted-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func nonRegularFilesAreRefused() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/fifo.yaml", 0o600) == 0)
        try FileManager.default.createDirectory(atPath: folder + "/.git", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/zero.yaml", withDestinationPath: "/dev/zero")
        for (name, expected) in [
            ("fifo.yaml", "FIFO"), ("zero.yaml", "outside the repository"), ("", "is a directory"),
        ] {
            guard
                case let .failure(d) = Result(catching: { () throws(Diagnostic) in
                    try SpecLoader.read(folder + "/" + name)
                })
            else {
                Issue.record("\(name) was read")
                continue
            }
            #expect(d.code == "TS090" && d.message.contains(expected), "\(name): \(d.message)")
        }
        if case let .failure(d) = Result(catching: { () throws(Diagnostic) in try SpecLoader.read("/dev/zero") }) {
            #expect(d.message.contains("device"), "\(d.message)")
        } else {
            Issue.record("/dev/zero was read")
        }
        guard case let .failure(d) = Result(catching: { () throws(Diagnostic) in try SpecLoader.read("-") }) else {
            Issue.record("`-` was read"); return
        }
        #expect(d.message.contains("standard input"))
        // An unreadable file gets its message and no empty excerpt.
        let report = Linter(configuration: .none).lint(path: folder + "/missing.yaml")
        let out = DiagnosticRenderer(sources: report.sources, useColor: false).render(
            try #require(report.diagnostics.first))
        #expect(out.contains("no such file") && !out.contains(" | "), "\(out)")
    }

    @Test func symbolicLinksAreFollowedOnlyInsideTheRepository() throws {
        let outside = try Self.temporaryFolder()
        let repository = try Self.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: outside)
            try? FileManager.default.removeItem(atPath: repository)
        }
        try FileManager.default.createDirectory(atPath: repository + "/.git", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: repository + "/specs", withIntermediateDirectories: true)
        try "secret=1\n".write(toFile: outside + "/credentials", atomically: true, encoding: .utf8)
        try "topospec: 1\n".write(toFile: repository + "/real.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: repository + "/specs/leak.yaml", withDestinationPath: outside + "/credentials")
        try FileManager.default.createSymbolicLink(
            atPath: repository + "/specs/inside.yaml", withDestinationPath: "../real.yaml")
        try FileManager.default.createSymbolicLink(atPath: repository + "/specs/folder", withDestinationPath: outside)
        guard
            case let .failure(d) = Result(catching: { () throws(Diagnostic) in
                try SpecLoader.read(repository + "/specs/leak.yaml")
            })
        else {
            Issue.record("followed a link out"); return
        }
        #expect(d.message.contains("outside the repository"))
        let report = Linter(configuration: .none).lint(path: repository + "/specs/leak.yaml")
        #expect(!report.sources.contains { $0.bytes.count > 0 })
        guard let bytes = try? SpecLoader.read(repository + "/specs/inside.yaml") else {
            Issue.record("refused a link inside"); return
        }
        #expect(bytes == Array("topospec: 1\n".utf8))
        // A folder scan takes regular files only: no link, to a file or a folder.
        try "x: 1\n".write(toFile: outside + "/other.yaml", atomically: true, encoding: .utf8)
        try "x: 1\n".write(toFile: repository + "/specs/plain.yaml", atomically: true, encoding: .utf8)
        #expect(SpecLoader.expand([repository + "/specs"]) == [repository + "/specs/plain.yaml"])
    }

    @Test func configurationDiscoveryStopsAtTheRepositoryRoot() throws {
        let above = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: above) }
        try "exclude: [\"**\"]\n".write(toFile: above + "/.topospec.yml", atomically: true, encoding: .utf8)
        let repository = above + "/repo"
        try FileManager.default.createDirectory(atPath: repository + "/.git", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: repository + "/specs", withIntermediateDirectories: true)
        #expect(LintConfiguration.discover(for: repository + "/specs/a.yaml") == nil)
        try "disable: [TS208]\n".write(toFile: repository + "/.topospec.yml", atomically: true, encoding: .utf8)
        #expect(LintConfiguration.discover(for: repository + "/specs/a.yaml") == repository + "/.topospec.yml")
        // A nested configuration that turns things off says so in the text summary.
        try "exclude: [\"**\"]\ndisable: [TS208]\n".write(
            toFile: repository + "/specs/.topospec.yml", atomically: true, encoding: .utf8)
        try "topospec: 1\n".write(toFile: repository + "/specs/a.yaml", atomically: true, encoding: .utf8)
        let report = Linter().lint(path: repository + "/specs/a.yaml")
        #expect(report.excluded && report.configurationPath == repository + "/specs/.topospec.yml")
        let note = LintConfiguration.visibilityNote(path: repository + "/specs/.topospec.yml", files: [report])
        #expect(
            note?.contains("disables TS208") == true && note?.contains("excluded 1 of 1 file") == true,
            "\(note ?? "nil")")
    }

    // MARK: rendering and bounds

    @Test func excerptsAreClippedAroundTheColumn() {
        let line = "description: \"" + String(repeating: "a", count: 60_000) + "\""
        let source = SourceText(path: "long.yaml", text: line + "\n")
        let at = SourceLocation(file: "long.yaml", line: 1, column: 30_000, length: 5)
        let out = DiagnosticRenderer(sources: [source], useColor: false)
            .render(Diagnostic(code: .wrongType, severity: .error, message: "m", location: at))
        #expect(out.utf8.count < 2 * DiagnosticRenderer.excerptRadius + 200, "\(out.utf8.count) bytes")
        let lines = out.split(separator: "\n")
        #expect(lines.count == 3)
        // The caret sits under column 30,000 of the clipped line (after `…` and the radius).
        if lines.count == 3, let caret = lines[2].firstIndex(of: "^"), let bar = lines[1].firstIndex(of: "|") {
            #expect(
                lines[2].distance(from: lines[2].startIndex, to: caret)
                    - lines[1].distance(from: lines[1].startIndex, to: bar) == 3 + DiagnosticRenderer.excerptRadius)
        }
    }

    @Test func renderedTextCarriesNoEscapesOrWorkflowCommands() {
        let at = SourceLocation(file: "::error::x.yaml", line: 1, column: 1)
        let d = Diagnostic(
            code: .unknownKey, severity: .error, message: "unknown key `a\u{1B}]52;c;aGk=\u{07}\n::add-mask::b`",
            location: at,
            notes: [.init("n\u{1B}[2J", at: nil)], help: "h\n::stop-commands::x")
        let out = DiagnosticRenderer(sources: [], useColor: false).render(d)
        #expect(!out.contains("\u{1B}") && !out.contains("\u{07}"))
        #expect(out.split(separator: "\n").allSatisfy { !$0.hasPrefix("::") }, "\(out)")
    }

    @Test func githubAnnotationsCarryNoEscapes() {
        // An unknown key (echoed in its message) written with escapes: ESC, a line break, `::`.
        let text = "topospec: 1\ncluster: c\n\"k\\e[2J\\n::add-mask::x\": 1\n"
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "f.yaml")
        #expect(report.diagnostics.contains { $0.message.contains("add-mask") }, "\(report.diagnostics.map(\.message))")
        let out = GitHubOutput.render(LintSummary(files: [report]))
        #expect(!out.contains("\u{1B}") && out.split(separator: "\n").allSatisfy { $0.hasPrefix("::error ") }, "\(out)")
        let text2 = DiagnosticRenderer(sources: report.sources, useColor: false).render(report.diagnostics[0])
        #expect(
            !text2.contains("\u{1B}") && text2.split(separator: "\n").allSatisfy { !$0.hasPrefix("::") }, "\(text2)")
    }

    @Test func diagnosticsAreCappedPerCode() {
        let many = (1...250).map {
            Diagnostic(
                code: .unknownReference, severity: $0 == 200 ? .error : .warning, message: "m\($0)",
                location: SourceLocation(file: "f", line: $0, column: 1))
        }
        let capped = DiagnosticCap.apply(many)
        #expect(capped.count == DiagnosticCap.perCode + 1)
        #expect(capped.last?.message.hasPrefix("150 more TS020") == true)
        #expect(capped.last?.severity == .error)
        #expect(capped.last?.location?.line == 101)
        var sink = DiagnosticSink()
        for i in 0..<5_000 { sink.error(DiagnosticCode.inputErrors[i % 20], "m", at: nil) }
        #expect(sink.diagnostics.count == DiagnosticCap.perFile + 20)
    }

    @Test func globsMatchWithoutBacktracking() {
        let name = String(repeating: "a", count: 60)
        #expect(!Glob.matches(String(repeating: "*a", count: 10) + "*b", name))
        #expect(Glob.matches(String(repeating: "*a", count: 10) + "*", name))
        #expect(!Glob.matches(String(repeating: "**a", count: 10) + "b", name + "/" + name))
        #expect(Glob.matches("specs/**", "specs/a/b.yaml"))
        #expect(Glob.matches("**/b.yaml", "specs/a/b.yaml"))
        #expect(Glob.matches("specs/*/b.yaml", "specs/a/b.yaml"))
        #expect(!Glob.matches("specs/*.yaml", "specs/a/b.yaml"))
        #expect(Glob.matches("specs/?.yaml", "specs/a.yaml"))
        #expect(!Glob.matches("specs/?", "specs//"))
    }
}

/// Suppressions come from real YAML comments only (issue 12).
@Suite struct SuppressionPlacementTests {
    static let spec = """
        topospec: 1
        cluster: s
        description: "not a comment # topospec: disable-file=TS101"
        node_types:
          ws:
            description: |
              # topospec: disable-file=TS101
            gpus: {sku: rtx-4090, count: 2}
            nvlink: {bridges: [[0, 1]]}
        nodes:
          ws01: {type: ws}

        """

    @Test func suppressionsInsideStringsAreText() {
        let report = Linter(configuration: .none).lint(bytes: Array(Self.spec.utf8), path: "s.yaml")
        #expect(report.diagnostics.contains { $0.code == "TS101" }, "\(report.diagnostics.map(\.code))")
        #expect(LintSummary(files: [report]).exitCode() == 1)
    }

    @Test func realCommentsStillSuppress() {
        let text = Self.spec.replacingOccurrences(
            of: "nodes:\n", with: "# topospec: disable-file=TS101 -- testing\nnodes:\n")
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "s.yaml")
        #expect(!report.diagnostics.contains { $0.code == "TS101" }, "\(report.diagnostics.map(\.code))")
    }
}
