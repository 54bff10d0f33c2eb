import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS202: tensor-parallel groups that span nodes outside an NVLink domain.
package struct TensorParallelAcrossNodes: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS202", slug: "tensor-parallel-across-nodes", category: .performance, severity: .warning,
        summary: "A tensor-parallel group spans nodes that share no NVLink domain.",
        rationale: """
            TP's per-layer collectives then cross the network: a 400 Gb/s NIC reaches ~47 GB/s per direction with \
            NCCL (94 % of line rate; NVIDIA maintainer in NVIDIA/nccl-tests#290) against ~371 GB/s for an H100 ring \
            over NVLink (18 × 20.6 GB/s, NCCL src/graph/topo.h) and ~722 GB/s over NVLink 5 inside an NVL72 rack \
            (18 × 40.1 GB/s); docs/collective-model.md lists the rates. TP larger than \
            the GPUs of one NVLink domain (8 on HGX boards, 72 in an NVL72) costs most of the step time in \
            communication; use PP or DP across nodes instead.
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
              train: {nodes: "gpu[01-04]", parallelism: {tp: 16, dp: 2}}  # expect: TS202
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: nvl
            node_types:
              tray: {gpus: {sku: gb200, count: 4}, nvlink: {domain: external}}
            nodes:
              "tray[01-18]": {type: tray}
            nvlink_domains:
              rack1: {nodes: "tray[01-18]", switches: {sku: nvswitch-gen4, count: 18}}
            jobs:
              train: {nodes: "tray[01-16]", parallelism: {tp: 16, dp: 4}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        ParallelGroupCheck.report(.tp, context, &findings) {
            $0.pathClass == .net
        } message: { job, group, path, a, b, count, total in
            "TP groups of job `\(job.name)` cross nodes over the network: \(a) ↔ \(b), "
                + (context.modelledBusBandwidth(.allReduce, group, of: job)
                    ?? "\(path.gbs.map(Format.bandwidth(gbs:)) ?? "network speed") per direction per GPU (line rate)")
                + (context.bestScaleUp(for: job).map {
                    ", against \(Format.bandwidth(gbs: $0)) per direction over this GPU's NVLink"
                } ?? "")
                + " (\(count) of \(total) TP groups)"
        }
    }
}
