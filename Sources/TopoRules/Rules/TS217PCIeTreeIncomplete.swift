import TopoModel
import TopoTopology

/// TS217: a PCIe tree that leaves GPUs or compute NICs unplaced.
package struct PCIeTreeIncomplete: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS217", slug: "pcie-tree-incomplete", category: .performance, severity: .warning,
        summary: "A node type's PCIe tree leaves some GPUs or NICs out.",
        rationale: """
            Locality checks (GPU–NIC affinity, peer-to-peer across sockets, host-link speed) and the topology \
            matrix need every GPU and NIC placed under a host bridge or switch. A partial tree silently skips \
            those checks for the devices it leaves out and prints `?` in `topospec matrix`.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              box:
                gpus: {sku: l40s, count: 4}
                pcie: [{host_bridge: rc0, socket: 0, gpus: [0, 1, 2]}]  # expect: TS217
            nodes:
              n1: {type: box}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              box:
                gpus: {sku: l40s, count: 4}
                pcie: [{host_bridge: rc0, socket: 0, gpus: [0, 1, 2, 3]}]
            nodes:
              n1: {type: box}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for (t, type) in context.spec.nodeTypesWithIDs where !type.pcie.isEmpty {
            // NVLink-C2C GPUs (GH200, GB200) hang off their Grace CPU, not the PCIe tree.
            let gpus = type.gpus.indices.filter { gpu in
                type.pcie.entry(ofGPU: gpu) == nil && context.gpuSKUs[t][gpu].host != .nvlinkC2C
            }
            let nics = context.computeNICs(ofType: t).map { type.nics[$0].name }.filter {
                type.pcie.entry(ofNIC: $0) == nil
            }
            guard !gpus.isEmpty || !nics.isEmpty else { continue }
            var parts: [String] = []
            if !gpus.isEmpty {
                parts.append("GPU\(gpus.count > 1 ? "s" : "") \(gpus.map(String.init).joined(separator: ", "))")
            }
            if !nics.isEmpty {
                parts.append("NIC\(nics.count > 1 ? "s" : "") \(nics.map { "`\($0)`" }.joined(separator: ", "))")
            }
            findings.report(
                "the PCIe tree of node type `\(type.name)` does not place \(parts.joined(separator: " and "))",
                at: type.pcie.entries[0].location, help: "list every GPU and compute NIC under a host bridge or switch")
        }
    }
}
