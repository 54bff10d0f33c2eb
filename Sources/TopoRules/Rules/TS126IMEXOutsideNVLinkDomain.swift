import TopoModel
import TopoTopology

/// TS126: a job asks for IMEX (`imex: true`: a ComputeDomain or IMEX daemons) on nodes that are
/// in no multi-node NVLink domain.
package struct IMEXOutsideNVLinkDomain: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS126", slug: "imex-outside-nvlink-domain", category: .job, severity: .error,
        summary: "A job asks for IMEX on nodes outside any multi-node NVLink domain.",
        rationale: """
            IMEX (NVIDIA Internode Memory Exchange) maps GPU memory between the nodes of one NVLink domain: the \
            IMEX guide's overview and deployment models place every IMEX domain inside an NVLink domain, such as \
            the 18 compute trays (72 GPUs) of a GB200 NVL72 rack. A Kubernetes ComputeDomain (NVIDIA's DRA driver \
            for GPUs, docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/dra-cds.html) is IMEX underneath: \
            it guarantees multi-node NVLink reachability between its pods, and the driver runs no IMEX daemon on a \
            node without an NVLink fabric. A node outside every `nvlink_domains` entry (an HGX board, whose NVLink \
            ends at its own 8 GPUs) therefore cannot take part: `topospec emit imex --job` and `emit \
            k8s-compute-domain --job` refuse the job, and on the cluster its pods would not get the memory \
            sharing they were written for.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-02]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-02]", parallelism: {tp: 8, dp: 2}, imex: true}  # expect: TS126
            """,
            """
            topospec: 1
            cluster: nvl
            node_types:
              tray: {gpus: {sku: gb200, count: 4}, nvlink: {domain: external}}
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "tray[01-18]": {type: tray}
              "gpu[01-02]": {type: hgx}
            nvlink_domains:
              rack1: {nodes: "tray[01-18]", switches: {sku: nvswitch-gen4, count: 18}}
            jobs:
              train:
                nodes: "tray[01-18],gpu[01-02]"
                parallelism: {tp: 4, dp: 22}
                imex: true  # expect: TS126
            """,
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
              train: {nodes: "tray[01-18]", parallelism: {tp: 8, dp: 9}, imex: true}
            """,
            """
            topospec: 1
            cluster: pod
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              "gpu[01-02]": {type: hgx}
            jobs:
              train: {nodes: "gpu[01-02]", parallelism: {tp: 8, dp: 2}}
            """,
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for job in spec.jobs where job.imex {
            let outside = job.nodes.filter { spec.nodes[$0].domainIndex == nil }
            guard !outside.isEmpty else { continue }
            let names = Hostlist.compress(outside.map { spec.nodes[$0].name })
            let which =
                outside.count == job.nodes.count
                ? "none of its \(job.nodes.count) node\(job.nodes.count == 1 ? " is" : "s are") in an NVLink domain (\(names))"
                : "\(outside.count) of its \(job.nodes.count) nodes are in no NVLink domain (\(names))"
            findings.report(
                "job `\(job.name)` asks for IMEX (`imex: true`), but \(which): IMEX and ComputeDomains share GPU memory only within a multi-node NVLink domain",
                at: job.imexLocation ?? job.location,
                help: spec.nvlinkDomains.isEmpty
                    ? "remove `imex: true`: the cluster declares no `nvlink_domains`"
                    : "run the job on nodes of one `nvlink_domains` entry, or remove `imex: true`")
        }
    }
}
