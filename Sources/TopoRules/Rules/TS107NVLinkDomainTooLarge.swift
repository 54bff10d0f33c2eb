import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS107: an NVLink fabric joining more GPUs than the SKU's largest domain.
package struct NVLinkDomainTooLarge: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS107", slug: "nvlink-domain-too-large", category: .hardware, severity: .error,
        summary: "An NVLink domain holds more GPUs than the SKU supports.",
        rationale: """
            Every GPU generation has a largest NVLink fabric: 8 V100 SXM2 (DGX-1), 16 V100 SXM3 (DGX-2), 16 A100 \
            (two HGX A100 boards), 256 H100 through the NVLink Switch System, 8 H200 (every H200 SXM product is an \
            8-GPU HGX / DGX H200 board), 8 B200 (HGX B200), 72 GB200 or \
            GB300 in an NVL72 rack (4 on a switchless GB200 NVL4 board, 2 on a GH200 NVL2 node), 8 MI300X (4 MI300A \
            APUs) on Infinity Fabric. Beyond it, GPUs reach each other over the network \
            (50 GB/s per direction for a 400 Gb/s NIC instead of 900 GB/s per direction for NVLink 5), so a spec \
            claiming a larger domain overstates tensor- and expert-parallel bandwidth by an order of magnitude.
            """,
        triggering: [
            """
            topospec: 1
            cluster: nvl
            node_types:
              tray: {gpus: {sku: gb200, count: 4}, nvlink: {domain: external}}
            nodes:
              "tray[01-20]": {type: tray}
            nvlink_domains:
              nvl80: {nodes: "tray[01-20]", switches: {sku: nvswitch-gen4, count: 18}}  # expect: TS107
            """
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
              nvl72: {nodes: "tray[01-18]", switches: {sku: nvswitch-gen4, count: 18}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (t, type) in spec.nodeTypesWithIDs {
            guard let wiring = type.scaleUp else { continue }
            let skus = context.gpuSKUs[t]
            var groups: [(gpus: [Int], location: SourceLocation)] = []
            if let attachment = wiring.nvswitch { groups.append((attachment.gpus, attachment.location)) }
            if let mesh = wiring.mesh { groups.append((mesh.gpus, mesh.location)) }
            for group in groups {
                guard let first = group.gpus.first, first < skus.count, let capability = skus[first].scaleUp,
                    capability.kind == wiring.kind, group.gpus.count > capability.maxDomain
                else { continue }
                findings.report(
                    "\(group.gpus.count) GPUs in one \(wiring.kind.displayName) fabric; \(context.describe(skus[first])) joins at most \(capability.maxDomain)",
                    at: group.location, notes: context.declarationNote(skus[first]))
            }
        }
        for domain in spec.nvlinkDomains {
            var gpus = 0
            var smallest: GPUSKU?
            for member in domain.nodes {
                let node = spec.nodes[member]
                gpus += spec.nodeTypes[node.typeID].gpus.count
                for sku in context.gpuSKUs[node.typeID] {
                    if let limit = sku.nvlink?.maxDomain, limit < (smallest?.nvlink?.maxDomain ?? Int.max) {
                        smallest = sku
                    }
                }
            }
            guard let sku = smallest, let limit = sku.nvlink?.maxDomain, gpus > limit else { continue }
            findings.report(
                "NVLink domain `\(domain.name)` joins \(gpus) GPUs on \(domain.nodes.count) nodes; \(context.describe(sku)) joins at most \(limit)",
                at: domain.location, notes: context.declarationNote(sku),
                help: "split the nodes into domains of at most \(limit) GPUs")
        }
    }
}
