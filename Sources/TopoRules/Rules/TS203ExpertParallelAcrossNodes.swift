import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS203: expert-parallel all-to-all over PCIe or the network.
public struct ExpertParallelAcrossNodes: Rule {
    public init() {}

    public let metadata = RuleMetadata(
        code: "TS203", slug: "expert-parallel-off-nvlink", category: .performance, severity: .info,
        summary: "Expert-parallel groups exchange tokens over PCIe or the network.",
        rationale: """
        Each MoE layer dispatches and combines tokens with two all-to-alls across the EP group; off NVLink \
        they run at network speed (50 GB/s per GPU per direction at 400 Gb/s) and on PCIe-only pairs at 31.5 \
        to 63 GB/s. Large-scale MoE training often accepts EP across nodes deliberately (and overlaps it with \
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
            """,
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
            """,
        ])

    public func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        ParallelGroupCheck.report(.ep, context, &findings) { !$0.pathClass.isScaleUp } message: { job, _, path, a, b, count, total in
            "EP all-to-alls of job `\(job.name)` leave NVLink: \(a) ↔ \(b) is \(path.pathClass) at \(path.gbs.map(Format.bandwidth(gbs:)) ?? "unknown speed") per direction (\(count) of \(total) EP groups)"
        }
    }
}
