import TopoModel
import TopoTopology

/// TS220: a job that asks for IMEX has its NVLink-domain nodes in two or more domains.
package struct IMEXJobSpansNVLinkDomains: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS220", slug: "imex-job-spans-nvlink-domains", category: .performance, severity: .warning,
        summary: "A job that asks for IMEX spans two or more NVLink domains.",
        rationale: """
            An IMEX domain cannot reach beyond its NVLink domain (NVIDIA IMEX guide, "Deployment Models": each \
            node's nodes_config.cfg lists nodes of one NVLink domain), so a job with ranks in two GB200 NVL72 racks \
            gets two IMEX domains, one per rack, and `topospec emit imex --job` writes one nodes_config.cfg for \
            each. Memory exported in one rack cannot be imported in the other: what the job's ranks share over \
            NVLink at 900 GB/s per direction per GPU inside a rack (NVLink 5) crosses racks over the network, \
            50 GB/s per direction per GPU with one 400 Gb/s NIC each. Keep the job in one domain, or write one job \
            per domain.
            """,
        triggering: [
            """
            topospec: 1
            cluster: nvl
            node_types:
              tray: {gpus: {sku: gb200, count: 4}, nvlink: {domain: external}}
            nodes:
              "tray[01-36]": {type: tray}
            nvlink_domains:
              "rack[1-2]": {nodes: "tray[01-36]", switches: {sku: nvswitch-gen4, count: 18}}
            jobs:
              train: {nodes: "tray[17-20]", parallelism: {tp: 4, dp: 4}, imex: true}  # expect: TS220
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: nvl
            node_types:
              tray: {gpus: {sku: gb200, count: 4}, nvlink: {domain: external}}
            nodes:
              "tray[01-36]": {type: tray}
            nvlink_domains:
              "rack[1-2]": {nodes: "tray[01-36]", switches: {sku: nvswitch-gen4, count: 18}}
            jobs:
              train: {nodes: "tray[19-22]", parallelism: {tp: 4, dp: 4}, imex: true}
              wide: {nodes: "tray[01-36]", parallelism: {tp: 4, dp: 36}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for job in spec.jobs where job.imex {
            var perDomain: [Int: Int] = [:]
            for n in job.nodes { if let d = spec.nodes[n].domainIndex { perDomain[d, default: 0] += 1 } }
            guard perDomain.count > 1 else { continue }
            let shown = perDomain.keys.sorted().prefix(4).map {
                "\(spec.nvlinkDomains[$0].name): \(perDomain[$0] ?? 0) node\(perDomain[$0] == 1 ? "" : "s")"
            }
            let more = perDomain.count > 4 ? ", …" : ""
            findings.report(
                "job `\(job.name)` asks for IMEX, but its nodes lie in \(perDomain.count) NVLink domains (\(shown.joined(separator: ", "))\(more)): GPU memory is shared over NVLink only within each, and between them over the network",
                at: job.imexLocation ?? job.location,
                help: "keep the job in one NVLink domain, or split it into one job per domain")
        }
    }
}
