import TopoModel
import TopoTopology

/// TS112: a CPU slot declared at a PCIe generation or width its device cannot train to.
package struct PCIeLinkExceedsDevice: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS112", slug: "pcie-link-exceeds-device", category: .hardware, severity: .error,
        summary: "A device's PCIe link is declared faster or wider than the device supports.",
        rationale: """
            A PCIe link trains to the highest generation and width both ends support. For a `host_bridge` entry, \
            `gen` and `width` are the slot links of the devices on it, so declaring Gen5 for an RTX 4090 (a Gen4 \
            x16 card: 31.5 GB/s per direction) claims 63 GB/s the card cannot reach. (A switch's `gen` is its \
            uplink, which may be faster than the devices below it.)
            """,
        triggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              ws:
                gpus: {sku: rtx-4090, count: 2}
                pcie: [{host_bridge: rc0, socket: 0, gen: 5, gpus: [0, 1]}]  # expect: TS112
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
                gpus: {sku: rtx-4090, count: 2}
                pcie: [{host_bridge: rc0, socket: 0, gen: 4, gpus: [0, 1]}]
            nodes:
              ws01: {type: ws}
            """,
            """
            topospec: 1
            cluster: ws
            node_types:
              ws:
                gpus: {sku: rtx-4090, count: 2}
                pcie: [{switch: pex0, socket: 0, gen: 5, gpus: [0, 1]}]
            nodes:
              ws01: {type: ws}
            """,
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (t, type) in spec.nodeTypesWithIDs {
            for entry in type.pcie.entries where entry.kind == .hostBridge {
                var devices: [(name: String, host: HostInterface)] = []
                for gpu in entry.gpus where gpu < context.gpuSKUs[t].count {
                    devices.append(("GPU \(gpu) (`\(context.gpuSKUs[t][gpu].id)`)", context.gpuSKUs[t][gpu].host))
                }
                for nicName in entry.nics {
                    guard let nic = type.nics.first(where: { $0.name == nicName }),
                        let model = spec.catalog.nics[nic.sku]
                    else { continue }
                    devices.append(("NIC `\(nicName)` (`\(model.id)`)", model.host))
                }
                for device in devices {
                    guard case let .pcie(generation, width) = device.host else { continue }
                    if let declared = entry.generation, declared > generation {
                        findings.report(
                            "`\(entry.name)` declares PCIe Gen\(declared) slots, but \(device.name) is a Gen\(generation) x\(width) device; the link trains at Gen\(generation)",
                            at: entry.location, help: "write `gen: \(generation)`")
                        break
                    }
                    if entry.width > width {
                        findings.report(
                            "`\(entry.name)` declares x\(entry.width) slots, but \(device.name) has \(width) lanes",
                            at: entry.location, help: "write `width: \(width)`")
                        break
                    }
                }
            }
        }
    }
}
