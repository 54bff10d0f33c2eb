import TopoModel
import TopoTopology

/// TS406: a job that lints clean but lacks what `place` and the placement estimates need.
package struct JobInputsIncomplete: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS406", slug: "job-inputs-incomplete", category: .style, severity: .info,
        summary: "A job lacks the model or batch figures `place` and the placement estimates need.",
        rationale: """
            A job needs only `nodes` to lint; `params` is the one required key of `model`. Placing it \
            (`topospec place`, the report's placement section, TS218) needs the bytes each parallel dimension \
            sends: tensor, context, expert and pipeline traffic come from `model.hidden`, `model.layers` and \
            `batch` (`micro`, `seq`, `global`), data-parallel traffic from `model.params`, or all of them from \
            `traffic:` figures. Said once per job, with the same words `place` would refuse with, so a clean lint \
            is not followed by a refusal.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              box: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "n[1-2]": {type: box}
            jobs:
              j: {nodes: "n[1-2]", parallelism: {tp: 8, dp: 2}, model: {params: 70B}}  # expect: TS406
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              box: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "n[1-2]": {type: box}
            jobs:
              j:
                nodes: "n[1-2]"
                parallelism: {tp: 8, dp: 2}
                model: {params: 70B, layers: 80, hidden: 8192}
                batch: {micro: 1, seq: 4096, global: 64}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (j, job) in context.spec.jobs.enumerated() {
            guard let layout = context.layouts[j], layout.size > 1,
                case let .failure(missing) = TrafficModel.volumes(job: job, layout: layout)
            else { continue }
            findings.report(
                "\(missing); `topospec place` and the report's placement cannot use it",
                at: job.model?.location ?? job.location,
                help: "add the figures to the job, or `traffic:` bytes per dimension (grammar/REFERENCE.md, jobs)")
        }
    }
}
