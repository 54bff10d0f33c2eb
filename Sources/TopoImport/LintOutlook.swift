import TopoDiagnostics
import TopoModel

/// The warnings lint will give an imported machine for what the machine is like (not for import
/// mistakes), worked out from the draft so the spec can say so in a comment above the node type:
/// a placeholder GPU (TS404), fewer NICs than GPUs (TS208), GPUs whose nearest NIC is across the
/// sockets (TS206) or behind a host bridge (TS207), GPU pairs without NVLink across the sockets
/// (TS211), GeForce cards without PCIe P2P (TS301), GPUs behind links slower than their own
/// (TS213).
enum LintOutlook {
    static func comments(for draft: DraftSpec, skus: [GPUSKU?], gpuCount: Int, linkedGPUs: Set<Int>, allPairsLinked: Bool,
                         catalog: Catalog) -> [String] {
        var lines: [String] = []
        if draft.placeholderGPU != nil {
            lines.append("TS404: the GPU model is a placeholder until it is identified.")
        }
        if draft.placeholderNIC != nil {
            lines.append("TS405: the NIC model is a placeholder until it is identified.")
        }
        let topology = DraftTopology(draft.pcie)
        let nics = draft.nics.map(\.name)
        if !nics.isEmpty, nics.count < gpuCount, gpuCount > 1 {
            lines.append("TS208: \(Format.count(nics.count, "NIC")) for \(gpuCount) GPUs.")
        }
        let placedNICs = nics.compactMap { topology.entry(nic: $0) }
        if !placedNICs.isEmpty {
            var acrossSockets: [Int] = []
            var throughHost: [Int] = []
            for gpu in 0..<gpuCount {
                // NVLink-C2C GPUs: GPUDirect RDMA through the Grace CPU (NCCL ≥ 2.27).
                let c2c = gpu < skus.count ? (skus[gpu].map { $0.host == .nvlinkC2C } ?? (draft.placeholderGPU?.hostC2C ?? false)) : false
                guard !c2c, let entry = topology.entry(gpu: gpu) else { continue }
                guard let nearest = placedNICs.map({ topology.pathClass(entry, $0) }).min() else { continue }
                if nearest == .sys { acrossSockets.append(gpu) }
                if nearest == .phb || nearest == .node { throughHost.append(gpu) }
            }
            if !acrossSockets.isEmpty {
                lines.append("TS206: \(list(acrossSockets)) reach the nearest NIC only across the sockets (SYS): no GPUDirect RDMA.")
            }
            if !throughHost.isEmpty {
                lines.append("TS207: \(list(throughHost)) reach the nearest NIC through a CPU host bridge (PHB/NODE): no GPUDirect RDMA.")
            }
        }
        var unknownWiring = false
        if case .declaredUnknown = draft.wiring { unknownWiring = true }
        var crossing = 0
        for a in 0..<gpuCount where !linkedGPUs.contains(a) && !unknownWiring {
            for b in (a + 1)..<max(a + 1, gpuCount) where !linkedGPUs.contains(b) {
                if let ea = topology.entry(gpu: a), let eb = topology.entry(gpu: b), [.phb, .node, .sys].contains(topology.pathClass(ea, eb)) {
                    crossing += 1
                }
            }
        }
        if crossing > 0, gpuCount > 2 {
            lines.append("TS211: \(crossing) GPU pair\(crossing == 1 ? "" : "s") without NVLink meet only at a CPU host bridge or across the sockets (PHB/NODE/SYS): no P2P.")
        }
        if gpuCount > 1, let sku = skus.compactMap({ $0 }).first(where: { !$0.pcieP2P }), !allPairsLinked,
           !(unknownWiring && sku.scaleUp != nil) {
            lines.append("TS301: `\(sku.id)` has no working PCIe peer-to-peer on the stock driver.")
        }
        let limited = (0..<gpuCount).filter { gpu in
            guard let entry = topology.entry(gpu: gpu) else { return false }
            let host: HostInterface = gpu < skus.count ? skus[gpu]?.host ?? .pcie(generation: draft.placeholderGPU?.hostGeneration ?? 4, width: 16)
                : .pcie(generation: 4, width: 16)
            guard case let .pcie(generation, width) = host, let own = catalog.pcieGBs(generation: generation, width: width) else { return false }
            let e = draft.pcie[entry]
            var links = [(min(generation, e.generation ?? generation), e.isHostBridge ? min(width, e.width ?? 16) : width)]
            for index in topology.ancestry(entry) where !draft.pcie[index].isHostBridge {
                if let uplink = draft.pcie[index].generation { links.append((uplink, draft.pcie[index].width ?? 16)) }
            }
            let slowest = links.compactMap { catalog.pcieGBs(generation: $0.0, width: $0.1) }.min() ?? own
            return slowest < own * 0.999
        }
        if !limited.isEmpty {
            lines.append("TS213: \(list(limited)) \(limited.count == 1 ? "is" : "are") limited by a PCIe link slower than their own (as the input declares it).")
        }
        guard !lines.isEmpty else { return [] }
        return ["Lint warnings this machine deserves (what the hardware is like, not import errors):"] + lines.map { " - " + $0 }
    }

    private static func list(_ gpus: [Int]) -> String {
        (gpus.count == 1 ? "GPU " : "GPUs ") + gpus.map(String.init).joined(separator: ", ")
    }
}
