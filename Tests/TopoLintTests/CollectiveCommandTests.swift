import Foundation
import Testing

/// `topospec collective` through the CLI: exit statuses, the JSON shape, and `--compare` on a
/// run that falls short.
@Suite struct CollectiveCommandTests {
    static let spec = "Tests/Fixtures/collective/systems.yaml"

    @Test(arguments: [
        ["--op", "all_reduce"],  // no --nodes
        ["--op", "allreduce", "--nodes", "h100-01"],  // unknown op
        ["--op", "all_reduce", "--nodes", "h100-99"],  // unknown node
        ["--op", "all_reduce", "--nodes", "h100-01", "--bytes", "12Q"],  // bad size
        ["--op", "all_reduce", "--nodes", "h100-01", "--sweep", "1G:8:2"],  // MIN > MAX
        ["--op", "all_reduce", "--nodes", "h100-01", "--gpus-per-node", "9"],
        ["--op", "all_reduce", "--nodes", "h100-01", "--algo", "pat"],  // PAT is not for all-reduce
        ["--op", "all_reduce", "--nodes", "h100-01", "--format", "yaml"],
    ])
    func badArgumentsExitTwo(arguments: [String]) throws {
        let (status, _) = try DeterminismTests.run(["collective", Self.spec] + arguments, deterministicHashing: true)
        #expect(status == 2)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let (status, output) = try DeterminismTests.run(
            [
                "collective", Self.spec, "--op", "all_gather", "--nodes", "a4-[01-02]", "--sweep", "1M:1G:32",
                "--format", "json",
            ],
            deterministicHashing: true)
        #expect(status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(object["op"] as? String == "all_gather")
        #expect(object["ranks"] as? Int == 16 && object["nodes"] as? Int == 2)
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["bytes"] as? Int } == [1 << 20, 1 << 25, 1 << 30])
        for key in ["time_us", "algbw_gbs", "busbw_gbs", "algorithm", "protocol"] {
            #expect(results.allSatisfy { $0[key] != nil }, "\(key)")
        }
    }

    @Test func compareFlagsAShortfallWithExitOne() throws {
        let run = """
            # Collective test starting: all_reduce_perf
            #  Rank  0 Group  0 Pid   1 on  hostA device  0 [0x18] NVIDIA H100 80GB HBM3
            #  Rank  1 Group  0 Pid   1 on  hostA device  1 [0x2a] NVIDIA H100 80GB HBM3
            #  Rank  2 Group  0 Pid   1 on  hostA device  2 [0x3a] NVIDIA H100 80GB HBM3
            #  Rank  3 Group  0 Pid   1 on  hostA device  3 [0x5d] NVIDIA H100 80GB HBM3
            #  Rank  4 Group  0 Pid   1 on  hostA device  4 [0x84] NVIDIA H100 80GB HBM3
            #  Rank  5 Group  0 Pid   1 on  hostA device  5 [0x8b] NVIDIA H100 80GB HBM3
            #  Rank  6 Group  0 Pid   1 on  hostA device  6 [0x91] NVIDIA H100 80GB HBM3
            #  Rank  7 Group  0 Pid   1 on  hostA device  7 [0xe4] NVIDIA H100 80GB HBM3
            #       size         count      type   redop    root     time   algbw   busbw #wrong     time   algbw   busbw #wrong
              4294967296    1073741824     float     sum      -1    15900  270.13  472.72      0    15900  270.13  472.72      0
              8589934592    2147483648     float     sum      -1    63000  136.35  238.61      0    63000  136.35  238.61      0
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("collective-compare-\(getpid()).txt")
        try run.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try DeterminismTests.run(
            ["collective", Self.spec, "--compare", file.path, "--nodes", "h100-01"],
            deterministicHashing: true)
        #expect(status == 1)
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.components(separatedBy: "LOW").count == 2, "only the 8 GiB row falls short:\n\(text)")
    }
}
