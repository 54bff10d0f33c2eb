import Foundation
import Testing
import TopoEmit
import TopoLint
import TopoModel
import TopoRules
import TopoTopology

/// Launch files of placed jobs: golden files, what each file must say, the placements torchrun
/// cannot express, and env.sh run through bash.
@Suite struct LaunchFilesTests {
    /// A job of a real spec placed in its default (Megatron) order.
    static func placement(_ file: String, job: String) throws -> LaunchFilesEmitter.Placement {
        let spec = try Golden.spec(file)
        let context = SpecAnalysis(spec: spec)
        let index = try #require(spec.jobs.firstIndex { $0.name == job })
        let layout = try #require(context.layouts[index])
        return LaunchFilesEmitter.Placement(context: context, job: spec.jobs[index], slots: layout.slots, source: file)
    }

    static func contents(_ files: [LaunchFilesEmitter.File], _ path: String) throws -> String {
        try #require(files.first { $0.path == path }?.contents, "no \(path) among \(files.map(\.path))")
    }

    @Test func goldenFilesOfAFailedGPUCluster() throws {
        let p = try Self.placement("mixed-cluster-failed-gpu.yaml", job: "llama3-8b-h100")
        let (files, failures) = LaunchFilesEmitter.files(p, kinds: LaunchFilesEmitter.Kind.allCases)
        #expect(failures.isEmpty)
        // The spec gives no bus ids, so no topology file is written or pointed at.
        #expect(
            files.map(\.path) == [
                "env.sh", "env/h100-01.env", "env/h100-02.env", "env/h100-03.env", "env/h100-04.env",
                "hostfile", "rankfile", "slurm-hostfile", "torchrun.sh", "ranks.json",
            ])
        for file in files where !file.path.hasPrefix("nccl/") && !file.path.hasPrefix("env/") {
            Golden.check(file.contents, "mixed-cluster-failed-gpu.launch." + file.path)
        }
        Golden.check(try Self.contents(files, "env/h100-03.env"), "mixed-cluster-failed-gpu.launch.h100-03.env")
        let slurm = try Self.contents(files, "slurm-hostfile").split(separator: "\n")
        #expect(slurm.count == 16 && slurm.first == "h100-01")
    }

    @Test func environmentNamesExactNICs() throws {
        let p = try Self.placement("dgx-h100-superpod.yaml", job: "llama3-70b")
        let env = try Self.contents(LaunchFilesEmitter.files(p, kinds: [.env]).files, "env.sh")
        #expect(env.contains("export CUDA_DEVICE_ORDER=PCI_BUS_ID\n"))
        // `=` makes NCCL match mlx5_1 exactly instead of also taking mlx5_10, mlx5_11.
        #expect(env.contains("export NCCL_IB_HCA==mlx5_0:1,"))
        #expect(!env.contains("export NCCL_SOCKET_IFNAME"), "the spec names no socket interface")
        // Invented bus ids: NCCL must read the machine itself.
        #expect(env.contains("# NCCL_TOPO_FILE not set: its file would invent GPU bus ids"))
        #expect(!env.contains("export NCCL_TOPO_FILE"))
        // The spine joins the rails: NCCL's default cross-NIC policy is right, and said so.
        #expect(env.contains("# NCCL_CROSS_NIC not set: NCCL's default (2, graph/search.cc)"))
        #expect(!env.contains("export NCCL_CROSS_NIC"))
        #expect(env.contains("# NCCL_NVLS_ENABLE not set"))
    }

    /// p4d gives real bus ids, EFA device names and its CPU: its file is exact, so both env.sh and
    /// the .env files point NCCL at it, the .env files under the install path.
    @Test func topologyFileWhenExact() throws {
        var p = try Self.placement("aws-p4d.yaml", job: "llama2-13b")
        p.folder = "/opt/job"
        let (files, _) = LaunchFilesEmitter.files(p, kinds: [.env])
        let env = try Self.contents(files, "env.sh")
        #expect(env.contains("    export NCCL_TOPO_FILE=\"$TOPOSPEC_DIR/nccl/p4d.24xlarge.xml\"\n"))
        #expect(try Self.contents(files, "env/p4d-1.env").contains("\nNCCL_TOPO_FILE=/opt/job/nccl/p4d.24xlarge.xml\n"))
        #expect(try Self.contents(files, "nccl/p4d.24xlarge.xml").contains("<net name=\"rdmap16s27\""))
        // Second-generation NVSwitch (A100) has no NVLink SHARP: nothing to say about NCCL_NVLS_ENABLE.
        #expect(!env.contains("NCCL_NVLS_ENABLE"))
    }

    @Test func efaUsesTheLibfabricProvider() throws {
        let p = try Self.placement("aws-p4d.yaml", job: "llama2-13b")
        let env = try Self.contents(LaunchFilesEmitter.files(p, kinds: [.env]).files, "env.sh")
        #expect(env.contains("export FI_PROVIDER=efa\n"))
        #expect(!env.contains("NCCL_IB_HCA"))
    }

    @Test func amdNodesGetHIPDevicesAndNoNCCLTopologyFile() throws {
        let p = try Self.placement("mi300x-node.yaml", job: "llama3-70b")
        let (files, _) = LaunchFilesEmitter.files(p, kinds: [.env])
        let env = try Self.contents(files, "env.sh")
        #expect(env.contains("export HIP_VISIBLE_DEVICES=0,1,2,3,4,5,6,7\n"))
        #expect(!env.contains("CUDA_VISIBLE_DEVICES"))
        #expect(env.contains("# NCCL_TOPO_FILE not set: "))
        #expect(files.map(\.path) == ["env.sh"] + (1...4).map { "env/mi300x-0\($0).env" })
    }

    /// A placement that interleaves nodes gets no torchrun file, with the reason; the rank-order
    /// files follow it exactly.
    @Test func interleavedPlacementHasNoTorchrun() throws {
        var p = try Self.placement("dgx-a100.yaml", job: "llama2-13b")
        // Swap ranks 1 and 8: node 0 now holds 0,2-8 and node 1 holds 1,9-15.
        p.slots.swapAt(1, 8)
        let (files, failures) = LaunchFilesEmitter.files(p, kinds: [.torchrun, .slurmHostfile, .env])
        #expect(failures.map(\.kind) == [.torchrun])
        #expect(failures.first?.description.contains("puts ranks 0,2-8 on dgx1") == true)
        let slurm = try Self.contents(files, "slurm-hostfile").split(separator: "\n")
        #expect(slurm[1] == "dgx2" && slurm[8] == "dgx1")
        // dgx1 holds ranks 0,2,…,8 in that local order; rank 8 took rank 1's slot, GPU 1.
        let env = try Self.contents(files, "env.sh")
        #expect(env.contains("export CUDA_VISIBLE_DEVICES=0,2,3,4,5,6,7,1\n"))
    }

    /// The first job of the spec `text` in its default layout (rank order), for launch files.
    static func defaultPlacement(of text: String, path: String) throws -> LaunchFilesEmitter.Placement {
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: path)
        let spec = try #require(report.spec, "\(report.diagnostics.map(\.message))")
        let context = SpecAnalysis(spec: spec)
        return LaunchFilesEmitter.Placement(
            context: context, job: spec.jobs[0], slots: try #require(context.layouts[0]).slots, source: path)
    }

    @Test func rankfileNeedsSockets() throws {
        let p = try Self.placement("dgx-a100.yaml", job: "llama2-13b")
        let rankfile = try Self.contents(LaunchFilesEmitter.files(p, kinds: [.rankfile]).files, "rankfile")
        #expect(rankfile.contains("rank 0=dgx1 slot="))
        #expect(rankfile.split(separator: "\n").filter { $0.hasPrefix("rank ") }.count == 32)
        // A node type without a PCIe tree cannot say which socket a GPU is on.
        let text = """
            topospec: 1
            cluster: bare
            node_types:
              box: {gpus: {sku: h100-sxm5-80gb, count: 2}, nvlink: none}
            nodes:
              n[1-2]: {type: box}
            jobs:
              j: {nodes: "n[1-2]", parallelism: {dp: 4}}
            """
        let (files, failures) = LaunchFilesEmitter.files(
            try Self.defaultPlacement(of: text, path: "bare.yaml"), kinds: [.rankfile, .hostfile])
        #expect(files.map(\.path) == ["hostfile"])
        #expect(failures.first?.description.contains("which socket") == true)
    }

    /// `sockets: {count: unknown, numa_nodes: N}`: the PCIe tree names NUMA nodes, and a rankfile's
    /// `slot=S:C` names a package, so no rankfile is written.
    @Test func rankfileNeedsKnownSockets() throws {
        let text = """
            topospec: 1
            cluster: numa
            node_types:
              box:
                gpus: {sku: h100-sxm5-80gb, count: 2}
                sockets: {count: unknown, numa_nodes: 2}
                nvlink: none
                pcie:
                  - {host_bridge: rc0, socket: 0, gpus: [0]}
                  - {host_bridge: rc1, socket: 1, gpus: [1]}
            nodes:
              n[1-2]: {type: box}
            jobs:
              j: {nodes: "n[1-2]", parallelism: {dp: 4}}
            """
        let (files, failures) = LaunchFilesEmitter.files(
            try Self.defaultPlacement(of: text, path: "numa.yaml"), kinds: [.rankfile, .hostfile])
        #expect(files.map(\.path) == ["hostfile"])
        #expect(failures.first?.description.contains("does not know its sockets") == true)
    }

    /// env.sh is valid bash and exports the right node's values.
    @Test func environmentRunsInBash() throws {
        let p = try Self.placement("mixed-cluster-failed-gpu.yaml", job: "llama3-8b-h100")
        let env = try Self.contents(LaunchFilesEmitter.files(p, kinds: [.env]).files, "env.sh")
        let folder = NSTemporaryDirectory() + "topospec-env-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try AtomicFile.write(env, to: folder + "/env.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", ". \(folder)/env.sh && echo \"$CUDA_VISIBLE_DEVICES|$NCCL_TOPO_FILE\""]
        process.environment = ["TOPOSPEC_NODE": "h100-03", "PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        // No NCCL_TOPO_FILE: the spec's bus ids are invented.
        #expect(output == "0,1,2,3|\n")
    }

    /// The rank contract: every file with a header states it, and ranks.json gives what frameworks
    /// read: Megatron's order string, a DeviceMesh shape that numbers ranks the same way, and
    /// each rank's node, node rank, local rank and GPU.
    @Test func rankContractIsStatedAndGivenAsData() throws {
        let p = try Self.placement("mixed-cluster-failed-gpu.yaml", job: "llama3-8b-h100")
        let (files, _) = LaunchFilesEmitter.files(p, kinds: LaunchFilesEmitter.Kind.allCases)
        for file in files where ["env.sh", "hostfile", "rankfile", "torchrun.sh"].contains(file.path) {
            #expect(
                file.contents.contains("# Rank contract: rank numbers are Megatron-LM's default order tp-cp-ep-dp-pp"),
                "\(file.path)")
        }
        let data = Data(try Self.contents(files, "ranks.json").utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["megatron_order"] as? String == "tp-cp-ep-dp-pp")
        let layout = try #require(JobLayout(job: p.job, spec: p.spec))
        let mesh = try #require(json["device_mesh"] as? [String: Any])
        #expect(mesh["mesh_shape"] as? [Int] == [layout.pp, layout.dp, layout.cp, layout.tp])
        #expect(mesh["mesh_dim_names"] as? [String] == ["pp", "dp", "cp", "tp"])
        let ranks = try #require(json["ranks"] as? [[String: Any]])
        #expect(ranks.count == p.slots.count)
        for (rank, entry) in ranks.enumerated() {
            let slot = p.slots[rank]
            #expect(entry["rank"] as? Int == rank)
            #expect(entry["node"] as? String == p.spec.nodes[slot.node].name)
            #expect(entry["gpu"] as? Int == slot.gpu)
            // Row-major over (pp, dp, cp, tp) is Megatron's numbering.
            let c = layout.coordinates(rank)
            #expect(((c.pp * layout.dp + c.dp) * layout.cp + c.cp) * layout.tp + c.tp == rank)
        }
        // local_rank i of a node is the i-th GPU of its CUDA_VISIBLE_DEVICES in env.sh.
        let env = try Self.contents(files, "env/h100-03.env")
        let visible = try #require(env.split(separator: "\n").first { $0.hasPrefix("CUDA_VISIBLE_DEVICES=") })
        let devices = visible.dropFirst("CUDA_VISIBLE_DEVICES=".count).split(separator: ",").compactMap { Int($0) }
        for entry in ranks where entry["node"] as? String == "h100-03" {
            let local = try #require(entry["local_rank"] as? Int)
            #expect(devices[local] == entry["gpu"] as? Int)
        }
    }

    @Test func deterministic() throws {
        let a = LaunchFilesEmitter.files(
            try Self.placement("dgx-h100-superpod.yaml", job: "llama3-70b"), kinds: LaunchFilesEmitter.Kind.allCases)
        let b = LaunchFilesEmitter.files(
            try Self.placement("dgx-h100-superpod.yaml", job: "llama3-70b"), kinds: LaunchFilesEmitter.Kind.allCases)
        #expect(a.files == b.files)
    }
}
