import Testing
import TopoEmit
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
        let text = try SlurmTopologyEmitter.blockYAML(spec: spec, source: "gb200-nvl72.yaml").get()
        Golden.check(text, "gb200-nvl72.topology.yaml")
        #expect(text.contains("block_sizes:\n      - 18\n"))
    }

    @Test func blockTopologyNeedsNVLinkDomains() throws {
        let spec = try Golden.spec("dgx-a100.yaml")
        guard case let .failure(failure) = SlurmTopologyEmitter.blockYAML(spec: spec, source: "dgx-a100.yaml") else {
            Issue.record("a cluster without nvlink_domains has no block topology")
            return
        }
        #expect(failure.description.contains("no nvlink_domains"))
    }

    @Test func kubernetesLabels() throws {
        let spec = try Golden.spec("gb200-nvl72.yaml")
        let text = KubernetesLabelsEmitter.script(spec: spec, source: "gb200-nvl72.yaml")
        Golden.check(text, "gb200-nvl72.k8s-labels.sh")
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("kubectl label --overwrite node -- ") }.count == spec.nodes.count)
    }
}
