import Testing
import TopoDiagnostics

@testable import TopoModel

private func expand(_ text: String) -> [String]? {
    if case let .success(names) = Hostlist.expand(text) { return names }
    return nil
}

private func failure(_ text: String) -> Hostlist.Failure? {
    if case let .failure(f) = Hostlist.expand(text) { return f }
    return nil
}

@Suite struct HostlistTests {
    @Test func singleNameIsItself() {
        #expect(expand("gpu001") == ["gpu001"])
    }

    @Test func zeroPaddingFollowsTheLowerBound() throws {
        let names = try #require(expand("gpu[001-128]"))
        #expect(names.count == 128)
        #expect(names.first == "gpu001")
        #expect(names[9] == "gpu010")
        #expect(names.last == "gpu128")
        #expect(expand("n[8-10]") == ["n8", "n9", "n10"])
        #expect(expand("n[08-10]") == ["n08", "n09", "n10"])
    }

    @Test func listsInsideBrackets() {
        #expect(expand("gpu[001-003,007]") == ["gpu001", "gpu002", "gpu003", "gpu007"])
    }

    @Test func severalBracketsMultiplyLeftToRight() {
        #expect(expand("r[1-2]n[1-2]") == ["r1n1", "r1n2", "r2n1", "r2n2"])
        #expect(expand("rack[1-2]-gpu[01-03]")?.count == 6)
    }

    @Test func topLevelCommasJoin() {
        #expect(expand("login1,gpu[1-2]") == ["login1", "gpu1", "gpu2"])
    }

    @Test func malformedExpressionsAreLocated() throws {
        let reversed = try #require(failure("gpu[010-001]"))
        #expect(reversed.message.contains("010-001"))
        #expect(reversed.offset == 4)
        #expect(failure("gpu[1-2")?.message.contains("never closed") == true)
        #expect(failure("gpu1-2]")?.message.contains("without a matching") == true)
        #expect(failure("gpu[]") != nil)
        #expect(failure("gpu[a-b]") != nil)
        #expect(failure("gpu[[1-2]]") != nil)
        #expect(failure("a,,b")?.message.contains("empty name") == true)
        #expect(failure("gpu 1") != nil)
        #expect(failure("") != nil)
    }

    @Test func hugeRangesAreRefusedWithoutExpanding() throws {
        let (result, work) = WorkCounter.counting { failure("n[0-999999999]") }
        #expect(result?.message.contains("more than") == true)
        #expect(work[.hostlistNames] == 0)
        #expect(work[.hostlistCharacters] <= 2 * "n[0-999999999]".count)
        #expect(failure("a[1-100000]b[1-100000]")?.message.contains("more than") == true)
        #expect(failure("n[1-9999999999999999999999]") != nil)
    }
}

@Suite struct HostlistCompressionTests {
    @Test func compressesRunsAndKeepsPadding() {
        #expect(Hostlist.compress(["gpu001", "gpu002", "gpu003", "gpu007"]) == "gpu[001-003,007]")
        #expect(
            Hostlist.compress(
                (1...128).map { "gpu" + String(repeating: "0", count: 3 - String($0).count) + String($0) })
                == "gpu[001-128]")
        #expect(Hostlist.compress(["n8", "n9", "n10"]) == "n[8-10]")
        #expect(Hostlist.compress(["login", "gpu01"]) == "login,gpu01")
        #expect(Hostlist.compress(["r01-c01", "r01-c02", "r02-c01"]) == "r01-c[01-02],r02-c01")
    }

    @Test(arguments: ["gpu[001-128]", "a[1-3],b[07-09],c", "rack1-n[1-4]", "x[0-2]y", "n[1-5,7,9-12]"])
    func compressionRoundTrips(expression: String) throws {
        let names = try Hostlist.expand(expression).get()
        let compressed = Hostlist.compress(names)
        #expect(try Set(Hostlist.expand(compressed).get()) == Set(names))
        #expect(compressed.count <= expression.count + 2)
    }
}
