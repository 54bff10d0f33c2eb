import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS203: expert-parallel all-to-all over PCIe or the network.
package struct ExpertParallelAcrossNodes: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS203", slug: "expert-parallel-off-nvlink", category: .performance, severity: .info,
        summary: "Expert-parallel groups exchange tokens over PCIe or the network.",
        rationale: """
            Each MoE layer dispatches and combines tokens with two all-to-alls across the EP group; off NVLink \
            they run at network speed (~47 GB/s per 400 Gb/s NIC per direction as NCCL reaches it, shared by the \
            GPUs behind the NIC) and on PCIe-only pairs at ~19 to ~37 GB/s (Gen4 / Gen5 x16 with peer-to-peer; \
            docs/collective-model.md). Large-scale MoE training often accepts EP across nodes deliberately (and overlaps it with \
            compute), so this is information, not a warning: check that the step time budget allows it.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 400}
            node_types:
              hgx:
                gpus: {sku: h100-sxm5-80gb, count: 8}
                nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
                nics: {"cx[0-7]": {sku: connectx-7, network: ib}}
            nodes:
              "gpu[01-04]": {type: hgx}
            jobs:
              moe: {nodes: "gpu[01-04]", parallelism: {tp: 2, ep: 16, dp: 16}, model: {params: 141B, experts: 64, top_k: 2}}  # expect: TS203
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 400}
            node_types:
              hgx:
                gpus: {sku: h100-sxm5-80gb, count: 8}
                nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
                nics: {"cx[0-7]": {sku: connectx-7, network: ib}}
            nodes:
              "gpu[01-04]": {type: hgx}
            jobs:
              moe: {nodes: "gpu[01-04]", parallelism: {tp: 2, ep: 4, dp: 16}, model: {params: 141B, experts: 64, top_k: 2}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        ParallelGroupCheck.report(.ep, context, &findings) {
            !$0.pathClass.isScaleUp
        } message: { job, group, path, a, b, count, total in
            let speed =
                context.modelledBusBandwidth(.alltoall, group, of: job)
                ?? "\(path.gbs.map(Format.bandwidth(gbs:)) ?? "unknown speed") per direction (line rate)"
            return
                "EP all-to-alls of job `\(job.name)` leave NVLink: \(a) ↔ \(b) is \(path.pathClass), \(speed) (\(count) of \(total) EP groups)"
        }
    }
}
