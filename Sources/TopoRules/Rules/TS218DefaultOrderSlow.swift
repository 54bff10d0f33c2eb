import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS218: a job whose default rank order communicates much longer than another order of its
/// parallel dimensions.
package struct DefaultOrderSlow: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS218", slug: "default-order-slow", category: .performance, severity: .warning,
        summary: "Another order of the parallel dimensions cuts communication time by more than 10 %.",
        rationale: """
            Launchers lay ranks out in Megatron's default order (tp-cp-ep-dp-pp: TP fastest, PP slowest). \
            Whether that keeps the heaviest traffic on the fastest links depends on the job: with long sequences \
            and many micro-batches pipeline activations can outweigh gradients, and on clusters with racks, \
            oversubscription or failed GPUs another order is often much faster. topospec estimates the collectives of \
            every dimension and their sizes (see `topospec place`) and the time they take on this topology for every \
            order on the collective model (NCCL's algorithms at achievable link rates, each group on its nodes and \
            NIC share, the slowest group per dimension; docs/collective-model.md); when \
            one beats the default by more than 10 %, change the launcher's order (Megatron-core: \
            `--rank-order`/process group order) or use `topospec place`.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 400, tiers: [{name: leaf, radix: 64, down: 48, up: 16}, {name: spine, radix: 64}]}
            node_types:
              hgx:
                gpus: {sku: h100-sxm5-80gb, count: 8}
                nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
                nics: {"cx[0-7]": {sku: connectx-7, network: ib}}
            nodes:
              "gpu[01-08]": {type: hgx, rack: "r[1-4]"}
            jobs:
              long-context:
                nodes: "gpu[01-08]"
                parallelism: {pp: 8, dp: 8}  # expect: TS218
                model: {params: 7B, layers: 32, hidden: 4096, heads: 32}
                batch: {micro: 1, seq: 32768, global: 512}
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
              llama:
                nodes: "gpu[01-04]"
                parallelism: {tp: 8, dp: 4}
                model: {params: 8B, layers: 32, hidden: 4096, heads: 32}
                batch: {micro: 1, seq: 8192, global: 256}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        // Cheapest jobs first (then by name), each whole or not at all, within lint's budget.
        var candidates: [(job: Int, cost: Int)] = []
        for (j, job) in context.spec.jobs.enumerated() {
            guard let layout = context.layouts[j], layout.size > 1, job.model != nil || job.traffic != nil else {
                continue
            }
            candidates.append((j, PlacementPlanner.ordersCost(layout)))
        }
        candidates.sort { ($0.cost, context.spec.jobs[$0.job].name) < ($1.cost, context.spec.jobs[$1.job].name) }
        for (j, cost) in candidates {
            let job = context.spec.jobs[j]
            guard let layout = context.layouts[j],
                case let .success(volumes) = TrafficModel.volumes(job: job, layout: layout)
            else { continue }
            guard findings.budget.spend(cost) else {
                let orders = PlacementPlanner.orders(for: layout).count
                findings.reportSkipped(
                    "job `\(job.name)`: comparing its \(orders) rank orders (\(layout.size) ranks, \(PlacementPlanner.evaluationCost(layout) - layout.size) sends each)",
                    cost: cost, at: job.parallelism.location ?? job.location,
                    help:
                        "`topospec place \(job.location.file) --job \(job.name)` compares them under its own time bound (--seconds)"
                )
                continue
            }
            let traffic = TrafficModel(layout: layout, volumes: volumes)
            let plan = PlacementPlanner(search: false).plan(
                context: context, job: job, layout: layout, traffic: traffic)
            let before = plan.defaultMetrics.secondsPerIteration, after = plan.bestOrderMetrics.secondsPerIteration
            guard before > 0, after < before * 0.9 else { continue }
            let gain = Int(((1 - after / before) * 100).rounded())
            findings.report(
                "job `\(job.name)`: the default rank order (tp-cp-ep-dp-pp) spends about \(Format.seconds(before)) per iteration communicating; ordering ranks \(plan.bestOrder.name) takes \(Format.seconds(after)) (\(gain) % less)",
                at: job.parallelism.location ?? job.location,
                help: "`topospec place` prints the placement and its figures")
        }
    }

}
