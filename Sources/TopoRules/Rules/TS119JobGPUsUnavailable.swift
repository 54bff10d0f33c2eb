import TopoModel
import TopoTopology

/// TS119: a job asking for GPUs that are failed, on nodes that are down, or beyond what a node has.
package struct JobGPUsUnavailable: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS119", slug: "job-gpus-unavailable", category: .job, severity: .error,
        summary: "A job asks for GPUs that do not exist, have failed, or sit on nodes that are down.",
        rationale: """
            A job that names a drained node or asks for 8 GPUs on a node with a fenced GPU does not start (Slurm \
            waits forever or the launcher fails rank setup). The spec records failures (`failed_gpus`, `state`) \
            so jobs can be checked against the cluster as it is, not as it was bought.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-02]": {type: hgx, exceptions: {gpu02: {failed_gpus: [3]}}}
            jobs:
              train: {nodes: "gpu[01-02]", gpus_per_node: 8, parallelism: {tp: 8, dp: 2}}  # expect: TS119
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-02]": {type: hgx, exceptions: {gpu02: {failed_gpus: [3]}}}
            jobs:
              train: {nodes: "gpu[01-02]", gpus_per_node: 4, parallelism: {tp: 4, dp: 2}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for job in context.spec.jobs {
            var problems: [String] = []
            for index in job.nodes {
                let node = spec.nodes[index]
                let healthy = spec.healthyGPUs(of: node).count
                if node.state != .up {
                    problems.append("`\(node.name)` is \(node.state == .down ? "down" : "drained")")
                } else if let wanted = job.gpusPerNode, wanted > healthy {
                    let total = spec.nodeTypes[node.typeID].gpus.count
                    let failed =
                        node.failedGPUs.isEmpty
                        ? "" : " (failed: \(node.failedGPUs.map(String.init).joined(separator: ", ")))"
                    problems.append(
                        "`\(node.name)` has \(healthy) usable GPU\(healthy == 1 ? "" : "s") of \(total)\(failed), the job asks for \(wanted)"
                    )
                }
            }
            guard let first = problems.first else { continue }
            let more =
                problems.count > 1 ? " (and \(problems.count - 1) more node\(problems.count > 2 ? "s" : ""))" : ""
            findings.report(
                "job `\(job.name)`: \(first)\(more)", at: job.gpusPerNodeLocation ?? job.nodesLocation,
                help: "leave those nodes out of `nodes`, or lower `gpus_per_node`")
        }
    }
}
