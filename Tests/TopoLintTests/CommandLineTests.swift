import Foundation
import Testing

/// What a new user meets at the command line (issue 17), run through the built `topospec`.
@Suite struct CommandLineTests {
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `topospec ARGS` in `folder` (default: the repository root) with `input` on standard input.
    static func run(
        _ arguments: [String], input: Data = Data(), in folder: String = RepositoryFiles.root
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: try #require(DeterminismTests.executable, "the topospec executable is not built"))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            errors: String(decoding: errors, as: UTF8.self))
    }

    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "topospec-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `place --seconds` bounds the whole command (issue 12): with no time at all it still prints
    /// the cheap part (the default order and Megatron's, evaluated) and says on stderr what it cut.
    @Test func placeWithNoTimeDoesTheCheapPartAndSaysSo() throws {
        let outcome = try Self.run(["place", "specs/dgx-h100-superpod.yaml", "--job", "llama3-70b", "--seconds", "0"])
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.errors.contains("topospec: note: search and lower bound skipped"), "\(outcome.errors)")
        #expect(outcome.errors.contains("dimension orders not evaluated"), "\(outcome.errors)")
        #expect(!outcome.output.isEmpty)
    }

    /// NVLink declared on RTX 4090s: `place` says the spec has errors and writes no launch files
    /// unless --force.
    @Test func placeRefusesLaunchFilesFromASpecWithErrors() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spec = """
            topospec: 1
            cluster: c
            node_types:
              ws:
                gpus: {sku: rtx-4090, count: 4}
                nvlink: {bridges: [[0, 1], [2, 3]]}
            nodes:
              ws01: {type: ws}
            jobs:
              j: {nodes: ws01, parallelism: {tp: 2, dp: 2}, model: {params: 1B, layers: 16, hidden: 2048}, batch: {micro: 1, seq: 2048, global: 8}}

            """
        try spec.write(toFile: folder + "/ws.yaml", atomically: true, encoding: .utf8)
        let refused = try Self.run(["place", "ws.yaml", "--job", "j", "--emit", "hostfile", "-o", "out"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("ws.yaml has 1 error"), "\(refused.errors)")
        #expect(refused.errors.contains("--force"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        let forced = try Self.run(
            ["place", "ws.yaml", "--job", "j", "--emit", "hostfile", "-o", "out", "--force"], in: folder)
        #expect(forced.status == 0, "\(forced.errors)")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/hostfile"))
        let printed = try Self.run(["place", "ws.yaml", "--job", "j"], in: folder)
        #expect(printed.status == 0)
        #expect(printed.errors.contains("warning: ws.yaml has 1 error"))
    }

    @Test func importReadsStandardInput() throws {
        let capture = try Data(
            contentsOf: URL(
                fileURLWithPath: RepositoryFiles.root
                    + "/Tests/Fixtures/shared/nvidia-smi-topo/4x-l40s-dual-socket-node-sys-2nic.txt"))
        let piped = try Self.run(["import", "nvidia-smi", "-"], input: capture)
        let fromFile = try Self.run([
            "import", "nvidia-smi", "Tests/Fixtures/shared/nvidia-smi-topo/4x-l40s-dual-socket-node-sys-2nic.txt",
        ])
        #expect(piped.status == 0, "\(piped.errors)")
        #expect(piped.output.contains("from <stdin>"))
        #expect(
            piped.output.replacingOccurrences(of: "<stdin>", with: "4x-l40s-dual-socket-node-sys-2nic.txt")
                == fromFile.output.replacingOccurrences(of: "Tests/Fixtures/shared/nvidia-smi-topo/", with: ""))
        let empty = try Self.run(["import", "nccl-xml", "-"])
        #expect(empty.status == 2)
    }

    @Test func matrixNodeAndTypeMustAgree() throws {
        let conflict = try Self.run([
            "matrix", "specs/mixed-cluster-failed-gpu.yaml", "--node", "h100-03", "--type", "hgx-a100",
        ])
        #expect(conflict.status == 2)
        #expect(conflict.errors.contains("is of type `hgx-h100`, not `hgx-a100`"), "\(conflict.errors)")
        let node = try Self.run(["matrix", "specs/mixed-cluster-failed-gpu.yaml", "--node", "h100-03"])
        #expect(node.status == 0)
        #expect(node.output.contains("FAIL"))
    }

    @Test func explainSuggestsSlugs() throws {
        let outcome = try Self.run(["explain", "tp-over-pcie"])
        #expect(outcome.status == 2)
        #expect(outcome.errors.contains("did you mean `tensor-parallel-over-pcie`?"), "\(outcome.errors)")
    }

    @Test func missingFileHasNoEmptyExcerpt() throws {
        let outcome = try Self.run(["lint", "nonexist.yaml"])
        #expect(outcome.status == 2)
        let printed = outcome.output + outcome.errors
        #expect(!printed.contains(" | "), "\(printed)")
        #expect(printed.contains("nonexist.yaml:1:1: error[TS090]: no such file\n"))
    }
}
