import Testing
import TopoEmit
import TopoLint
import TopoModel

/// Slurm topology and Kubernetes labels against golden files, and the cases that must fail.
@Suite struct SchedulerTopologyTests {
    @Test func slurmTreeOfTheSuperPOD() throws {
        let spec = try Golden.spec("dgx-h100-superpod.yaml")
        let text = SlurmTopologyEmitter.treeConf(spec: spec, source: "dgx-h100-superpod.yaml")
        Golden.check(text, "dgx-h100-superpod.topology.conf")
        // 32 nodes in 8 racks: 8 leaves + the top switch.
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("SwitchName=") }.count == 9)
    }

    @Test func slurmBlocksOfNVL72() throws {
        let spec = try Golden.spec("gb200-nvl72.yaml")
        let text = try SlurmTopologyEmitter.blockYAML(spec: spec, source: "gb200-nvl72.yaml")
        Golden.check(text, "gb200-nvl72.topology.yaml")
        #expect(text.contains("block_sizes:\n      - 18\n"))
    }

    @Test func blockTopologyNeedsNVLinkDomains() throws {
        let spec = try Golden.spec("dgx-a100.yaml")
        guard
            case let .failure(failure) = Result(catching: { () throws(EmitFailure) in
                try SlurmTopologyEmitter.blockYAML(spec: spec, source: "dgx-a100.yaml")
            })
        else {
            Issue.record("a cluster without nvlink_domains has no block topology")
            return
        }
        #expect(failure.description.contains("no nvlink_domains"))
    }

    @Test func kubernetesLabels() throws {
        let spec = try Golden.spec("gb200-nvl72.yaml")
        let text = try KubernetesLabelsEmitter.script(spec: spec, source: "gb200-nvl72.yaml")
        Golden.check(text, "gb200-nvl72.k8s-labels.sh")
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("kubectl label node ") }.count == spec.nodes.count)
        // Kueue's current API, a ResourceFlavor naming the Topology, hostname last.
        #expect(text.contains("apiVersion: kueue.x-k8s.io/v1beta2\nkind: Topology\n"))
        #expect(text.contains("kind: ResourceFlavor\n"))
        #expect(text.contains("  topologyName: gb200-nvl72-r01\n"))
        #expect(
            text.contains("    - nodeLabel: kubernetes.io/hostname\nEOF\n")
                || text.contains("    - nodeLabel: kubernetes.io/hostname\n---\n"))
        // Names go after `--`, so a node name can never be read as a kubectl flag.
        #expect(text.contains("kubectl label node --overwrite -- r01-c01 "))
    }

    @Test func kubernetesLabelPresets() throws {
        let spec = try Golden.spec("gb200-nvl72.yaml")
        let topograph = try KubernetesLabelsEmitter.script(
            spec: spec, source: "gb200-nvl72.yaml", options: .init(labels: .topograph, scheduler: .kai)
        )
        #expect(topograph.contains("accelerator.topograph.run/domain=nvl72-r01"))
        #expect(topograph.contains("fabric.topograph.run/tier-0=leaf-r01"))
        #expect(topograph.contains("apiVersion: kai.scheduler/v1\nkind: Topology\n"))
        #expect(!topograph.contains("kueue.x-k8s.io"))

        // GFD: the GPU Operator writes nvidia.com/gpu.clique; the script only refers to it.
        let gfd = try KubernetesLabelsEmitter.script(
            spec: spec, source: "gb200-nvl72.yaml", options: .init(labels: .gfd, scheduler: .kueueV1alpha1)
        )
        #expect(gfd.contains("    - nodeLabel: nvidia.com/gpu.clique\n"))
        #expect(!gfd.contains("nvidia.com/gpu.clique="))
        #expect(gfd.contains("apiVersion: kueue.x-k8s.io/v1alpha1\nkind: Topology\n"))

        let bare = try KubernetesLabelsEmitter.script(
            spec: spec, source: "gb200-nvl72.yaml", options: .init(scheduler: .none)
        )
        #expect(!bare.contains("kubectl apply"))
    }

    @Test func kubernetesLevelsNestLargestFirst() throws {
        // Two NVLink domains per rack: the rack contains the domain, so the rack level comes first.
        let spec = try Self.spec(Self.twoDomainsPerRack)
        let text = try KubernetesLabelsEmitter.script(spec: spec, source: "t.yaml")
        let rack = try #require(text.range(of: "    - nodeLabel: topospec.io/rack\n"))
        let domain = try #require(text.range(of: "    - nodeLabel: topospec.io/nvlink-domain\n"))
        #expect(rack.lowerBound < domain.lowerBound)
    }

    @Test func slurmBlockConfOfNVL72() throws {
        let spec = try Golden.spec("gb200-nvl72.yaml")
        let text = try SlurmTopologyEmitter.blockConf(spec: spec, source: "gb200-nvl72.yaml")
        Golden.check(text, "gb200-nvl72.block-topology.conf")
        #expect(text.contains("BlockName=nvl72-r01 Nodes=r01-c[01-18]\n"))
        #expect(text.hasSuffix("BlockSizes=18\n"))
    }

    @Test func slurmBlocksAggregateRacksWithPlaceholders() throws {
        // Rack r01 holds two domains, r02 one: r02's blocks start at position 2 either way, and
        // the second block size is a rack (2 domains x 2 nodes).
        let spec = try Self.spec(Self.twoDomainsPerRack)
        let conf = try SlurmTopologyEmitter.blockConf(spec: spec, source: "t.yaml")
        let lines = conf.split(separator: "\n").filter { $0.hasPrefix("Block") }
        #expect(
            lines == [
                "BlockName=d1 Nodes=n[1-2]", "BlockName=d2 Nodes=n[3-4]",
                "BlockName=d3 Nodes=n[5-6]", "BlockName=free-r02-2",
                "BlockSizes=2,4",
            ])
        let yaml = try SlurmTopologyEmitter.blockYAML(spec: spec, source: "t.yaml")
        #expect(yaml.contains("      - 2\n      - 4\n"))
        #expect(yaml.contains("      - block: free-r02-2\n      - block:") == false)
        #expect(yaml.contains("      - block: free-r02-2\n- topology: racks"))
    }

    static let twoDomainsPerRack = """
        topospec: 1
        cluster: t
        node_types:
          tray:
            gpus: {sku: gb200, count: 4}
            sockets: 2
            nvlink: {domain: external}
        nodes:
          "n[1-4]": {type: tray, rack: r01}
          "n[5-6]": {type: tray, rack: r02}
        nvlink_domains:
          "d[1-3]": {nodes: "n[1-6]", switches: {sku: nvswitch-gen4, count: 18}}
        """

    static func spec(_ text: String) throws -> ClusterSpec {
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "t.yaml")
        return try #require(report.spec, "\(report.diagnostics.map(\.message))")
    }
}
