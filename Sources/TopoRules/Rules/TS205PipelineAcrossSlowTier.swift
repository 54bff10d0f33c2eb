import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS205: pipeline stages split across racks while the larger data-parallel traffic stays inside
/// racks, so the heavier flow crosses the spine.
package struct PipelineAcrossSlowTier: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS205", slug: "pipeline-across-slow-tier", category: .performance, severity: .warning,
        summary: "Pipeline activations cross racks while lighter data-parallel traffic stays inside them.",
        rationale: """
            Megatron's default order puts PP outermost, so consecutive pipeline stages land on far-apart nodes. \
            Each stage boundary carries 2 × micro-batches × micro × seq × hidden × dtype ÷ TP bytes per GPU per \
            step (activations forward, their gradients backward); data parallelism all-reduces 2 × (DP − 1) ÷ DP × \
            params ÷ (TP × PP) × gradient bytes. For Llama-3-70B in BF16 (TP 8, PP 4, DP 8, micro-batch 1, global \
            batch 1,024, so 128 micro-batches per step, 8,192-token sequences, hidden 8,192) that is 2 × 128 × 8,192 × \
            8,192 × 2 B ÷ 8 = 4.3 GB of pipeline traffic against 2 × 7/8 × 70e9 ÷ 32 × 2 B = 7.7 GB of gradients per \
            GPU: there the gradients are the heavier flow and the default order, pipeline across racks, is right. \
            The rule fires only when the pipeline carries more (longer sequences, wider models, smaller DP) and yet \
            it is the pipeline that crosses racks while data parallelism stays inside them: then the heavier flow \
            pays for the rack-to-rack hops and any oversubscription. Put the dimension with more traffic inside \
            racks (e.g. order ranks tp-cp-pp-dp).
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
              "gpu[01-08]": {type: hgx, rack: "r[1-4]"}
            jobs:
              llama:
                nodes: "gpu[01-08]"
                parallelism: {tp: 8, pp: 4, dp: 2}  # expect: TS205
                model: {params: 70B, layers: 80, hidden: 8192, heads: 64}
                batch: {micro: 1, seq: 8192, global: 1024}
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
              "gpu[01-08]": {type: hgx, rack: "r[1-2]"}
            jobs:
              llama:
                nodes: "gpu[01-08]"
                parallelism: {tp: 8, pp: 4, dp: 2}
                model: {params: 70B, layers: 80, hidden: 8192, heads: 64}
                batch: {micro: 1, seq: 8192, global: 16}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (j, job) in spec.jobs.enumerated() {
            guard let layout = context.layouts[j], layout.pp > 1,
                let ppBytes = TrainingEstimates.pipelineBytesPerGPU(job: job, layout: layout)
            else { continue }
            let dpBytes = TrainingEstimates.dataParallelBytesPerGPU(job: job, layout: layout) ?? 0
            guard ppBytes > dpBytes else { continue }
            func rack(_ rank: Int) -> Int? { spec.nodes[layout.slots[rank].node].rackIndex }
            // A pipeline boundary that changes rack, and data-parallel groups that all stay in one rack.
            var crossing: (a: Int, b: Int)?
            for group in layout.groups(.pp) where crossing == nil {
                for (x, y) in zip(group, group.dropFirst()) where rack(x) != nil && rack(y) != nil && rack(x) != rack(y)
                {
                    crossing = (x, y)
                    break
                }
            }
            guard let c = crossing else { continue }
            let dpInsideRacks =
                layout.dp == 1
                || layout.groups(.dp).allSatisfy { group in
                    group.allSatisfy { rack($0) == rack(group[0]) }
                }
            guard dpInsideRacks, let ra = rack(c.a), let rb = rack(c.b) else { continue }
            let stage = layout.coordinates(c.a).pp
            findings.report(
                "pipeline stages \(stage) → \(stage + 1) of job `\(job.name)` cross racks (\(spec.racks[ra].name) → \(spec.racks[rb].name)) with \(Format.bytes(ppBytes)) of activations per GPU per step, while the \(Format.bytes(dpBytes)) of data-parallel gradient traffic stays inside racks",
                at: job.parallelism.location ?? job.location,
                help:
                    "order ranks so DP spans racks and PP stays inside them (e.g. tp-cp-pp-dp), or keep the order and launch with the files of `topospec place --emit` (not both)"
            )
        }
    }
}
