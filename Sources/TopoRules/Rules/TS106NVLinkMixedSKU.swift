import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS106: NVLink joining GPUs of different SKUs.
package struct NVLinkMixedSKU: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS106", slug: "nvlink-mixed-sku", category: .hardware, severity: .error,
        summary: "NVLink joins GPUs of different models.",
        rationale: """
            NVLink bridges, baseboards and NVLink domains join GPUs of one model: an RTX 3090 cannot be bridged \
            to an RTX A6000, and an NVL72 rack holds one GPU model. Different SKUs in one box talk over PCIe.
            """,
        triggering: [
            """
            topospec: 1
            cluster: ws
            node_types:
              ws:
                gpus: [{sku: rtx-3090, count: 1}, {sku: rtx-a6000, count: 1}]
                nvlink: {bridges: [[0, 1]]}  # expect: TS106
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
                gpus: [{sku: rtx-a6000, count: 2}, {sku: rtx-4090, count: 1}]
                nvlink: {bridges: [[0, 1]]}
            nodes:
              ws01: {type: ws}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (t, type) in spec.nodeTypesWithIDs {
            guard let wiring = type.scaleUp else { continue }
            let skus = context.gpuSKUs[t]
            var groups: [(gpus: [Int], location: SourceLocation)] = []
            if let attachment = wiring.nvswitch { groups.append((attachment.gpus, attachment.location)) }
            for bridge in wiring.bridges { groups.append((bridge.gpus, bridge.location)) }
            if let mesh = wiring.mesh { groups.append((mesh.gpus, mesh.location)) }
            for link in wiring.links { groups.append(([link.a, link.b], link.location)) }
            if wiring.external != nil { groups.append((Array(skus.indices), wiring.location)) }
            for group in groups {
                let valid = group.gpus.filter { $0 < skus.count }
                guard let first = valid.first,
                    let other = valid.first(where: { skus[$0].id != skus[first].id })
                else { continue }
                findings.report(
                    "\(wiring.kind.displayName) joins GPU \(first) (`\(skus[first].id)`) and GPU \(other) (`\(skus[other].id)`); it connects GPUs of one model only",
                    at: group.location,
                    help: "keep each \(wiring.kind.displayName) group to one SKU; mixed GPUs talk over PCIe")
            }
        }
        for domain in spec.nvlinkDomains {
            var first: (node: String, sku: String)?
            for member in domain.nodes {
                let node = spec.nodes[member]
                for sku in spec.nodeTypes[node.typeID].skus {
                    guard let seen = first else {
                        first = (node.name, sku)
                        continue
                    }
                    if seen.sku != sku {
                        findings.report(
                            "NVLink domain `\(domain.name)` mixes `\(seen.sku)` (on \(seen.node)) and `\(sku)` (on \(node.name)); a domain holds one GPU model",
                            at: domain.location)
                        break
                    }
                }
            }
        }
    }
}
