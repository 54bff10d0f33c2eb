import Testing
import TopoDiagnostics
import TopoLint

private func lint(_ bytes: [UInt8]) -> Linter.FileReport {
    Linter().lint(bytes: bytes, path: "hostile.yaml")
}

/// Hostile or broken input gets a located input error and exit status 2, never a crash, with work
/// bounded by its size (counted, not timed; the time limit only stops a hang).
@Suite(.timeLimit(.minutes(10))) struct HostileInputTests {
    static let cases: [(name: String, bytes: [UInt8], code: String)] = {
        var laughs = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 {
            laughs += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        return [
            ("empty", [], "TS007"),
            ("comments only", Array("# nothing\n".utf8), "TS007"),
            ("billion laughs", Array(laughs.utf8), "TS003"),
            (
                "deep nesting",
                Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8), "TS004"
            ),
            (
                "deep block nesting", Array((0..<500).map { String(repeating: " ", count: $0) + "k:\n" }.joined().utf8),
                "TS004"
            ),
            ("duplicate keys", Array("topospec: 1\ntopospec: 1\n".utf8), "TS002"),
            ("NUL byte", Array("topospec: 1\u{0}\n".utf8), "TS005"),
            ("invalid UTF-8", [0x74, 0x3A, 0x20, 0xFF, 0x0A], "TS005"),
            ("UTF-16", [0xFF, 0xFE, 0x74, 0x00], "TS005"),
            ("binary garbage", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }, "TS005"),
            ("tab indentation", Array("topospec: 1\nnodes:\n\tn1: {}\n".utf8), "TS001"),
            ("unclosed quote", Array("cluster: \"pod\ntopospec: 1\n".utf8), "TS001"),
            ("two documents", Array("topospec: 1\n---\ntopospec: 1\n".utf8), "TS006"),
            ("list root", Array("- topospec\n".utf8), "TS008"),
            ("scalar root", Array("hello\n".utf8), "TS008"),
            ("undefined alias", Array("topospec: *v\n".utf8), "TS009"),
            ("version 2", Array("topospec: 2\ncluster: c\nnode_types: {}\nnodes: {}\n".utf8), "TS015"),
            (
                "billion nodes",
                Array(
                    "topospec: 1\ncluster: c\nnode_types:\n  a: {gpus: {sku: t4, count: 1}}\nnodes:\n  \"n[1-1000000000]\": {type: a}\n"
                        .utf8), "TS016"
            ),
            (
                "huge count",
                Array(
                    "topospec: 1\ncluster: c\nnode_types:\n  a: {gpus: {sku: t4, count: 1000000000}}\nnodes:\n  n1: {type: a}\n"
                        .utf8), "TS012"
            ),
        ]
    }()

    @Test(arguments: cases.indices)
    func refusedWithALocatedInputError(index: Int) throws {
        let (name, bytes, code) = Self.cases[index]
        let (r, work) = WorkCounter.counting { lint(bytes) }
        let first = try #require(r.diagnostics.first, "\(name): no diagnostic")
        #expect(first.code == code, "\(name): got \(r.diagnostics.map { "\($0.code) \($0.message)" })")
        #expect(first.location != nil, "\(name): diagnostic has no location")
        #expect(first.severity == .error)
        #expect(LintSummary(files: [r]).exitCode() == 2, "\(name)")
        // Each libyaml event needs a byte or two of input: no alias is ever copied.
        #expect(work[.yamlEvents] <= 2 * bytes.count + 8, "\(name): \(work[.yamlEvents]) events")
        #expect(work[.hostlistNames] <= 1, "\(name): \(work[.hostlistNames]) names expanded")
    }

    @Test func missingFileIsAnIOError() {
        let report = Linter().lint(path: "/nonexistent/spec.yaml")
        #expect(report.diagnostics.first?.code == "TS090")
        #expect(LintSummary(files: [report]).exitCode() == 2)
        // No empty source excerpt under the message: the file has no lines to show.
        let rendered = DiagnosticRenderer(sources: report.sources, useColor: false).render(report.diagnostics[0])
        #expect(rendered == "/nonexistent/spec.yaml:1:1: error[TS090]: no such file\n")
    }
}
