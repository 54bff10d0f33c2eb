import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS208: fewer compute NICs than GPUs on nodes that run multi-node jobs or sit on a compute
/// network.
package struct FewerNICsThanGPUs: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS208", slug: "fewer-nics-than-gpus", category: .performance, severity: .warning,
        summary: "A node type has fewer compute NICs than GPUs.",
        rationale: """
            Training fabrics pair every GPU with its own NIC (DGX A100: 8 × 200 Gb/s, DGX H100/B200: 8 × 400 Gb/s, \
            GB300 NVL72: one 800 Gb/s ConnectX-8 per GPU) because data-parallel and pipeline traffic leaves every \
            GPU at once. With 4 NICs for 8 GPUs, each GPU gets half a NIC (of a 400 Gb/s NIC's ~47 GB/s per \
            direction that NCCL reaches, 94 % of line rate: NVIDIA/nccl-tests#290; docs/collective-model.md), and GPUs without a NIC under their PCIe \
            switch reach one through the CPU (NCCL's PXN can route through a peer GPU over NVLink, at the cost of \
            that GPU's NVLink bandwidth).
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband, gbps: 400}
            node_types:
              hgx:  # expect: TS208
                gpus: {sku: h100-sxm5-80gb, count: 8}
                nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
                nics: {"cx[0-3]": {sku: connectx-7, network: ib}}
            nodes:
              "n[1-2]": {type: hgx}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband, gbps: 400}
            node_types:
              hgx:
                gpus: {sku: h100-sxm5-80gb, count: 8}
                nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
                nics: {"cx[0-7]": {sku: connectx-7, network: ib}}
            nodes:
              "n[1-2]": {type: hgx}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (t, type) in spec.nodeTypesWithIDs {
            let nics = context.computeNICs(ofType: t)
            let gpus = type.gpus.count
            guard !nics.isEmpty, nics.count < gpus, gpus > 1 else { continue }
            // What NCCL reaches per NIC (`AchievableRates.nicEfficiency`), shared by the GPUs.
            let perGPU =
                nics.reduce(0.0) { sum, i in
                    let fabric = type.nics[i].network.flatMap { spec.network(named: $0)?.fabric } ?? .infiniband
                    return sum + type.nics[i].gbps / 8 * AchievableRates.nicEfficiency(fabric)
                } / Double(gpus)
            let total = nics.reduce(0.0) { $0 + type.nics[$1].gbps }
            // A placeholder adapter's speed is a guess: say how many NICs, never a made-up figure.
            let guessed = nics.contains { i in
                !type.nics[i].gbpsDeclared && (spec.catalog.nics[type.nics[i].sku]?.placeholder ?? false)
                    && (type.nics[i].network.flatMap { spec.network(named: $0)?.gbps } == nil)
            }
            let speed = guessed ? "" : " (\(Int(total)) Gb/s)"
            let share =
                guessed
                ? "the NICs' speed is unknown (placeholder adapter)"
                : "about \(Format.bandwidth(gbs: perGPU)) per GPU per direction at the rate NCCL reaches"
            findings.report(
                "node type `\(type.name)` has \(nics.count) compute NIC\(nics.count == 1 ? "" : "s")\(speed) for \(gpus) GPUs: \(share)",
                at: type.location, help: "one compute NIC per GPU is the norm for training fabrics")
        }
    }
}
