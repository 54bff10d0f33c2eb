import TopoModel
import TopoTopology

/// TS302: PCIe ACS enabled on a node whose GPUs share PCIe switches.
package struct ACSEnabled: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS302", slug: "acs-enabled", category: .platform, severity: .warning,
        summary: "PCIe ACS is enabled where GPUs or NICs share a PCIe switch.",
        rationale: """
            Access Control Services make a PCIe switch forward every peer-to-peer transaction up to the root \
            complex for checking, so GPU↔GPU and GPU↔NIC (GPUDirect RDMA) traffic that should turn around inside \
            the switch crosses the CPU instead: bandwidth drops and NCCL tests hang or crawl. NCCL's troubleshooting \
            guide says to disable ACS on bare metal (it is often forced on with the IOMMU); in VMs ACS is needed \
            for isolation and ATS should be used instead.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              box:
                gpus: {sku: a100-pcie-80gb, count: 2}
                pcie: [{switch: sw0, socket: 0, gpus: [0, 1]}]
                platform: {acs: enabled}  # expect: TS302
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
                gpus: {sku: a100-pcie-80gb, count: 2}
                pcie: [{switch: sw0, socket: 0, gpus: [0, 1]}]
                platform: {acs: disabled}
            nodes:
              n1: {type: box}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for type in context.spec.nodeTypes where type.platform.acs == .enabled && !type.platform.vm {
            guard
                let shared = type.pcie.entries.first(where: {
                    $0.kind == .pcieSwitch && $0.gpus.count + $0.nics.count >= 2
                })
            else { continue }
            findings.report(
                "node type `\(type.name)` has ACS enabled, so peer-to-peer traffic under switch `\(shared.name)` is forwarded up to the CPU root complex",
                at: type.platform.location ?? type.location,
                help:
                    "disable ACS on the PCIe switches (setpci, or the BIOS), as NCCL's troubleshooting guide recommends for bare metal"
            )
        }
    }
}
