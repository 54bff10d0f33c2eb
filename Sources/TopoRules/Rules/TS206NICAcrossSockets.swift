import TopoModel

/// TS206: GPUs whose nearest compute NIC hangs off the other CPU socket.
public struct NICAcrossSockets: Rule {
    public init() {}

    public let metadata = RuleMetadata(
        code: "TS206", slug: "nic-across-sockets", category: .performance, severity: .warning,
        summary: "A GPU's nearest compute NIC is on the other CPU socket.",
        rationale: """
        GPUDirect RDMA lets the NIC read GPU memory directly over PCIe; for a PCIe-attached GPU NCCL enables it \
        only when the GPU–NIC path is at most PXB (NCCL_NET_GDR_LEVEL defaults to PXB; `ncclTopoCheckGdr` in \
        src/graph/paths.cc). GPUs on NVLink-C2C (GH200, GB200, GB300) are the exception: since NCCL 2.27 \
        (NCCL_NET_GDR_C2C=1 by default, level PATH_P2C) GPUDirect RDMA goes through the Grace CPU to NICs on its \
        root ports, so this rule does not judge them. Across sockets (SYS) every byte the GPU sends \
        is staged through host memory and crosses the socket interconnect (UPI / Infinity Fabric), which also \
        carries everything else the CPUs do: expect a fraction of the NIC's 50 GB/s (400 Gb/s). Put a compute \
        NIC under each GPU's PCIe switch, or at least on its socket.
        """,
        triggering: [
            """
            topospec: 1
            cluster: c
            networks:
              eth: {fabric: roce, gbps: 100}
            node_types:
              box:
                gpus: {sku: l40s, count: 4}
                sockets: 2
                pcie:
                  - {host_bridge: rc0, socket: 0, gpus: [0, 1]}
                  - {host_bridge: rc1, socket: 1, gpus: [2, 3], nics: [eth0]}
                nics: {eth0: {sku: connectx-6-dx, network: eth}}
            nodes:
              n1: {type: box}
            """,
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            networks:
              eth: {fabric: roce, gbps: 100}
            node_types:
              box:
                gpus: {sku: l40s, count: 4}
                sockets: 2
                pcie:
                  - {host_bridge: rc0, socket: 0, gpus: [0, 1], nics: [eth0]}
                  - {host_bridge: rc1, socket: 1, gpus: [2, 3], nics: [eth1]}
                nics: {"eth[0-1]": {sku: connectx-6-dx, network: eth}}
            nodes:
              n1: {type: box}
            """,
        ])

    public func check(_ context: RuleContext, _ findings: inout Findings) {
        NICLocality.report(context, &findings) { $0 == .sys } describe: { "crosses the socket interconnect (SYS)" }
    }
}

/// Shared GPU→nearest-compute-NIC walk for TS206 and TS207.
enum NICLocality {
    static func report(_ context: RuleContext, _ findings: inout Findings, when matches: (PathClass) -> Bool,
                       describe: () -> String) {
        let spec = context.spec
        for (t, type) in spec.nodeTypes.enumerated() {
            let nics = context.computeNICs(ofType: t).filter { type.pcie.entry(ofNIC: type.nics[$0].name) != nil }
            guard !nics.isEmpty else { continue }
            let topology = context.nodeTopologies[t]
            var affected: [Int] = []
            var example: (gpu: Int, nic: Int)?
            // GPUs on NVLink-C2C (Grace superchips): NCCL ≥ 2.27 uses GPUDirect RDMA through the Grace
            // CPU's PCIe root ports by default (NCCL_NET_GDR_C2C=1, `netGdrLevel = PATH_P2C` in
            // `ncclTopoCheckGdr`, src/graph/paths.cc), so their NIC path is not a PCIe class to judge.
            for gpu in 0..<topology.gpuCount where type.pcie.entry(ofGPU: gpu) != nil && context.gpuSKUs[t][gpu].host != .nvlinkC2C {
                guard let nearest = topology.nearestNIC(to: gpu, among: nics),
                      matches(topology.nicPath(gpu: gpu, nic: nearest).pathClass) else { continue }
                affected.append(gpu)
                if example == nil { example = (gpu, nearest) }
            }
            guard let e = example else { continue }
            let list = affected.map(String.init).joined(separator: ", ")
            findings.report(
                "node type `\(type.name)`: GPU\(affected.count > 1 ? "s" : "") \(list) reach\(affected.count > 1 ? "" : "es") the nearest compute NIC only through the CPU: GPU \(e.gpu) → `\(type.nics[e.nic].name)` \(describe()), so NCCL disables GPUDirect RDMA for it (NCCL_NET_GDR_LEVEL defaults to PXB for PCIe-attached GPUs)",
                at: type.pcie.entries[type.pcie.entry(ofGPU: e.gpu) ?? 0].location,
                help: "place a compute NIC under each GPU's PCIe switch (PIX/PXB), as HGX systems do")
        }
    }
}
