import TopoModel
import TopoTopology

/// TS304: multi-GPU virtual machines, where NCCL cannot see the real topology.
package struct VirtualMachineTopology: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS304", slug: "vm-topology-hidden", category: .platform, severity: .warning,
        summary: "A multi-GPU virtual machine: NCCL sees a virtual PCIe tree.",
        rationale: """
            Inside a VM, sysfs shows the hypervisor's flat virtual PCIe bus, not the host's switches and sockets, \
            so NCCL guesses GPU–GPU and GPU–NIC distances wrongly: it may disable GPUDirect RDMA, pick distant \
            NICs, or build rings across sockets. Cloud providers ship a topology file for each instance type \
            (Azure ND, AWS p4d/p5) and point NCCL_TOPO_FILE at it; do the same with the host's real topology.
            """,
        triggering: [
            """
            topospec: 1
            cluster: cloud
            node_types:
              vm8: {gpus: {sku: a100-sxm4-40gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen2, count: 6}}, platform: {vm: true}}  # expect: TS304
            nodes:
              vm01: {type: vm8}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: cloud
            node_types:
              vm1: {gpus: {sku: h100-pcie-80gb, count: 1}, platform: {vm: true}}
            nodes:
              vm01: {type: vm1}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for type in context.spec.nodeTypes where type.platform.vm && (type.gpus.count > 1 || !type.nics.isEmpty) {
            findings.report(
                "node type `\(type.name)` is a virtual machine; NCCL will see the hypervisor's virtual PCIe tree, not this topology",
                at: type.platform.location ?? type.location,
                help:
                    "set NCCL_TOPO_FILE to an NCCL topology file of the host (cloud providers publish one per instance type)"
            )
        }
    }
}
