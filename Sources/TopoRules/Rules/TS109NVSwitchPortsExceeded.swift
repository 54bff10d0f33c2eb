import TopoDiagnostics
import TopoModel
import TopoTopology

/// TS109: more GPU links on an NVSwitch fabric than its chips have ports.
package struct NVSwitchPortsExceeded: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS109", slug: "nvswitch-ports-exceeded", category: .hardware, severity: .error,
        summary: "The GPUs' NVLinks outnumber the NVSwitch ports declared.",
        rationale: """
            Every GPU link on an NVSwitch fabric ends on a switch port. HGX H100 wires 8 GPUs × 18 links = 144 \
            links to 4 third-generation NVSwitch chips of 64 ports; HGX A100 wires 8 × 12 = 96 links to 6 chips of \
            36 ports; an NVL72 rack wires 72 × 18 = 1,296 links to 18 NVLink 5 switch chips of 72 ports — exactly \
            full. Fewer chips than the links need is a board that cannot be built.
            """,
        triggering: [
            """
            topospec: 1
            cluster: hgx
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 2}}}  # expect: TS109
            nodes:
              n1: {type: hgx}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: hgx
            node_types:
              hgx: {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
            nodes:
              n1: {type: hgx}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (t, type) in spec.nodeTypesWithIDs {
            guard let attachment = type.scaleUp?.nvswitch, let chip = spec.catalog.nvswitches[attachment.sku] else {
                continue
            }
            let skus = context.gpuSKUs[t]
            let links = attachment.gpus.reduce(0) { $0 + ($1 < skus.count ? (skus[$1].nvlink?.links ?? 0) : 0) }
            report(
                gpus: attachment.gpus.count, links: links, chip: chip, count: attachment.count, at: attachment.location,
                &findings)
        }
        for domain in spec.nvlinkDomains {
            guard let chip = spec.catalog.nvswitches[domain.switchSKU] else { continue }
            var gpus = 0
            var links = 0
            for member in domain.nodes {
                for sku in context.gpuSKUs[spec.nodes[member].typeID] {
                    gpus += 1
                    links += sku.nvlink?.links ?? 0
                }
            }
            report(gpus: gpus, links: links, chip: chip, count: domain.switchCount, at: domain.location, &findings)
        }
    }

    private func report(
        gpus: Int, links: Int, chip: NVSwitchSKU, count: Int, at location: SourceLocation,
        _ findings: inout Findings
    ) {
        let (ports, overflow) = count.multipliedReportingOverflow(by: chip.ports)
        guard !overflow, links > ports else { return }
        let needed = (links + chip.ports - 1) / chip.ports
        findings.report(
            "\(gpus) GPUs bring \(links) NVLinks, but \(count) × `\(chip.id)` have \(ports) ports (\(chip.ports) each)",
            at: location, help: "at least \(needed) `\(chip.id)` chips are needed")
    }
}
