import Foundation
import Testing
import TopoDiagnostics
import TopoLint

/// One row of `Tests/Fixtures/hostile/expected.tsv`: a malformed spec and the diagnostic it must
/// produce first.
struct HostileCase: Sendable, CustomTestStringConvertible {
    var file: String
    var code: String
    var line: Int
    var column: Int
    var status: Int32

    var testDescription: String { file }
}

/// The hostile-input corpus (`Tests/Fixtures/hostile/`, written by its `generate.py`): YAML-level
/// attacks and mistakes, schema errors and contradictions, each refused (or reported) at the exact
/// code, line and column its manifest gives, with the right exit status, with work bounded by the
/// file's size (counted, not timed; the time limit only stops a hang), and never a trap.
@Suite(.timeLimit(.minutes(10))) struct HostileCorpusTests {
    static let folder = RepositoryFiles.root + "/Tests/Fixtures/hostile"

    static let cases: [HostileCase] = {
        guard let text = try? String(contentsOfFile: folder + "/expected.tsv", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { row in
            guard !row.hasPrefix("#") else { return nil }
            let fields = row.split(separator: "\t").map(String.init)
            guard fields.count == 5, let line = Int(fields[2]), let column = Int(fields[3]),
                let status = Int32(fields[4])
            else { return nil }
            return HostileCase(file: fields[0], code: fields[1], line: line, column: column, status: status)
        }
    }()

    @Test func theManifestCoversEveryFile() throws {
        #expect(Self.cases.count >= 200)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".yaml") }
        #expect(Set(files) == Set(Self.cases.map(\.file)))
        #expect(Set(Self.cases.map(\.file)).count == Self.cases.count)
        let categories = Set(Self.cases.map { $0.file.prefix { $0 != "-" } })
        #expect(categories == ["yaml", "schema", "semantic", "budget"])
    }

    @Test(arguments: cases)
    func reportedAtTheExpectedPlace(_ hostile: HostileCase) throws {
        // Budget cases must produce their note (with other notes beside it); the rest must
        // produce their error first. Their lint is shared with `HostileBudgetTests`.
        let budget = hostile.file.hasPrefix("budget-")
        let bytes: [UInt8]
        let r: Linter.FileReport
        let work: WorkCounter
        if budget {
            let outcome = try #require(HostileBudgetLints.outcomes[hostile.file], "\(hostile.file) unreadable")
            (bytes, r, work) = (outcome.bytes, outcome.report, outcome.work)
        } else {
            let path = Self.folder + "/" + hostile.file
            bytes = try #require(FileManager.default.contents(atPath: path).map { [UInt8]($0) })
            (r, work) = WorkCounter.counting { Linter(configuration: .none).lint(bytes: bytes, path: hostile.file) }
        }
        let first = try #require(
            budget ? r.diagnostics.first { $0.code == hostile.code } : r.diagnostics.first, "no diagnostic")
        let summary = r.diagnostics.prefix(3).map {
            "\($0.code) \($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.message)"
        }
        #expect(first.code == hostile.code, "\(summary)")
        #expect(first.location?.line == hostile.line && first.location?.column == hostile.column, "\(summary)")
        #expect(first.severity == (budget ? .info : .error))
        #expect(LintSummary(files: [r]).exitCode() == hostile.status)
        #expect(work[.yamlEvents] <= 2 * bytes.count + 8, "\(work[.yamlEvents]) events")
        // Every diagnostic points inside the file (or just past its last line) and renders.
        let lines = 1 + bytes.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
        let renderer = DiagnosticRenderer(sources: r.sources, useColor: false)
        for diagnostic in r.diagnostics {
            if let at = diagnostic.location {
                #expect(at.line >= 1 && at.line <= lines + 1 && at.column >= 1, "\(diagnostic.code) at \(at)")
            }
            #expect(!renderer.render(diagnostic).isEmpty)
        }
    }

    /// 100 MB, made here rather than committed: refused before it is read (from a path) or parsed
    /// (from memory), at 1:1.
    @Test func aHundredMegabyteFileIsRefusedUpFront() throws {
        var bytes = Array("topospec: 1\ncluster: big\ndescription: ".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 100_000_000 - bytes.count - 1)
        bytes.append(0x0A)
        #expect(bytes.count == 100_000_000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "topospec-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("100mb.yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))

        for (how, lint) in [
            ("path", { Linter(configuration: .none).lint(path: path) }),
            ("bytes", { Linter(configuration: .none).lint(bytes: bytes, path: path) }),
        ] {
            let (r, work) = WorkCounter.counting { lint() }
            let first = try #require(r.diagnostics.first, "\(how): no diagnostic")
            #expect(first.code == "TS018", "\(how): \(first.message)")
            #expect(first.location?.line == 1 && first.location?.column == 1, "\(how)")
            #expect(r.diagnostics.count == 1, "\(how)")
            #expect(LintSummary(files: [r]).exitCode() == 2, "\(how)")
            #expect(work[.specBytesRead] == 0, "\(how): \(work[.specBytesRead]) bytes read")
            #expect(work[.yamlEvents] == 0, "\(how): \(work[.yamlEvents]) events")
        }
    }
}
