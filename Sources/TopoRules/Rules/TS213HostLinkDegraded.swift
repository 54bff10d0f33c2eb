import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS213: a GPU's PCIe link (its slot, or the uplink of its switch) slower or narrower than the
/// GPU's own interface.
package struct HostLinkDegraded: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS213", slug: "host-link-degraded", category: .performance, severity: .warning,
        summary: "A GPU's PCIe path is slower or narrower than the GPU's own interface.",
        rationale: """
            An H100's host interface is PCIe Gen5 x16: 63 GB/s per direction. In a Gen4 slot it trains at 31.5 GB/s; \
            in an x8 slot (common on workstation boards once several cards are installed) at half its lanes; \
            behind a Gen4 switch uplink shared by two GPUs, each gets at most half of 31.5 GB/s to the CPU. \
            Host-to-device copies, data loading, and any traffic that leaves the GPU over PCIe slow down in step.
            """,
        triggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              ws:
                gpus: {sku: rtx-5090, count: 2}
                pcie: [{host_bridge: rc0, socket: 0, gen: 5, width: 8, gpus: [0, 1]}]  # expect: TS213
            nodes:
              ws01: {type: ws}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              ws:
                gpus: {sku: rtx-5090, count: 2}
                pcie: [{host_bridge: rc0, socket: 0, gen: 5, width: 16, gpus: [0, 1]}]
            nodes:
              ws01: {type: ws}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (t, type) in spec.nodeTypesWithIDs {
            for (e, entry) in type.pcie.entries.enumerated() {
                for gpu in entry.gpus where gpu < context.gpuSKUs[t].count {
                    let sku = context.gpuSKUs[t][gpu]
                    guard case let .pcie(generation, width) = sku.host,
                        let own = spec.catalog.pcieGBs(generation: generation, width: width)
                    else { continue }
                    // The GPU's own link, then every switch uplink on the way to the CPU.
                    var links: [(gen: Int, width: Int, what: String)] = []
                    let slotGen = min(generation, entry.generation ?? generation)
                    let slotWidth = entry.kind == .hostBridge ? min(width, entry.width) : width
                    links.append(
                        (
                            slotGen, slotWidth,
                            entry.kind == .hostBridge ? "its slot on `\(entry.name)`" : "its link to `\(entry.name)`"
                        ))
                    for index in type.pcie.ancestry(of: e) where type.pcie.entries[index].kind == .pcieSwitch {
                        let uplink = type.pcie.entries[index]
                        guard let gen = uplink.generation else { continue }
                        links.append((gen, uplink.width, "the uplink of switch `\(uplink.name)`"))
                    }
                    guard
                        let slowest = links.min(by: {
                            (spec.catalog.pcieGBs(generation: $0.gen, width: $0.width) ?? 0)
                                < (spec.catalog.pcieGBs(generation: $1.gen, width: $1.width) ?? 0)
                        }), let gbs = spec.catalog.pcieGBs(generation: slowest.gen, width: slowest.width),
                        gbs < own * 0.999
                    else { continue }
                    findings.report(
                        "GPU \(gpu) (`\(sku.id)`, \(sku.host.displayName): \(Format.bandwidth(gbs: own)) per direction) is limited to \(Format.bandwidth(gbs: gbs)) by \(slowest.what) (Gen\(slowest.gen) x\(slowest.width))",
                        at: entry.location)
                    break
                }
            }
        }
    }
}
