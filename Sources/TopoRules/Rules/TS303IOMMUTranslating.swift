import TopoModel
import TopoTopology

/// TS303: the IOMMU in translating mode on a bare-metal GPU node.
package struct IOMMUTranslating: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS303", slug: "iommu-translating", category: .platform, severity: .warning,
        summary: "The IOMMU translates DMA on a bare-metal multi-GPU node.",
        rationale: """
            With the IOMMU translating (not `iommu=pt`), PCIe peer-to-peer and GPUDirect RDMA go through address \
            translation and usually through the root complex: Linux enables ACS on switches when the IOMMU is on, \
            and some chipsets silently drop translated peer-to-peer writes. NVIDIA's GPUDirect and NCCL \
            documentation recommend passthrough mode (`iommu=pt`) or disabling the IOMMU on bare metal.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              box: {gpus: {sku: l40s, count: 4}, platform: {iommu: enabled}}  # expect: TS303
            nodes:
              n1: {type: box}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              box: {gpus: {sku: l40s, count: 4}, platform: {iommu: passthrough}}
            nodes:
              n1: {type: box}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        for type in context.spec.nodeTypes
        where type.platform.iommu == .enabled && !type.platform.vm && type.gpus.count > 1 {
            findings.report(
                "node type `\(type.name)` runs \(type.gpus.count) GPUs with the IOMMU translating; peer-to-peer and GPUDirect RDMA traffic goes through the root complex",
                at: type.platform.location ?? type.location,
                help: "boot with `iommu=pt` (intel_iommu=on iommu=pt / amd_iommu=on iommu=pt) or disable the IOMMU")
        }
    }
}
