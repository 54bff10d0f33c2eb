import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS111: a NIC port running faster than its adapter model supports.
package struct NICSpeedExceedsModel: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS111", slug: "nic-speed-exceeds-model", category: .hardware, severity: .error,
        summary: "A NIC runs faster than its adapter model supports.",
        rationale: """
            Adapters have a top port speed: ConnectX-5 100 Gb/s (EDR), ConnectX-6 200 Gb/s (HDR), ConnectX-7 \
            400 Gb/s (NDR), ConnectX-8 800 Gb/s (XDR). A ConnectX-6 on a 400 Gb/s NDR network links at 200 Gb/s \
            at best, so every network estimate made from the declared speed is twice too optimistic. A NIC \
            inherits its network's `gbps` unless it declares its own, so this also catches adapters too slow for \
            their network.
            """,
        triggering: [
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 400}
            node_types:
              n: {gpus: {sku: a100-sxm4-80gb, count: 8}, nics: {"cx[0-7]": {sku: connectx-6, network: ib}}}  # expect: TS111
            nodes:
              n1: {type: n}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: pod
            networks:
              ib: {fabric: infiniband, gbps: 200}
            node_types:
              n: {gpus: {sku: a100-sxm4-80gb, count: 8}, nics: {"cx[0-7]": {sku: connectx-6, network: ib}}}
            nodes:
              n1: {type: n}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let catalog = context.spec.catalog
        for type in context.spec.nodeTypes {
            var reported: Set<String> = []
            for nic in type.nics {
                let fabric = nic.network.flatMap { context.spec.network(named: $0)?.fabric }
                guard let model = catalog.nics[nic.sku], nic.gbps > model.maxGbps(on: fabric),
                    reported.insert("\(nic.location)").inserted
                else { continue }
                let limit = model.maxGbps(on: fabric)
                let on = limit < model.maxGbps ? " on \(fabric?.displayName ?? "Ethernet")" : ""
                let source =
                    nic.gbpsDeclared
                    ? "is declared at" : "inherits \(nic.network.map { "network `\($0)`'s" } ?? "a speed of")"
                findings.report(
                    "NIC `\(nic.name)` \(source) \(Format.number(nic.gbps)) Gb/s, but `\(model.id)` (\(model.name)) supports at most \(Format.number(limit)) Gb/s per port\(on)",
                    at: nic.location,
                    help:
                        "use a faster adapter, or declare `gbps: \(Format.number(limit))` on the NIC if it really links slower"
                )
            }
        }
    }

}
