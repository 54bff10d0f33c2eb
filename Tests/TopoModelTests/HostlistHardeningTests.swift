import Testing
import TopoDiagnostics

@testable import TopoModel

/// Hostile hostlists found while hardening (issue 7): bounded in stack, memory and work.
@Suite struct HostlistHardeningTests {
    /// `r[1][1]…` with 100,000 bracket groups once recursed one stack frame per group (a stack
    /// overflow, signal 11) and built every prefix of the name (quadratic memory). The work,
    /// counted in characters read and written, is linear: a few times the input, and double the
    /// groups cost double (a quadratic cost would quadruple).
    @Test func tenThousandsOfBracketGroups() throws {
        func expand(groups: Int) -> (names: [String]?, work: Int) {
            let text = "r" + String(repeating: "[1]", count: groups) + "[1-3]"
            let (result, work) = WorkCounter.counting { Hostlist.expand(text) }
            return (try? result.get(), work[.hostlistCharacters])
        }
        let (full, work) = expand(groups: 100_000)
        let names = try #require(full)
        #expect(names.count == 3)
        #expect(names.map(\.count) == [100_002, 100_002, 100_002])
        #expect(names.map { $0.suffix(2) } == ["11", "12", "13"])
        #expect(work <= 10 * 300_006, "\(work) characters for a 300,006-character expression")
        let (_, half) = expand(groups: 50_000)
        #expect(half > 0)
        #expect(Double(work) / Double(half) < 2.2, "\(half) → \(work)")
    }

    /// A 200 KB literal times a million names once asked for 200 GB; the characters of the names
    /// are bounded before anything is expanded.
    @Test func charactersAreBoundedBeforeExpanding() throws {
        let long = Hostlist.expand("r" + String(repeating: "x", count: 200_000) + "[1-1000000]")
        guard case let .failure(failure) = long else {
            Issue.record("a 200,000-character literal times 1,000,000 names was expanded")
            return
        }
        #expect(failure.offset == 0)
        #expect(failure.message.contains("characters"))
        let many = Hostlist.expand("a,b," + String(repeating: "r", count: 100) + "[1-1048570]")
        guard case let .failure(second) = many else {
            Issue.record("1,048,570 names of 107 characters were expanded")
            return
        }
        #expect(second.offset == 4)
        // Large but reasonable lists still expand.
        let fine = try #require(
            try? Hostlist.expand("node-" + String(repeating: "x", count: 40) + "[0000001-1048576]").get())
        #expect(fine.count == 1_048_576)
        #expect(fine.last == "node-" + String(repeating: "x", count: 40) + "1048576")
    }

    /// The iterative expansion keeps Slurm's order: brackets multiply left to right, the last one
    /// varying fastest; lists inside brackets in their written order; top-level commas join.
    @Test func orderIsUnchanged() {
        let names = try? Hostlist.expand("r[1-2]n[3,1]g[08-09],login1").get()
        #expect(
            names == ["r1n3g08", "r1n3g09", "r1n1g08", "r1n1g09", "r2n3g08", "r2n3g09", "r2n1g08", "r2n1g09", "login1"])
    }
}
