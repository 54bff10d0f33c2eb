import TopoModel
import TopoTopology

/// TS204: a TP size that does not divide the NVLink domain, so some groups straddle domains.
package struct TensorParallelNotDividingDomain: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS204", slug: "tensor-parallel-not-dividing-domain", category: .performance, severity: .warning,
        summary: "TP does not divide the GPUs of an NVLink domain.",
        rationale: """
            With TP 6 on 8-GPU HGX nodes, ranks 6–11 span two nodes: a third of the TP groups leave NVLink. Choose \
            a TP that divides the NVLink domain (1, 2, 4, 8 on HGX; 1, 2, 3, 4, 6, 8, 9, 12, 18, 24, 36, 72 in an \
            NVL72) so every group fits in one.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-03]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-03]", parallelism: {tp: 6, dp: 4}}  # expect: TS204
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-03]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-03]", parallelism: {tp: 8, dp: 3}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (j, job) in spec.jobs.enumerated() {
            guard let layout = context.layouts[j], layout.tp > 1 else { continue }
            var sizes: Set<Int> = []
            for index in job.nodes {
                let node = spec.nodes[index]
                if let d = node.domainIndex {
                    sizes.insert(
                        spec.nvlinkDomains[d].nodes.reduce(0) { $0 + spec.healthyGPUs(of: spec.nodes[$1]).count })
                } else if context.scaleUpLinks[node.typeID] != nil {
                    sizes.insert(job.gpusPerNode ?? spec.healthyGPUs(of: node).count)
                }
            }
            guard let domain = sizes.sorted().first(where: { $0 > layout.tp && $0 % layout.tp != 0 }) else { continue }
            findings.report(
                "tp \(layout.tp) does not divide the \(domain)-GPU NVLink domains of job `\(job.name)`; some TP groups straddle two domains",
                at: job.parallelism.location ?? job.location,
                help: "use a TP that divides \(domain)")
        }
    }
}
