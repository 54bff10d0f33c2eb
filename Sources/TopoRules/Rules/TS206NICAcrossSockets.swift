import TopoModel
import TopoTopology

/// TS206: GPUs whose nearest compute NIC hangs off the other CPU socket.
package struct NICAcrossSockets: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS206", slug: "nic-across-sockets", category: .performance, severity: .warning,
        summary: "A GPU's nearest compute NIC is on the other CPU socket.",
        rationale: """
            GPUDirect RDMA lets the NIC read GPU memory directly over PCIe; for a PCIe-attached GPU NCCL enables it \
            only when the GPU–NIC path is at most PXB (NCCL_NET_GDR_LEVEL defaults to PXB; `ncclTopoCheckGdr` in \
            src/graph/paths.cc). GPUs on NVLink-C2C (GH200, GB200, GB300) are the exception: since NCCL 2.27 \
            (NCCL_NET_GDR_C2C=1 by default, level PATH_P2C) GPUDirect RDMA goes through the Grace CPU to NICs on its \
            root ports, so this rule does not judge them. Across sockets (SYS) every byte the GPU sends \
            is staged through host memory and crosses the socket interconnect (UPI / Infinity Fabric), which also \
            carries everything else the CPUs do: expect a fraction of the NIC's 50 GB/s (400 Gb/s). Put a compute \
            NIC under each GPU's PCIe switch, or at least on its socket. With `sockets: {count: unknown, \
            numa_nodes: N}` a SYS path joins two NUMA nodes (NCCL's CPUs) that may share a package; GPUDirect RDMA \
            is off all the same, and the finding says NUMA nodes, not sockets.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            networks:
              eth: {fabric: roce, gbps: 100}
            node_types:
              box:
                gpus: {sku: l40s, count: 4}
                sockets: 2
                pcie:
                  - {host_bridge: rc0, socket: 0, gpus: [0, 1]}  # expect: TS206
                  - {host_bridge: rc1, socket: 1, gpus: [2, 3], nics: [eth0]}
                nics: {eth0: {sku: connectx-6-dx, network: eth}}
            nodes:
              n1: {type: box}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            networks:
              eth: {fabric: roce, gbps: 100}
            node_types:
              box:
                gpus: {sku: l40s, count: 4}
                sockets: 2
                pcie:
                  - {host_bridge: rc0, socket: 0, gpus: [0, 1], nics: [eth0]}
                  - {host_bridge: rc1, socket: 1, gpus: [2, 3], nics: [eth1]}
                nics: {"eth[0-1]": {sku: connectx-6-dx, network: eth}}
            nodes:
              n1: {type: box}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        NICLocality.report(context, &findings) {
            $0 == .sys
        } describe: { type in
            // `sockets: {count: unknown, numa_nodes: N}`: SYS joins NUMA nodes whose packages the spec
            // does not know, so no socket boundary is claimed (NCCL's GDR check is the same either way).
            type.socketCountUnknown
                ? "goes between NUMA nodes (SYS; whether they are on different sockets the spec does not say)"
                : "crosses the socket interconnect (SYS)"
        }
    }
}
