import TopoModel

/// TS201: tensor-parallel groups whose GPUs talk over PCIe inside a node.
public struct TensorParallelOverPCIe: Rule {
    public init() {}

    public let metadata = RuleMetadata(
        code: "TS201", slug: "tensor-parallel-over-pcie", category: .performance, severity: .warning,
        summary: "A tensor-parallel group holds GPUs that reach each other over PCIe only.",
        rationale: """
        Tensor parallelism all-reduces (or all-gathers and reduce-scatters) activations in every layer, \
        forward and backward: for Llama-3-70B at 8k tokens that is hundreds of GB per GPU per step, on the \
        critical path. Over NVLink an H100 moves 450 GB/s per direction; over PCIe Gen5 x16 63 GB/s, Gen4 x16 \
        31.5 GB/s, and less when NCCL stages the copy through host memory (it uses PCIe peer-to-peer only up \
        to PXB by default). Keep TP inside an NVLink domain, or shrink TP to the NVLink-connected set.
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
              train: {nodes: ws01, parallelism: {tp: 4}}
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
            """,
        ])

    public func check(_ context: RuleContext, _ findings: inout Findings) {
        ParallelGroupCheck.report(.tp, context, &findings, skippingUnknownScaleUp: true) { path in
            path.pathClass != .net && !path.pathClass.isScaleUp
        } message: { job, group, path, a, b, count, total in
            let fast = context.bestScaleUp(for: job).map { " instead of \(TrainingEstimates.format(gbs: $0)) over NVLink" } ?? ""
            let speed = path.gbs.map { "at most \(TrainingEstimates.format(gbs: $0)) per direction" } ?? "PCIe speed"
            let how = path.pathClass.withinNCCLDefaultLevel
                ? "\(speed)\(fast)"
                : "beyond PXB, where NCCL does not use peer-to-peer and stages traffic through host memory (\(speed)\(fast))"
            return "TP groups of job `\(job.name)` talk over PCIe: \(a) ↔ \(b) is \(path.pathClass), \(how) (\(count) of \(total) TP groups)"
        }
    }
}

/// Shared walk over a job's parallel groups for the group-placement rules.
enum ParallelGroupCheck {
    static func report(
        _ dimension: JobLayout.Dimension, _ context: RuleContext, _ findings: inout Findings,
        skippingUnknownScaleUp: Bool = false,
        when matches: (DevicePath) -> Bool,
        message: (Job, [Int], DevicePath, String, String, Int, Int) -> String
    ) {
        for (j, job) in context.spec.jobs.enumerated() {
            guard let layout = context.layouts[j], layout.groupSize(dimension) > 1 else { continue }
            let groups = layout.groups(dimension)
            var first: (group: [Int], path: DevicePath, a: Int, b: Int)?
            var count = 0
            for group in groups {
                guard let worst = context.worstPath(in: group, of: layout), matches(worst.path) else { continue }
                // `nvlink: unknown`: a PCIe path class says nothing about whether NVLink joins the pair.
                if skippingUnknownScaleUp, context.spec.nodeTypes[context.spec.nodes[layout.slots[worst.a].node].typeIndex].scaleUpUnknown {
                    continue
                }
                count += 1
                if first == nil { first = (group, worst.path, worst.a, worst.b) }
            }
            guard let f = first else { continue }
            findings.report(
                message(job, f.group, f.path, context.describe(layout.slots[f.a]), context.describe(layout.slots[f.b]), count, groups.count),
                at: job.parallelism.location ?? job.location,
                help: "reorder ranks or shrink \(dimension.name) so each group stays inside an NVLink domain")
        }
    }
}

extension RuleContext {
    /// Per-direction NVLink bandwidth of the job's GPUs, if they have NVLink.
    func bestScaleUp(for job: Job) -> Double? {
        job.nodes.lazy.compactMap { self.gpuSKUs[self.spec.nodes[$0].typeIndex].first?.scaleUp?.totalGBs }.first.map { $0 / 2 }
    }
}
