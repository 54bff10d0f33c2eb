import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS201: tensor-parallel groups whose GPUs talk over PCIe inside a node.
package struct TensorParallelOverPCIe: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS201", slug: "tensor-parallel-over-pcie", category: .performance, severity: .warning,
        summary: "A tensor-parallel group holds GPUs that reach each other over PCIe only.",
        rationale: """
            Tensor parallelism all-reduces (or all-gathers and reduce-scatters) activations in every layer, \
            forward and backward: for Llama-3-70B at 8k tokens that is hundreds of GB per GPU per step, on the \
            critical path. Rates NCCL reaches (the collective model's figures, docs/collective-model.md): over \
            NVLink an H100 ring reaches ~371 GB/s per direction (18 links × 20.6 GB/s, NCCL src/graph/topo.h \
            SM90_NVLINK_BW; line rate 450); over PCIe with peer-to-peer ~37 GB/s on Gen5 x16 and ~19 GB/s on Gen4 \
            x16 (NCCL's PCI figures 48 / 24 GB/s × 0.78 measured; line rates 63 / 31.5), and less when NCCL stages \
            the copy through host memory (it uses PCIe peer-to-peer only up to PXB by default), bounded by the \
            socket link and host memory. Keep TP inside an NVLink domain, or shrink TP to the NVLink-connected set.
            """,
        triggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              box:
                gpus: {sku: rtx-a6000, count: 4}
                nvlink: {bridges: [[0, 1], [2, 3]]}
                pcie: [{host_bridge: rc0, socket: 0, gpus: [0, 1, 2, 3]}]
            nodes:
              ws01: {type: box}
            jobs:
              train: {nodes: ws01, parallelism: {tp: 4}}  # expect: TS201
            """,
            """
            topospec: 1
            cluster: ws
            node_types:
              box:
                gpus: {sku: rtx-a6000, count: 2}
                pcie:
                  - {host_bridge: rc0, socket: 0, gpus: [0]}
                  - {host_bridge: rc1, socket: 0, gpus: [1]}
            nodes:
              ws01: {type: box}
            jobs:
              train: {nodes: ws01, parallelism: {tp: 2}}  # expect: TS201
            """,
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              box:
                gpus: {sku: rtx-a6000, count: 4}
                nvlink: {bridges: [[0, 1], [2, 3]]}
                pcie: [{host_bridge: rc0, socket: 0, gpus: [0, 1, 2, 3]}]
            nodes:
              ws01: {type: box}
            jobs:
              train: {nodes: ws01, parallelism: {tp: 2, dp: 2}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        ParallelGroupCheck.report(.tp, context, &findings, skippingUnknownScaleUp: true) { path in
            path.pathClass != .net && !path.pathClass.isScaleUp
        } message: { job, group, path, a, b, count, total in
            let fast =
                context.bestScaleUp(for: job).map {
                    ", against \(Format.bandwidth(gbs: $0)) per direction over this GPU's NVLink"
                } ?? ""
            let line = path.gbs.map { "\(Format.bandwidth(gbs: $0)) per direction line rate" } ?? "PCIe speed"
            let speed = context.modelledBusBandwidth(.allReduce, group, of: job).map { "\($0); \(line)" } ?? line
            let how =
                path.pathClass.withinNCCLDefaultLevel
                ? "\(speed)\(fast)"
                : "beyond PXB, where NCCL does not use peer-to-peer and stages traffic through host memory (\(speed)\(fast))"
            return
                "TP groups of job `\(job.name)` talk over PCIe: \(a) ↔ \(b) is \(path.pathClass), \(how) (\(count) of \(total) TP groups)"
        }
    }
}
