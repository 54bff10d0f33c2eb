import TopoModel
import TopoTopology

/// TS207: GPUs whose nearest compute NIC is on the same socket but beyond their PCIe switch.
package struct NICBeyondPXB: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS207", slug: "nic-beyond-pcie-switch", category: .performance, severity: .warning,
        summary: "A GPU's nearest compute NIC is not under its PCIe switch (PHB or NODE).",
        rationale: """
            For PCIe-attached GPUs NCCL uses GPUDirect RDMA only when the GPU–NIC path is at most PXB (the default \
            NCCL_NET_GDR_LEVEL, `ncclTopoCheckGdr` in src/graph/paths.cc; GPUs on NVLink-C2C are allowed GDR through \
            their Grace CPU since NCCL 2.27, NCCL_NET_GDR_C2C=1, and are not judged here); \
            through a CPU host bridge (PHB) or between host bridges of a socket (NODE) it falls back to staging \
            through host memory, adding a copy and CPU memory bandwidth to every network transfer. HGX/DGX systems \
            pair each GPU with a NIC on the same PCIe switch (PIX) for this reason. NCCL_NET_GDR_LEVEL=PHB forces \
            GDR on such paths but the root complex then carries the traffic.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband, gbps: 200}
            node_types:
              box:
                gpus: {sku: a100-pcie-80gb, count: 2}
                pcie:
                  - {switch: sw0, socket: 0, gpus: [0, 1]}  # expect: TS207
                  - {switch: sw1, socket: 0, nics: [ib0]}
                nics: {ib0: {sku: connectx-6, network: ib}}
            nodes:
              n1: {type: box}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband, gbps: 200}
            node_types:
              box:
                gpus: {sku: a100-pcie-80gb, count: 2}
                pcie:
                  - {switch: sw0, socket: 0, gpus: [0, 1], nics: [ib0]}
                nics: {ib0: {sku: connectx-6, network: ib}}
            nodes:
              n1: {type: box}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        NICLocality.report(context, &findings) {
            $0 == .phb || $0 == .node
        } describe: { _ in
            "goes through a CPU host bridge (PHB/NODE)"
        }
    }
}
