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
            their network. AWS EFA comes in per-device generations (AWS instance specifications: p4d / p5 \
            100 Gb/s per device, p5en 200, p6 400): a p5en spec uses `efa-200g`, a p6 spec `efa-400g`.
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
            """,
            """
            topospec: 1
            cluster: p5en
            networks:
              efa: {fabric: efa, gbps: 200}
            node_types:
              p5en: {gpus: {sku: h200-sxm-141gb, count: 8}, nics: {"efa[0-15]": {sku: efa-200g, network: efa}}}
            nodes:
              n1: {type: p5en}
            """,
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
                let faster = Self.fasterSibling(of: model, gbps: nic.gbps, fabric: fabric, in: catalog)
                findings.report(
                    "NIC `\(nic.name)` \(source) \(Format.number(nic.gbps)) Gb/s, but `\(model.id)` (\(model.name)) supports at most \(Format.number(limit)) Gb/s per port\(on)",
                    at: nic.location,
                    help:
                        "use a faster adapter\(faster.map { " (\($0))" } ?? ""), or declare `gbps: \(Format.number(limit))` on the NIC if it really links slower"
                )
            }
        }
    }

    /// The slowest catalog adapters of the same vendor and fabrics as `model` that carry `gbps`, by id
    /// (`efa-200g` for an `efa` at 200 Gb/s; `bluefield-3` or `connectx-7` for a `connectx-6` at 400).
    static func fasterSibling(of model: NICSKU, gbps: Double, fabric: Fabric?, in catalog: Catalog) -> String? {
        let fitting = catalog.nics.values.filter {
            !$0.placeholder && $0.vendor == model.vendor && $0.fabrics == model.fabrics
                && $0.maxGbps(on: fabric) >= gbps
        }
        guard let slowest = fitting.map({ $0.maxGbps(on: fabric) }).min() else { return nil }
        return fitting.filter { $0.maxGbps(on: fabric) == slowest }.map(\.id).sorted().map { "`\($0)`" }
            .joined(separator: " or ")
    }
}
