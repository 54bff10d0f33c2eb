import Foundation
import Testing

/// The JSON outputs of `lint`, `place`, `collective`, `verify` and `diff`, run through the built
/// `topospec` on the example specs and the real captures, validate against their schemas in
/// grammar/outputs: every key the output carries is declared there (a field added to an output
/// without the schema fails here), every required key is there, with its type and values.
@Suite struct OutputSchemaTests {
    static let mixed = "specs/mixed-cluster-failed-gpu.yaml"
    static let systems = "Tests/Fixtures/collective/systems.yaml"
    static let commands = ["lint", "place", "collective", "verify", "diff"]

    static func schema(_ command: String) throws -> JSONSchemaCheck {
        let path = RepositoryFiles.root + "/grammar/outputs/\(command).schema.json"
        return JSONSchemaCheck(root: try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// Runs `topospec ARGS` in `folder` and checks its standard output against `command`'s schema.
    static func expectValid(
        _ command: String, _ arguments: [String], in folder: String = RepositoryFiles.root,
        status expected: Set<Int32> = [0]
    ) throws {
        let outcome = try CommandLineTests.run(arguments, in: folder)
        #expect(expected.contains(outcome.status), "\(arguments): exit \(outcome.status)\n\(outcome.errors)")
        let value = try JSONValue.parse(Data(outcome.output.utf8))
        let problems = try schema(command).problems(value)
        #expect(
            problems.isEmpty, "\(arguments.joined(separator: " ")):\n\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test func schemasAreVersionedDraft2020WithStableIDs() throws {
        for command in Self.commands {
            let root = try Self.schema(command).root
            #expect(root["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"), "\(command)")
            #expect(root["$id"] == .string("urn:topospec:output:\(command):v1"), "\(command)")
            // The version the output carries is the schema's: a const, in every branch.
            let text = try String(
                contentsOfFile: RepositoryFiles.root + "/grammar/outputs/\(command).schema.json", encoding: .utf8)
            #expect(text.contains("\"const\": 1"), "\(command)")
        }
    }

    @Test(arguments: [
        ["lint", "--format", "json", "specs", "specs/broken"],
        ["lint", "--format", "json", "specs/placement"],
        ["lint", "--format", "json"] + HostileBudgetLints.quickFiles,
    ])
    func lintOutputMatchesItsSchema(_ arguments: [String]) throws {
        try Self.expectValid("lint", arguments, status: [0, 1, 2])
    }

    /// Every job of every example spec.
    @Test(arguments: [
        ("specs/aws-p4d.yaml", "llama2-13b"), ("specs/dgx-1v-cube-mesh.yaml", "megatron-gpt2-4b"),
        ("specs/dgx-2.yaml", "megatron-gpt2-8.3b"), ("specs/dgx-a100.yaml", "llama2-13b"),
        ("specs/dgx-h100-superpod.yaml", "llama3-70b"), ("specs/gb200-nvl72.yaml", "llama3-405b"),
        ("specs/h100-nvl-pairs.yaml", "llama3-8b-finetune"), ("specs/hgx-b200.yaml", "mixtral-8x22b"),
        ("specs/mi300x-node.yaml", "llama3-70b"), (mixed, "llama3-8b-h100"), (mixed, "llama2-13b-a100"),
        ("specs/rtx3090-nvlink-bridge.yaml", "llama3.2-1b-tp2"), ("specs/rtx4090-8x.yaml", "llama3.2-1b"),
        ("specs/placement/long-context.yaml", "long-context"),
    ])
    func placeOutputMatchesItsSchema(_ spec: String, _ job: String) throws {
        try Self.expectValid("place", ["place", spec, "--job", job, "--seconds", "1", "--format", "json"])
    }

    @Test(arguments: [
        [
            "collective", systems, "--op", "all_gather", "--nodes", "a4-[01-02]", "--sweep", "1M:1G:32", "--format",
            "json",
        ],
        ["collective", systems, "--op", "all_reduce", "--nodes", "h100-01", "--format", "json"],
        [
            "collective", "specs/gb200-nvl72.yaml", "--op", "alltoall", "--nodes", "r01-c[01-18]", "--sweep", "8:1G:64",
            "--format", "json",
        ],
    ])
    func collectivePredictionMatchesItsSchema(_ arguments: [String]) throws {
        try Self.expectValid("collective", arguments)
    }

    /// nccl-tests output of one 8-GPU HGX H100 node: the prediction and, through `verify`, a run.
    static let ncclTestsRun = """
        # Collective test starting: all_reduce_perf
        #  Rank  0 Group  0 Pid   1 on  node01 device  0 [0x18] NVIDIA H100 80GB HBM3
        #  Rank  1 Group  0 Pid   1 on  node01 device  1 [0x2a] NVIDIA H100 80GB HBM3
        #  Rank  2 Group  0 Pid   1 on  node01 device  2 [0x3a] NVIDIA H100 80GB HBM3
        #  Rank  3 Group  0 Pid   1 on  node01 device  3 [0x5d] NVIDIA H100 80GB HBM3
        #  Rank  4 Group  0 Pid   1 on  node01 device  4 [0x84] NVIDIA H100 80GB HBM3
        #  Rank  5 Group  0 Pid   1 on  node01 device  5 [0x8b] NVIDIA H100 80GB HBM3
        #  Rank  6 Group  0 Pid   1 on  node01 device  6 [0x91] NVIDIA H100 80GB HBM3
        #  Rank  7 Group  0 Pid   1 on  node01 device  7 [0xe4] NVIDIA H100 80GB HBM3
        #       size         count      type   redop    root     time   algbw   busbw #wrong     time   algbw   busbw #wrong
          4294967296    1073741824     float     sum      -1    15900  270.13  472.72      0    15900  270.13  472.72      0
          8589934592    2147483648     float     sum      -1    63000  136.35  238.61      0    63000  136.35  238.61      0

        """

    @Test func collectiveComparisonMatchesItsSchema() throws {
        let folder = try CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.ncclTestsRun.write(toFile: folder + "/run.txt", atomically: true, encoding: .utf8)
        try Self.expectValid(
            "collective",
            [
                "collective", RepositoryFiles.root + "/" + Self.systems, "--compare", folder + "/run.txt",
                "--nodes", "h100-01", "--format", "json",
            ], status: [1])
    }

    @Test(arguments: [
        ["diff", "specs/dgx-a100.yaml", mixed, "--format", "json"],
        ["diff", "specs/hgx-b200.yaml", "specs/dgx-h100-superpod.yaml", "--format", "json"],
        ["diff", "specs/gb200-nvl72.yaml", "specs/gb200-nvl72.yaml", "--format", "json"],
    ])
    func diffOutputMatchesItsSchema(_ arguments: [String]) throws {
        try Self.expectValid("diff", arguments, status: arguments[1] == arguments[2] ? [0] : [1])
    }

    /// A fleet made from the real HGX H100 capture: node01 captured (with a one-node nccl-tests
    /// run), node02 not captured, node09 captured but not declared, node03's capture truncated.
    @Test func verifyOutputMatchesItsSchema() throws {
        let folder = try CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let capturePath =
            RepositoryFiles.root + "/Tests/Fixtures/shared/nvidia-smi-topo/hgx-h100-sxm-8gpu-8nic-mlx5.txt"
        let capture = try String(contentsOfFile: capturePath, encoding: .utf8)
        let imported = try CommandLineTests.run(["import", "nvidia-smi", capturePath], in: folder)
        #expect(imported.status == 0, "\(imported.errors)")
        let spec = imported.output.replacingOccurrences(
            of: "  node01: {type: imported}", with: "  \"node[01-02]\": {type: imported}")
        #expect(spec != imported.output)
        try spec.write(toFile: folder + "/fleet.yaml", atomically: true, encoding: .utf8)
        let captures = folder + "/captures"
        try FileManager.default.createDirectory(atPath: captures, withIntermediateDirectories: true)
        try capture.write(toFile: captures + "/node01.nvidia-smi.txt", atomically: true, encoding: .utf8)
        try capture.write(toFile: captures + "/node09.nvidia-smi.txt", atomically: true, encoding: .utf8)
        try Self.ncclTestsRun.write(toFile: captures + "/node01.nccl-tests.txt", atomically: true, encoding: .utf8)
        try Self.expectValid(
            "verify", ["verify", "fleet.yaml", "captures", "--format", "json"], in: folder, status: [1])
        try String(capture.prefix(200)).write(
            toFile: captures + "/node02.nvidia-smi.txt", atomically: true, encoding: .utf8)
        try Self.expectValid(
            "verify", ["verify", "fleet.yaml", "captures", "--format", "json"], in: folder, status: [2])
    }

    /// The check can fail: a key the schema does not declare, a wrong version and a missing key
    /// are each reported.
    @Test func undeclaredKeysAndWrongVersionsAreCaught() throws {
        let outcome = try CommandLineTests.run([
            "lint", "--format", "json", "specs/broken/TS101-nvlink-on-rtx4090.yaml",
        ])
        guard case var .object(document) = try JSONValue.parse(Data(outcome.output.utf8)) else {
            Issue.record("lint output is not an object")
            return
        }
        let schema = try Self.schema("lint")
        #expect(schema.problems(.object(document)).isEmpty)
        document["new_field"] = .bool(true)
        #expect(schema.problems(.object(document)).contains { $0.contains("`new_field` is not declared") })
        document["new_field"] = nil
        document["schema_version"] = .int(2)
        #expect(!schema.problems(.object(document)).isEmpty)
        document["schema_version"] = nil
        #expect(schema.problems(.object(document)).contains { $0.contains("`schema_version` is missing") })
    }
}
