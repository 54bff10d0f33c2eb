import Foundation
import Testing
import TopoDiagnostics
import TopoEmit
import TopoLint
import TopoModel

/// `topospec diff`: a spec against itself, and against edited copies of the real SuperPOD spec.
@Suite struct SpecDiffTests {
    static let original = Golden.root + "/specs/dgx-h100-superpod.yaml"

    static func lint(_ text: String, path: String) -> Linter.FileReport {
        Linter(configuration: .none).lint(bytes: Array(text.utf8), path: path)
    }

    /// The SuperPOD spec with `edits` (find → replace) applied, diffed against the original.
    static func diff(_ edits: [(String, String)]) throws -> SpecDiff {
        let text = try String(contentsOfFile: original, encoding: .utf8)
        var edited = text
        for (find, replace) in edits {
            #expect(edited.contains(find), "edit target `\(find)` is not in the spec")
            edited = edited.replacingOccurrences(of: find, with: replace)
        }
        let a = lint(text, path: "a.yaml"), b = lint(edited, path: "b.yaml")
        return SpecDiff.compare(try #require(a.spec), a.diagnostics, try #require(b.spec), b.diagnostics)
    }

    @Test func identicalSpecsHaveNoDifferences() throws {
        let diff = try Self.diff([])
        #expect(diff.isEmpty)
        #expect(diff.text("a", "b") == "no differences between a and b\n")
        #expect(diff.json("a", "b").contains("\"identical\" : true"))
    }

    @Test func commentsAndLayoutAreNotDifferences() throws {
        #expect(try Self.diff([("# 4 DGX per rack", "# four DGX per rack")]).isEmpty)
    }

    @Test func addedNodesAndRacksAreGrouped() throws {
        let diff = try Self.diff([
            (
                "\"dgx[01-32]\": {type: dgx-h100, rack: \"r[01-08]\"}",
                "\"dgx[01-32]\": {type: dgx-h100, rack: \"r[01-08]\"}\n  \"dgx[33-36]\": {type: dgx-h100, rack: r09}"
            )
        ])
        let nodes = diff.changes.filter { $0.section == "nodes" }
        #expect(
            nodes == [
                SpecDiff.Change(
                    section: "nodes", kind: .added, subject: "dgx[33-36]", aspect: "", before: nil,
                    after: "4 nodes, type dgx-h100, rack r09")
            ])
        #expect(diff.changes.contains { $0.section == "racks" && $0.kind == .added && $0.subject == "r09" })
        // 288 compute ports on a leaf tier of 256: the new nodes bring a new error.
        #expect(diff.changes.contains { $0.section == "findings" && $0.kind == .added && $0.subject == "TS121" })
    }

    @Test func parallelismChangeMovesCommunicationTime() throws {
        let diff = try Self.diff([("parallelism: {tp: 8, pp: 4, dp: 8}", "parallelism: {tp: 16, pp: 2, dp: 8}")])
        let job = try #require(diff.changes.first { $0.section == "jobs" })
        #expect(
            job.aspect == "parallelism" && job.before == "tp 8, cp 1, ep 1, pp 4, dp 8"
                && job.after == "tp 16, cp 1, ep 1, pp 2, dp 8")
        let time = try #require(diff.changes.first { $0.section == "communication" })
        #expect(time.subject == "llama3-70b" && time.after?.contains("(+") == true, "TP 16 crosses nodes: slower")
        #expect(diff.changes.contains { $0.section == "findings" && $0.subject == "TS202" && $0.kind == .added })
    }

    /// The communication section spends at most its budget: a job whose dimension orders cost more
    /// than is left is listed as not compared, with the work it needs, instead of being planned
    /// (issue 12: diff of the largest accepted job took 108 s and 3.2 GB).
    @Test func communicationStaysWithinItsBudget() throws {
        let text = try String(contentsOfFile: Self.original, encoding: .utf8)
        let edited = text.replacingOccurrences(
            of: "parallelism: {tp: 8, pp: 4, dp: 8}", with: "parallelism: {tp: 16, pp: 2, dp: 8}")
        let a = Self.lint(text, path: "a.yaml"), b = Self.lint(edited, path: "b.yaml")
        let specA = try #require(a.spec), specB = try #require(b.spec)
        let (unbounded, work) = WorkCounter.counting {
            SpecDiff.compare(specA, a.diagnostics, specB, b.diagnostics)
        }
        #expect(unbounded.changes.contains { $0.section == "communication" && $0.before != "not compared" })
        #expect(work[.placementWork] > 0)
        let (bounded, boundedWork) = WorkCounter.counting {
            SpecDiff.compare(specA, a.diagnostics, specB, b.diagnostics, budget: 1)
        }
        let skipped = try #require(bounded.changes.first { $0.section == "communication" })
        #expect(skipped.subject == "llama3-70b" && skipped.before == "not compared")
        #expect(skipped.after?.contains("more than is left of diff's budget of 1 units") == true)
        #expect(boundedWork[.placementWork] == 0)
    }

    @Test func nodeTypeAspects() throws {
        let diff = try Self.diff([
            (
                "sockets: {count: 2, cpu: xeon-sapphire-rapids}",
                "sockets: {count: 2, cpu: xeon-sapphire-rapids}\n    platform: {socket_ifname: \"bond0\"}"
            )
        ])
        let change = try #require(diff.changes.first { $0.section == "node_types" })
        #expect(change.subject == "dgx-h100" && change.aspect == "platform")
        #expect(change.after?.hasSuffix("socket_ifname bond0") == true)
        #expect(diff.text("a.yaml", "b.yaml").contains("  ~ dgx-h100 platform: "))
    }
}
