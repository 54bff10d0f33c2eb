import TopoModel
import TopoTopology

/// TS216: layers that do not split evenly over pipeline stages.
package struct LayersNotDivisibleByPP: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS216", slug: "layers-not-divisible-by-pp", category: .job, severity: .warning,
        summary: "The layer count does not divide evenly by PP.",
        rationale: """
            Megatron-LM splits layers evenly across pipeline stages; with 80 layers and PP 6 the stages are uneven \
            (Megatron refuses unless an uneven split is configured explicitly), and the pipeline runs at the pace \
            of its heaviest stage: 14 layers against 13 is a 7 % slowdown for every stage.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-06]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-06]", parallelism: {tp: 8, pp: 6}, model: {params: 70B, layers: 80}}  # expect: TS216
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-04]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-04]", parallelism: {tp: 8, pp: 4}, model: {params: 70B, layers: 80}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for job in context.spec.jobs {
            let pp = job.parallelism.pp
            guard pp > 1, let model = job.model, let layers = model.layers, layers % pp != 0 else { continue }
            findings.report(
                "\(layers) layers do not split evenly over pp \(pp) in job `\(job.name)` (stages of \(layers / pp) and \(layers / pp + 1))",
                at: job.parallelism.location ?? model.location, help: "use a PP that divides \(layers)")
        }
    }
}
