import TopoModel
import TopoTopology

/// Shared GPU→nearest-compute-NIC walk for TS206 and TS207.
enum NICLocality {
    static func report(
        _ context: SpecAnalysis, _ findings: inout Findings, when matches: (PathClass) -> Bool,
        describe: (NodeType) -> String
    ) {
        let spec = context.spec
        for (t, type) in spec.nodeTypesWithIDs {
            let nics = context.computeNICs(ofType: t).filter { type.pcie.entry(ofNIC: type.nics[$0].name) != nil }
            guard !nics.isEmpty else { continue }
            let topology = context.nodeTopologies[t]
            var affected: [Int] = []
            var example: (gpu: Int, nic: Int)?
            // GPUs on NVLink-C2C (Grace superchips): NCCL ≥ 2.27 uses GPUDirect RDMA through the Grace
            // CPU's PCIe root ports by default (NCCL_NET_GDR_C2C=1, `netGdrLevel = PATH_P2C` in
            // `ncclTopoCheckGdr`, src/graph/paths.cc), so their NIC path is not a PCIe class to judge.
            for gpu in 0..<topology.gpuCount
            where type.pcie.entry(ofGPU: gpu) != nil && context.gpuSKUs[t][gpu].host != .nvlinkC2C {
                guard let nearest = topology.nearestNIC(to: gpu, among: nics),
                    matches(topology.nicPath(gpu: gpu, nic: nearest).pathClass)
                else { continue }
                affected.append(gpu)
                if example == nil { example = (gpu, nearest) }
            }
            guard let e = example else { continue }
            let list = affected.map(String.init).joined(separator: ", ")
            findings.report(
                "node type `\(type.name)`: GPU\(affected.count > 1 ? "s" : "") \(list) reach\(affected.count > 1 ? "" : "es") the nearest compute NIC only through the CPU: GPU \(e.gpu) → `\(type.nics[e.nic].name)` \(describe(type)), so NCCL disables GPUDirect RDMA for it (NCCL_NET_GDR_LEVEL defaults to PXB for PCIe-attached GPUs)",
                at: type.pcie.entries[type.pcie.entry(ofGPU: e.gpu) ?? 0].location,
                help: "place a compute NIC under each GPU's PCIe switch (PIX/PXB), as HGX systems do")
        }
    }
}
