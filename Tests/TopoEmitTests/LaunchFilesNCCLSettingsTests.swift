import Foundation
import Testing
import TopoEmit
import TopoLint
import TopoModel
import TopoRules
import TopoTopology

/// The NCCL variables of env.sh / env/NODE.env, each with the spec feature that sets it, and the
/// defaults left alone with a comment saying why.
@Suite struct LaunchFilesNCCLSettingsTests {
    /// env.sh of the first job of an inline spec, in its default order.
    static func env(_ text: String, folder: String = "/opt/job") throws -> [LaunchFilesEmitter.File] {
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "inline.yaml")
        let spec = try #require(report.spec, "\(report.diagnostics.map(\.message))")
        let context = SpecAnalysis(spec: spec)
        let layout = try #require(context.layouts.first ?? nil)
        let placement = LaunchFilesEmitter.Placement(
            context: context, job: spec.jobs[0], slots: layout.slots, source: "inline.yaml", folder: folder)
        return LaunchFilesEmitter.files(placement, kinds: [.env]).files
    }

    static func envSH(_ text: String) throws -> String {
        try #require(try env(text).first { $0.path == "env.sh" }?.contents)
    }

    /// An 8-GPU node type with `extra` lines, one node `n1`, an InfiniBand network `net` and a job
    /// of all 8 GPUs.
    static func spec(node extra: String, network: String = "{fabric: infiniband, gbps: 400}") -> String {
        """
        topospec: 1
        cluster: c
        node_types:
          box:
            gpus: {sku: h100-sxm5-80gb, count: 8}
            nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
        \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        nodes:
          n1: {type: box}
        networks:
          net: \(network)
        jobs:
          j: {nodes: n1, parallelism: {tp: 8}}
        """
    }

    static let exactBox = """
        sockets: {count: 1, cpu: xeon-sapphire-rapids}
        gpus: [{sku: h100-sxm5-80gb, count: 8, bus_ids: ["0000:18:00.0", "0000:2a:00.0", "0000:3a:00.0", "0000:5d:00.0", "0000:9a:00.0", "0000:ab:00.0", "0000:ba:00.0", "0000:db:00.0"]}]
        nics:
          ib0: {sku: connectx-7, network: net, device: mlx5_0, bus_id: "0000:1a:00.0"}
        """

    @Test func topologyFileFollowsNCCLTopoFile() throws {
        // Exact: set.
        let exact = Self.spec(node: Self.exactBox).replacingOccurrences(
            of: "    gpus: {sku: h100-sxm5-80gb, count: 8}\n", with: "")
        let files = try Self.env(exact)
        #expect(files.map(\.path).contains("nccl/box.xml"))
        #expect(
            try #require(files.first { $0.path == "env/n1.env" }).contents.contains(
                "NCCL_TOPO_FILE=/opt/job/nccl/box.xml\n"))
        // never: not set, even when exact.
        let never = exact.replacingOccurrences(of: "nccl_topo_file_placeholder", with: "") + ""
        let neverText = never.replacingOccurrences(
            of: "    nics:\n", with: "    platform: {nccl_topo_file: never}\n    nics:\n")
        let neverEnv = try Self.envSH(neverText)
        #expect(neverEnv.contains("# NCCL_TOPO_FILE not set: platform.nccl_topo_file is never"))
        // auto with invented bus ids: not set, with why.
        let invented = try Self.envSH(Self.spec(node: "nics: {ib0: {sku: connectx-7, network: net, device: mlx5_0}}"))
        #expect(invented.contains("# NCCL_TOPO_FILE not set: its file would invent GPU bus ids"))
        #expect(!invented.contains("export NCCL_TOPO_FILE"))
        // always with invented bus ids: set (the spec asks; TS306 warns).
        let always = try Self.envSH(
            Self.spec(
                node: "nics: {ib0: {sku: connectx-7, network: net, device: mlx5_0}}\nplatform: {nccl_topo_file: always}"
            ))
        #expect(always.contains("export NCCL_TOPO_FILE=\"$TOPOSPEC_DIR/nccl/box.xml\""))
    }

    @Test func ibHCAKeepsTheDevicePort() throws {
        let env = try Self.envSH(
            Self.spec(node: "nics: {ib0: {sku: connectx-7, network: net, device: mlx5_3, port: 2}}"))
        #expect(env.contains("    export NCCL_IB_HCA==mlx5_3:2\n"))
    }

    @Test func socketInterfaceIsExact() throws {
        let env = try Self.envSH(Self.spec(node: "platform: {socket_ifname: eth1}"))
        #expect(env.contains("    export NCCL_SOCKET_IFNAME==eth1\n"))
        let excluded = try Self.envSH(Self.spec(node: "platform: {socket_ifname: \"^docker\"}"))
        #expect(excluded.contains("    export NCCL_SOCKET_IFNAME='^docker'\n"))
    }

    /// Rails that no switch tier joins: rings must not cross them.
    @Test func crossNICOffForUnjoinedRails() throws {
        let nics = "nics: {\"ib[0-7]\": {sku: connectx-7, network: net, device: \"mlx5_[0-7]\"}}"
        let railOnly = try Self.envSH(
            Self.spec(
                node: nics,
                network:
                    "{fabric: infiniband, gbps: 400, topology: rail-optimized-fat-tree, rails: 8, tiers: [{radix: 64, down: 64}]}"
            ))
        #expect(railOnly.contains("    export NCCL_CROSS_NIC=0\n"))
        let joined = try Self.envSH(
            Self.spec(
                node: nics,
                network:
                    "{fabric: infiniband, gbps: 400, topology: rail-optimized-fat-tree, rails: 8, tiers: [{radix: 64, down: 32, up: 32}, {radix: 64}]}"
            ))
        #expect(!joined.contains("export NCCL_CROSS_NIC"))
        #expect(joined.contains("# NCCL_CROSS_NIC not set"))
        let unknown = try Self.envSH(
            Self.spec(
                node: nics, network: "{fabric: infiniband, gbps: 400, topology: rail-optimized-fat-tree, rails: 8}"))
        #expect(!unknown.contains("NCCL_CROSS_NIC"), "no tiers given: nothing to say")
    }

    @Test func roceAndDualPortDefaultsAreExplained() throws {
        let env = try Self.envSH(
            Self.spec(
                node:
                    "nics: {eth0: {sku: connectx-7, network: net, device: mlx5_0}, eth1: {sku: connectx-7, network: net, device: mlx5_0, port: 2}}",
                network: "{fabric: roce, gbps: 400}"))
        #expect(env.contains("# NCCL_IB_GID_INDEX not set: NCCL's default (-1"))
        #expect(env.contains("# NCCL_IB_MERGE_NICS not set: NCCL's default (1"))
        #expect(!env.contains("export NCCL_IB_GID_INDEX") && !env.contains("export NCCL_IB_MERGE_NICS"))
        let ib = try Self.envSH(Self.spec(node: "nics: {ib0: {sku: connectx-7, network: net, device: mlx5_0}}"))
        #expect(!ib.contains("NCCL_IB_GID_INDEX") && !ib.contains("NCCL_IB_MERGE_NICS"))
    }

    /// GeForce without PCIe peer-to-peer: P2P off, or only over NVLink bridges.
    @Test func geforcePeerToPeer() throws {
        let p4090 = try LaunchFilesTests.placement("rtx4090-8x.yaml", job: "llama3.2-1b")
        let env4090 = try LaunchFilesTests.contents(LaunchFilesEmitter.files(p4090, kinds: [.env]).files, "env.sh")
        #expect(env4090.contains("    export NCCL_P2P_DISABLE=1\n"))
        let p3090 = try LaunchFilesTests.placement("rtx3090-nvlink-bridge.yaml", job: "llama3.2-1b-tp2")
        let env3090 = try LaunchFilesTests.contents(LaunchFilesEmitter.files(p3090, kinds: [.env]).files, "env.sh")
        #expect(env3090.contains("    export NCCL_P2P_LEVEL=NVL\n"))
        #expect(!env3090.contains("NCCL_P2P_DISABLE"))
        // Data-center GPUs: nothing.
        #expect(!(try Self.envSH(Self.spec(node: ""))).contains("NCCL_P2P"))
    }

    @Test func multiNodeNVLinkDefaultsAreExplained() throws {
        let p = try LaunchFilesTests.placement("gb200-nvl72.yaml", job: "llama3-405b")
        let env = try LaunchFilesTests.contents(LaunchFilesEmitter.files(p, kinds: [.env]).files, "env.sh")
        #expect(env.contains("# NCCL_MNNVL_ENABLE not set: NCCL's default (2, init.cc)"))
        #expect(env.contains("# NCCL_NVLS_ENABLE not set"))
        #expect(!env.contains("export NCCL_MNNVL_ENABLE"))
    }
}
