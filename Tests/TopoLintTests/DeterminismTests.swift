import Foundation
import Testing
import TopoDiagnostics
import TopoEmit
import TopoLint
import TopoModel

/// Output is a function of the input alone: the same bytes from every run of every command, in
/// processes with different hash seeds (Swift seeds `Hasher` per process unless
/// `SWIFT_DETERMINISTIC_HASHING` is set, so iterating a `Dictionary` or `Set` into output shows up
/// here), and the same findings and placements whatever the order of the entries of mappings whose
/// order the DSL gives no meaning (`node_types`, `networks`, `jobs`, `nodes`, NICs with explicit
/// rails, PCIe entries, the keys of any mapping).
@Suite struct DeterminismTests {
    // MARK: The CLI, three processes per command

    /// The `topospec` executable SwiftPM built beside the test bundle.
    static let executable: String? = {
        let candidates = [
            CommandLine.arguments.first.map { URL(fileURLWithPath: $0).deletingLastPathComponent() },
            Bundle.main.executableURL?.deletingLastPathComponent(),
            Optional(Bundle.main.bundleURL.deletingLastPathComponent()),
        ]
        for directory in candidates.compactMap({ $0 }) {
            let path = directory.appendingPathComponent("topospec").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// Runs `topospec ARGS` in the repository root; returns its exit status and standard output.
    static func run(_ arguments: [String], deterministicHashing: Bool) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(executable, "the topospec executable is not built"))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: RepositoryFiles.root)
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_DETERMINISTIC_HASHING"] = deterministicHashing ? "1" : nil
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static let mixed = "specs/mixed-cluster-failed-gpu.yaml"
    static let smi = "Tests/Fixtures/shared/nvidia-smi-topo/"
    static let nccl = "Tests/Fixtures/shared/nccl-xml/"

    /// Every command, with arguments that make it print something substantial.
    static let commands: [[String]] = [
        ["lint", "--format", "json", "specs", "specs/broken"],
        ["lint", "--format", "sarif", "specs", "specs/broken"],
        ["lint", "--format", "github", "specs", "specs/broken"],
        ["lint", "--format", "text", "--color", "never", "specs", "specs/broken"],
        ["lint", "--format", "json"] + HostileBudgetLints.quickFiles,
        ["matrix", "specs/dgx-h100-superpod.yaml"],
        ["matrix", mixed, "--type", "hgx-a100", "--bandwidth"],
        ["matrix", "specs/dgx-1v-cube-mesh.yaml"],
        ["place", mixed, "--job", "llama2-13b-a100", "--format", "json"],
        ["place", mixed, "--job", "llama3-8b-h100", "--format", "json"],
        ["place", "specs/gb200-nvl72.yaml", "--job", "llama3-405b", "--format", "json"],
        ["place", "specs/hgx-b200.yaml", "--job", "mixtral-8x22b", "--table"],
        ["rules", "--format", "json"],
        ["rules", "--format", "markdown"],
        ["explain", "TS218"],
        ["catalog"],
        ["catalog", "--yaml"],
        ["import", "nvidia-smi", smi + "hgx-h100-sxm-8gpu-8nic-mlx5.txt"],
        ["import", "nvidia-smi", smi + "4x-l40s-dual-socket-node-sys-2nic.txt"],
        ["import", "nvidia-smi", smi + "4gpu-mixed-rtx4090-a6000-rtx5090-phb.txt"],
        ["import", "nccl-xml", nccl + "azure-ndv4-a100-8gpu-topo.xml"],
        ["import", "nccl-xml", nccl + "aws-p4d.24xlarge-a100-8gpu-4efa-topo.xml"],
        ["report", mixed],
        ["graph", mixed],
        ["graph", mixed, "--type", "hgx-h100"],
        ["emit", "nccl-topo", mixed, "--type", "hgx-a100"],
        ["emit", "slurm-topology", mixed],
        ["emit", "k8s-labels", "specs/gb200-nvl72.yaml"],
        ["diff", "specs/dgx-a100.yaml", mixed],
    ]

    @Test(arguments: commands)
    func byteIdenticalAcrossProcessesAndHashSeeds(_ arguments: [String]) throws {
        let first = try Self.run(arguments, deterministicHashing: false)
        let second = try Self.run(arguments, deterministicHashing: false)
        let pinned = try Self.run(arguments, deterministicHashing: true)
        #expect(!first.output.isEmpty, "no output")
        #expect(first.status == second.status && first.status == pinned.status)
        #expect(first.output == second.output, "two runs differ:\n\(Self.firstDifference(first.output, second.output))")
        #expect(
            first.output == pinned.output,
            "random vs deterministic hashing differ:\n\(Self.firstDifference(first.output, pinned.output))")
    }

    /// Files written with `-o`: `place --emit all` (env files, NCCL XML, host and rank files,
    /// scripts) and `emit nccl-topo --node`, from processes with different hash seeds, are the
    /// same bytes with the same permissions. One folder serves every run (the env files name the
    /// NCCL XML by its absolute path).
    @Test func writtenFilesAreByteIdentical() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "topospec-determinism-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        var trees: [[String: (Data, Int)]] = []
        for pinned in [false, false, true] {
            let folder = base.path
            try? FileManager.default.removeItem(atPath: folder)
            let place = try Self.run(
                ["place", Self.mixed, "--job", "llama2-13b-a100", "--emit", "all", "-o", folder + "/launch"],
                deterministicHashing: pinned)
            let nccl = try Self.run(
                ["emit", "nccl-topo", Self.mixed, "--node", "a100-02", "-o", folder + "/node.xml"],
                deterministicHashing: pinned)
            #expect(place.status == 0 && nccl.status == 0)
            var tree: [String: (Data, Int)] = [:]
            let enumerator = FileManager.default.enumerator(atPath: folder)
            while let relative = enumerator?.nextObject() as? String {
                let path = folder + "/" + relative
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
                else { continue }
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                tree[relative] = (
                    try Data(contentsOf: URL(fileURLWithPath: path)), (attributes[.posixPermissions] as? Int) ?? -1
                )
            }
            trees.append(tree)
        }
        #expect((trees.first?.count ?? 0) >= 8, "\(trees.first.map { $0.keys.sorted() } ?? [])")
        for tree in trees.dropFirst() {
            #expect(Set(tree.keys) == Set(trees[0].keys))
            for (name, (data, mode)) in trees[0] {
                #expect(tree[name]?.0 == data, "\(name) differs")
                #expect(tree[name]?.1 == mode, "\(name): mode differs")
            }
        }
    }

    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let x = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let y = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(x.count, y.count) where i >= x.count || i >= y.count || x[i] != y[i] {
            return "line \(i + 1):\n- \(i < x.count ? x[i] : "(end)")\n+ \(i < y.count ? y[i] : "(end)")"
        }
        return "(same text)"
    }

    // MARK: Key order

    /// The `mixed-cluster-failed-gpu` example with findings in several sections: an
    /// oversubscribed leaf tier, TP sizes that do not divide heads or sequences, slow NICs.
    static let spec: String = {
        let text = (try? String(contentsOfFile: RepositoryFiles.root + "/" + mixed, encoding: .utf8)) ?? ""
        return text.replacingOccurrences(of: "    gpus_per_node: 4\n", with: "    gpus_per_node: 7\n")
            .replacingOccurrences(of: "parallelism: {tp: 4, dp: 4}", with: "parallelism: {tp: 7, dp: 4}")
            .replacingOccurrences(of: "{tp: 8, dp: 3}", with: "{tp: 4, pp: 2, dp: 3}")
            .replacingOccurrences(of: "gbps: 200", with: "gbps: 100")
            .replacingOccurrences(of: "radix: 40, down: 40", with: "radix: 40, down: 30, up: 10")
    }()

    /// A spec with one NIC entry per port, each with an explicit rail, and PCIe switches in a tree.
    static let railSpec = """
        topospec: 1
        cluster: rails
        node_types:
          hgx:
            gpus: {sku: h100-sxm5-80gb, count: 8}
            sockets: 2
            nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
            pcie:
              - {host_bridge: rc0, socket: 0}
              - {host_bridge: rc1, socket: 1}
              - {switch: top0, parent: rc0}
              - {switch: top1, parent: rc1}
              - {switch: pex0, parent: top0, gpus: [0, 1], nics: [cx0, cx1]}
              - {switch: pex1, parent: top0, gpus: [2, 3], nics: [cx2, cx3]}
              - {switch: pex2, parent: top1, gpus: [4, 5], nics: [cx4]}
              - {switch: pex3, parent: top1, gpus: [6, 7], nics: [cx6, cx7]}
            nics:
              cx0: {sku: connectx-7, network: ib, rail: 0}
              cx1: {sku: connectx-7, network: ib, rail: 1}
              cx2: {sku: connectx-7, network: ib, rail: 2}
              cx3: {sku: connectx-7, network: ib, rail: 3}
              cx4: {sku: connectx-7, network: ib, rail: 4}
              cx6: {sku: connectx-7, network: ib, rail: 6}
              cx7: {sku: connectx-7, network: ib, rail: 7}
              eth0: {sku: connectx-6-dx, network: storage}
        networks:
          ib: {fabric: infiniband, gbps: 400, topology: rail-optimized-fat-tree, rails: 8, tiers: [{radix: 64, down: 32, up: 16}]}
          storage: {fabric: ethernet, role: storage, gbps: 100}
        nodes:
          "n[01-08]": {type: hgx, rack: "r[1-2]"}
        jobs:
          train:
            nodes: "n[01-08]"
            parallelism: {tp: 4, pp: 2, dp: 8}
            model: {params: 70B, layers: 80, hidden: 8192, heads: 64, dtype: bf16}
            batch: {micro: 1, seq: 4096, global: 256}

        """

    /// Lines of `text` split into the block that starts at `header` (a line of its own) and the
    /// entries under it: each entry is its first line at `indent` spaces plus the lines that follow
    /// it more deeply indented; comment lines go with the entry after them.
    static func reversingEntries(under header: String, indent: Int, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: header) else { return text }
        let headerIndent = header.prefix { $0 == " " }.count
        var end = start + 1
        while end < lines.count {
            let line = lines[end]
            let trimmed = line.drop { $0 == " " }
            if !trimmed.isEmpty && line.prefix(while: { $0 == " " }).count <= headerIndent { break }
            end += 1
        }
        var entries: [[String]] = []
        var pending: [String] = []
        for line in lines[(start + 1)..<end] {
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                pending.append(line)
            } else if line.prefix(while: { $0 == " " }).count == indent {
                entries.append(pending + [line])
                pending = []
            } else if !entries.isEmpty {
                entries[entries.count - 1] += pending + [line]
                pending = []
            } else {
                pending.append(line)
            }
        }
        lines.replaceSubrange((start + 1)..<end, with: entries.reversed().flatMap { $0 } + pending)
        return lines.joined(separator: "\n")
    }

    /// The top-level sections of `text` in reverse order (the comment block at the top stays).
    static func reversingSections(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var head: [String] = []
        var sections: [[String]] = []
        for line in lines {
            if let first = line.first, first != " ", first != "#" {
                sections.append([line])
            } else if sections.isEmpty {
                head.append(line)
            } else {
                sections[sections.count - 1].append(line)
            }
        }
        return (head + sections.reversed().flatMap { $0 }).joined(separator: "\n") + "\n"
    }

    /// Reverses the order of the keys of every single-line flow mapping `{a: 1, b: 2}` whose
    /// values hold no nested brackets.
    static func reversingFlowMappings(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}"), open < close else {
                return String(line)
            }
            let inner = line[line.index(after: open)..<close]
            guard !inner.contains("{"), !inner.contains("["), !inner.contains("\"") else { return String(line) }
            let items = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let reversed = items.reversed().joined(separator: ", ")
            return String(line[..<open]) + "{" + reversed + "}" + String(line[line.index(after: close)...])
        }.joined(separator: "\n")
    }

    /// What must not change: the findings without their locations, and each job's placement JSON
    /// and each node type's matrix (found by name).
    struct Outcome: Equatable {
        var findings: [String]
        var placements: [String: String]
        var matrices: [String: String]
    }

    static func outcome(_ text: String, matrices: Bool = true) throws -> Outcome {
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "spec.yaml")
        let findings = report.diagnostics.map { "\($0.code) \($0.severity) \($0.message) \($0.help ?? "")" }.sorted()
        guard let spec = report.spec else { return Outcome(findings: findings, placements: [:], matrices: [:]) }
        var placements: [String: String] = [:]
        for job in spec.jobs {
            switch PlacementReport.plan(spec: spec, jobName: job.name, seed: 1, seconds: 60) {
            case let .success(plan): placements[job.name] = PlacementReport.json(plan, spec: spec, jobName: job.name)
            case let .failure(failure): placements[job.name] = "failure: \(failure)"
            }
        }
        var rendered: [String: String] = [:]
        if matrices {
            for (index, type) in spec.nodeTypes.enumerated() {
                rendered[type.name] = TopologyMatrix.render(spec: spec, typeID: NodeTypeID(index), bandwidth: true)
            }
        }
        return Outcome(findings: findings, placements: placements, matrices: rendered)
    }

    @Test func theTestSpecsHaveFindingsAndPlacements() throws {
        let mixed = try Self.outcome(Self.spec)
        #expect(mixed.findings.count >= 3, "\(mixed.findings)")
        #expect(mixed.placements.count == 2)
        let rails = try Self.outcome(Self.railSpec)
        #expect(!rails.findings.isEmpty, "\(rails.findings)")
        #expect(rails.placements["train"]?.hasPrefix("{") == true, "\(rails.placements)")
    }

    static let reorderings: [(name: String, spec: String, transform: @Sendable (String) -> String)] = [
        ("node_types", spec, { DeterminismTests.reversingEntries(under: "node_types:", indent: 2, in: $0) }),
        ("networks", spec, { DeterminismTests.reversingEntries(under: "networks:", indent: 2, in: $0) }),
        ("jobs", spec, { DeterminismTests.reversingEntries(under: "jobs:", indent: 2, in: $0) }),
        ("nodes", spec, { DeterminismTests.reversingEntries(under: "nodes:", indent: 2, in: $0) }),
        ("top-level sections", spec, { DeterminismTests.reversingSections($0) }),
        ("keys of a node type", spec, { DeterminismTests.reversingEntries(under: "  hgx-a100:", indent: 4, in: $0) }),
        ("keys of a job", spec, { DeterminismTests.reversingEntries(under: "  llama3-8b-h100:", indent: 4, in: $0) }),
        ("keys of flow mappings", spec, { DeterminismTests.reversingFlowMappings($0) }),
        (
            "everything at once", spec,
            { text in
                let types = DeterminismTests.reversingEntries(under: "node_types:", indent: 2, in: text)
                let jobs = DeterminismTests.reversingEntries(under: "jobs:", indent: 2, in: types)
                return DeterminismTests.reversingFlowMappings(DeterminismTests.reversingSections(jobs))
            }
        ),
        (
            "NIC entries with rails", railSpec,
            { DeterminismTests.reversingEntries(under: "    nics:", indent: 6, in: $0) }
        ),
        ("PCIe entries", railSpec, { DeterminismTests.reversingEntries(under: "    pcie:", indent: 6, in: $0) }),
        ("networks (rails)", railSpec, { DeterminismTests.reversingEntries(under: "networks:", indent: 2, in: $0) }),
        ("keys of flow mappings (rails)", railSpec, { DeterminismTests.reversingFlowMappings($0) }),
    ]

    @Test(arguments: reorderings.indices)
    func independentOfTheOrderOfEntries(_ index: Int) throws {
        let (name, spec, transform) = Self.reorderings[index]
        let reordered = transform(spec)
        #expect(reordered != spec, "\(name): the reordering changed nothing")
        let before = try Self.outcome(spec, matrices: !name.hasPrefix("NIC"))
        let after = try Self.outcome(reordered, matrices: !name.hasPrefix("NIC"))
        #expect(after.findings == before.findings, "\(name):\n\(before.findings)\n\(after.findings)\n\(reordered)")
        #expect(after.placements == before.placements, "\(name)")
        #expect(after.matrices == before.matrices, "\(name)")
    }
}
