import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS210: data-parallel traffic across racks on an oversubscribed fabric.
package struct DataParallelOversubscribed: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS210", slug: "data-parallel-oversubscribed", category: .performance, severity: .warning,
        summary: "Data-parallel groups span racks over an oversubscribed network tier.",
        rationale: """
            A leaf with more down ports than up ports (e.g. 40 down / 24 up, 1.67:1) can forward at most up ÷ down \
            of its hosts' bandwidth to the spine. Gradient all-reduces run on every GPU at once, so when DP groups \
            span racks each GPU gets only that fraction of its NIC: the ~47 GB/s per direction NCCL reaches on a \
            400 Gb/s NIC (94 % of line rate, docs/collective-model.md) becomes ~28 GB/s at 1.67:1. Training \
            fabrics are built non-blocking (1:1); on an oversubscribed one keep DP inside racks or expect longer \
            steps.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            networks:
              eth: {fabric: roce, gbps: 400, tiers: [{name: leaf, radix: 64, down: 48, up: 16}, {name: spine, radix: 64}]}  # expect: TS210
            node_types:
              hgx:
                gpus: {sku: h100-sxm5-80gb, count: 8}
                nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
                nics: {"cx[0-7]": {sku: connectx-7, network: eth}}
            nodes:
              "gpu[01-04]": {type: hgx, rack: "r[1-2]"}
            jobs:
              train: {nodes: "gpu[01-04]", parallelism: {tp: 8, dp: 4}}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            networks:
              eth: {fabric: roce, gbps: 400, tiers: [{name: leaf, radix: 64, down: 32, up: 32}, {name: spine, radix: 64}]}
            node_types:
              hgx:
                gpus: {sku: h100-sxm5-80gb, count: 8}
                nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
                nics: {"cx[0-7]": {sku: connectx-7, network: eth}}
            nodes:
              "gpu[01-04]": {type: hgx, rack: "r[1-2]"}
            jobs:
              train: {nodes: "gpu[01-04]", parallelism: {tp: 8, dp: 4}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (j, job) in spec.jobs.enumerated() {
            guard let layout = context.layouts[j], layout.dp > 1 else { continue }
            let racks = Set(job.nodes.compactMap { spec.nodes[$0].rackIndex })
            guard racks.count > 1 else { continue }
            // The job's compute networks and their worst oversubscribed tier.
            var networks: Set<String> = []
            for index in job.nodes {
                let type = spec.nodeTypes[spec.nodes[index].typeID]
                for i in context.computeNICs(ofType: spec.nodes[index].typeID) {
                    if let network = type.nics[i].network { networks.insert(network) }
                }
            }
            for name in networks.sorted() {
                guard let network = spec.network(named: name),
                    let (tier, ratio) = network.tiers.compactMap({ t in t.oversubscription.map { (t, $0) } }).max(by: {
                        $0.1 < $1.1
                    }),
                    ratio > 1.0001
                else { continue }
                let spansRacks = layout.groups(.dp).contains { group in
                    let first = spec.nodes[layout.slots[group[0]].node].rackIndex
                    return group.contains { spec.nodes[layout.slots[$0].node].rackIndex != first }
                }
                guard spansRacks else { continue }
                let share = 1 / ratio
                // The rate NCCL reaches on the network's NICs (`AchievableRates.nicEfficiency`).
                let gbps = job.nodes.lazy.compactMap { index -> Double? in
                    let type = spec.nodeTypes[spec.nodes[index].typeID]
                    return type.nics.first { $0.network == name }?.gbps
                }.first
                let nic = (gbps ?? 0) / 8 * AchievableRates.nicEfficiency(network.fabric)
                findings.report(
                    "data-parallel groups of job `\(job.name)` span \(racks.count) racks over network `\(name)`, whose \(tier.name.map { "`\($0)` " } ?? "")tier is \(Format.oneDecimal(ratio)):1 oversubscribed (\(tier.down ?? 0) down / \(tier.up ?? 0) up): all-reduces across racks get at most \(Int((share * 100).rounded())) % of each NIC"
                        + (nic > 0
                            ? " (about \(Format.bandwidth(gbs: nic * share)) of the \(Format.bandwidth(gbs: nic)) per direction NCCL reaches)"
                            : ""),
                    at: tier.location, help: "build the tier non-blocking (down = up), or keep DP groups inside racks")
            }
        }
    }
}
