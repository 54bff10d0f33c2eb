import TopoModel

/// The paths inside one node type, computed once per spec: GPU↔GPU and GPU↔NIC path classes
/// with their bottleneck bandwidth (GB/s per direction), like `nvidia-smi topo -m` would print
/// for a machine built to the spec.
///
/// PCIe classes come from the tree: same switch → PIX; closest common ancestor a switch → PXB;
/// a host bridge → PHB; different host bridges of one socket → NODE; different sockets → SYS.
/// Device links run at the lower generation and width of the device and (for host bridges) its
/// slot; a switch's uplink runs at its declared generation, else its fastest device's.
package struct NodeTopology: Sendable {
    package let gpuCount: Int
    package let nicNames: [String]
    /// Row-major gpuCount × gpuCount.
    package private(set) var gpuPaths: [DevicePath]
    /// Row-major gpuCount × nics.
    package private(set) var gpuNICPaths: [DevicePath]
    /// Row-major nics × nics.
    package private(set) var nicNICPaths: [DevicePath]
    /// The socket of each GPU, when the PCIe tree places it.
    package private(set) var gpuSockets: [Int?]
    /// The socket of each NIC, when the PCIe tree places it.
    package private(set) var nicSockets: [Int?]

    /// Computes every GPU↔GPU, GPU↔NIC and NIC↔NIC path of `type`.
    ///
    /// - Parameters:
    ///   - type: The node type; its PCIe tree, NICs and sockets are read.
    ///   - skus: Each GPU's resolved SKU in index order, for its host interface.
    ///   - links: The node type's scale-up links (NVLink or Infinity Fabric pairs), or nil without any.
    ///   - catalog: The catalog, for PCIe rates and the CPU's socket link.
    /// - Complexity: O((*g* + *n*)² · *d*) for *g* GPUs, *n* NICs and a PCIe tree of depth *d*.
    package init(type: NodeType, skus: [GPUSKU], links: ScaleUpLinks?, catalog: Catalog) {
        gpuCount = skus.count
        nicNames = type.nics.map(\.name)
        let n = skus.count
        let tree = type.pcie
        let gpuEntry = (0..<n).map { tree.entry(ofGPU: $0) }
        let nicEntry = type.nics.map { tree.entry(ofNIC: $0.name) }
        gpuSockets = gpuEntry.map { $0.map { tree.entries[$0].socket } }
        nicSockets = nicEntry.map { $0.map { tree.entries[$0].socket } }

        // The socket link: written, else NCCL's figure for the CPU (`CPUModel.ncclInterSocketGBs`).
        let socketLink = type.socketLinkGBs(catalog: catalog)
        func pcieGBs(_ generation: Int, _ width: Int) -> Double? {
            catalog.pcieGBs(generation: generation, width: width)
        }
        func deviceLink(_ host: HostInterface, entry: Int?) -> Double? {
            switch host {
            case .nvlinkC2C:
                return 450  // NVLink-C2C: 900 GB/s both directions
            case let .pcie(generation, width):
                guard let entry else { return pcieGBs(generation, width) }
                let e = tree.entries[entry]
                if e.kind == .hostBridge {
                    return pcieGBs(min(generation, e.generation ?? generation), min(width, e.width))
                }
                return pcieGBs(min(generation, e.generation ?? generation), width)
            }
        }
        // Uplink bandwidth of every switch entry.
        var uplink: [Double?] = tree.entries.map { _ in nil }
        for (i, e) in tree.entries.enumerated() where e.kind == .pcieSwitch {
            var generation = e.generation
            if generation == nil {
                let gens =
                    e.gpus.compactMap { g -> Int? in
                        guard g < n, case let .pcie(gen, _) = skus[g].host else { return nil }
                        return gen
                    }
                    + e.nics.compactMap { name -> Int? in
                        guard let nic = type.nics.first(where: { $0.name == name }), let model = catalog.nics[nic.sku],
                            case let .pcie(gen, _) = model.host
                        else { return nil }
                        return gen
                    }
                generation = gens.max()
            }
            uplink[i] = generation.flatMap { pcieGBs($0, e.width) }
        }
        func path(_ a: Int?, _ linkA: Double?, _ b: Int?, _ linkB: Double?) -> DevicePath {
            let ends = [linkA, linkB].compactMap { $0 }.min()
            guard let a, let b else { return DevicePath(.unknown, gbs: ends) }
            let chainA = tree.ancestry(of: a)
            let chainB = tree.ancestry(of: b)
            var slowest = ends
            func through(_ entries: ArraySlice<Int>) {
                for e in entries { if let u = uplink[e] { slowest = min(slowest ?? u, u) } }
            }
            if a == b {
                return DevicePath(tree.entries[a].kind == .pcieSwitch ? .pix : .phb, gbs: slowest)
            }
            if let common = chainA.first(where: chainB.contains) {
                let ia = chainA.firstIndex(of: common) ?? 0
                let ib = chainB.firstIndex(of: common) ?? 0
                through(chainA[..<ia])
                through(chainB[..<ib])
                return DevicePath(tree.entries[common].kind == .pcieSwitch ? .pxb : .phb, gbs: slowest)
            }
            through(chainA[...])
            through(chainB[...])
            if tree.entries[a].socket == tree.entries[b].socket { return DevicePath(.node, gbs: slowest) }
            if let socketLink { slowest = min(slowest ?? socketLink, socketLink) }
            return DevicePath(.sys, gbs: slowest)
        }
        let gpuLinks = (0..<n).map { deviceLink(skus[$0].host, entry: gpuEntry[$0]) }
        let nicLinks = type.nics.enumerated().map { i, nic in
            catalog.nics[nic.sku].flatMap { deviceLink($0.host, entry: nicEntry[i]) }
        }
        var paths = [DevicePath](repeating: DevicePath(.unknown, gbs: nil), count: n * n)
        for a in 0..<n {
            for b in 0..<n where b != a {
                if let links, links.links(a, b) > 0, let capability = skus[a].scaleUp {
                    let count = links.links(a, b)
                    paths[a * n + b] = DevicePath(.nvlink(links: count), gbs: Double(count) * capability.linkGBs / 2)
                } else {
                    paths[a * n + b] = path(gpuEntry[a], gpuLinks[a], gpuEntry[b], gpuLinks[b])
                }
            }
        }
        gpuPaths = paths
        var nicPaths: [DevicePath] = []
        nicPaths.reserveCapacity(n * type.nics.count)
        for g in 0..<n {
            for k in type.nics.indices {
                if gpuEntry[g] == nil, skus[g].host == .nvlinkC2C, nicEntry[k] != nil {
                    // A superchip GPU hangs off its Grace over NVLink-C2C, outside the PCIe
                    // tree: nvidia-smi shows it SYS to every NIC.
                    nicPaths.append(DevicePath(.sys, gbs: nicLinks[k]))
                } else {
                    nicPaths.append(path(gpuEntry[g], gpuLinks[g], nicEntry[k], nicLinks[k]))
                }
            }
        }
        gpuNICPaths = nicPaths
        let k = type.nics.count
        var between = [DevicePath](repeating: DevicePath(.unknown, gbs: nil), count: k * k)
        for a in 0..<k {
            for b in 0..<k where b != a {
                between[a * k + b] = path(nicEntry[a], nicLinks[a], nicEntry[b], nicLinks[b])
            }
        }
        nicNICPaths = between
    }

    /// The path between two GPUs.
    ///
    /// - Parameters:
    ///   - a: A GPU index in `0..<gpuCount`.
    ///   - b: Another GPU index in `0..<gpuCount`.
    /// - Returns: Its class and bottleneck bandwidth.
    package func gpuPath(_ a: Int, _ b: Int) -> DevicePath { gpuPaths[a * gpuCount + b] }

    /// The path between a GPU and a NIC.
    ///
    /// - Parameters:
    ///   - gpu: A GPU index in `0..<gpuCount`.
    ///   - nic: An index into `nicNames`.
    /// - Returns: Its class and bottleneck bandwidth.
    package func nicPath(gpu: Int, nic: Int) -> DevicePath { gpuNICPaths[gpu * nicNames.count + nic] }

    /// The path between two NICs.
    ///
    /// - Parameters:
    ///   - a: An index into `nicNames`.
    ///   - b: Another index into `nicNames`.
    /// - Returns: Its class and bottleneck bandwidth.
    package func nicPath(_ a: Int, _ b: Int) -> DevicePath { nicNICPaths[a * nicNames.count + b] }

    /// The closest of `candidates` (NIC indices) to `gpu`, ties to the lowest index.
    ///
    /// - Parameters:
    ///   - gpu: A GPU index in `0..<gpuCount`.
    ///   - candidates: NIC indices to choose from, such as `SpecAnalysis.computeNICs(ofType:)`.
    /// - Returns: The NIC with the best path class, or nil when `candidates` is empty.
    package func nearestNIC(to gpu: Int, among candidates: [Int]) -> Int? {
        candidates.min { a, b in
            let pa = nicPath(gpu: gpu, nic: a).pathClass, pb = nicPath(gpu: gpu, nic: b).pathClass
            return pa == pb ? a < b : pa < pb
        }
    }
}
