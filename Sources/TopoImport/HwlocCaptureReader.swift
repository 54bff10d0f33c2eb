import TopoDiagnostics
import TopoModel

extension CaptureReader {
    /// An hwloc XML topology (`lstopo --of xml`, hwloc 1.x and 2.x), read with the hwloc importer's
    /// parser. GPUs and NICs are in PCI bus order, as the importer writes them. Path classes come
    /// from the PCIe tree as `nvidia-smi topo -m` counts them (PIX below one switch, PXB below
    /// nested switches, PHB on root ports of one host bridge, NODE across host bridges of one
    /// package, SYS across packages); a device whose host bridge hwloc hangs off no package has
    /// unknown classes. hwloc shows no NVLink. The GPUs' own link speeds are not kept: an idle
    /// GPU trains its link down (often to Gen1) and hwloc records it at capture time.
    ///
    /// - Parameters:
    ///   - bytes: The XML.
    ///   - path: The name findings are located in.
    /// - Returns: The capture, or a `CaptureFailure` when the text or XML is unusable or its root is not
    ///   `<topology>`.
    package static func hwloc(_ bytes: [UInt8], path: String) -> Result<NodeCapture, CaptureFailure> {
        let text: InputText
        switch InputText.load(bytes, path: path, what: "an hwloc XML topology (`lstopo --of xml`)") {
        case let .success(t): text = t
        case let .failure(d):
            return .failure(CaptureFailure(findings: [d], sources: [SourceText(path: path, bytes: bytes)]))
        }
        let document: XMLDocument
        do {
            document = try XMLTokenizer.parse(bytes, path: path)
        } catch {
            return .failure(CaptureFailure(findings: error.diagnostics, sources: [text.source]))
        }
        guard document.root.name == "topology" else {
            let what = document.root.name == "system" ? " (an NCCL topology file: name it `NODE.nccl.xml`)" : ""
            return .failure(
                CaptureFailure(
                    findings: [
                        ImportCodes.notHwlocTopology.diagnostic(
                            "the root element is `<\(document.root.name)>`\(what); an hwloc topology starts with `<topology>`",
                            at: document.root.location)
                    ], sources: [text.source]))
        }
        return .success(capture(HwlocTopology.read(document.root), rootLine: document.root.location.line))
    }

    static func capture(_ topology: HwlocTopology, rootLine: Int) -> NodeCapture {
        // Sockets: packages in os_index order, as the importer numbers them.
        let order = topology.packages.indices.sorted { topology.packages[$0].osIndex < topology.packages[$1].osIndex }
        var socketOf = Array(repeating: 0, count: topology.packages.count)
        for (position, original) in order.enumerated() { socketOf[original] = position }
        let bridgeSocket: [Int?] = topology.hostBridges.map { bridge in
            let package =
                bridge.package ?? topology.packages.firstIndex { !Set($0.numaNodes).isDisjoint(with: bridge.numaNodes) }
            return package.flatMap { $0 < socketOf.count ? socketOf[$0] : nil }
        }
        let gpus = topology.gpus.sorted { $0.busID < $1.busID }
        let nics = topology.nics.sorted { $0.busID < $1.busID }
        let g = gpus.count, k = nics.count
        let names = GPUNameTable(catalog: BuiltinCatalog.catalog)

        func chain(_ start: Int?) -> [Int] {
            var out: [Int] = []
            var current = start
            while let s = current, s < topology.switches.count, out.count <= topology.switches.count {
                out.append(s)
                current = topology.switches[s].parent
            }
            return out
        }
        func link(_ a: HwlocTopology.Device, _ b: HwlocTopology.Device) -> NodeCapture.Link? {
            if a.hostBridge == b.hostBridge {
                if let sa = a.parentSwitch, sa == b.parentSwitch { return .pix }
                let upB = chain(b.parentSwitch)
                if !upB.isEmpty, chain(a.parentSwitch).contains(where: upB.contains) { return .pxb }
                return .phb
            }
            guard a.hostBridge < bridgeSocket.count, b.hostBridge < bridgeSocket.count,
                let x = bridgeSocket[a.hostBridge], let y = bridgeSocket[b.hostBridge]
            else { return nil }
            return x == y ? .node : .sys
        }
        func numa(_ device: HwlocTopology.Device) -> Int? {
            guard device.hostBridge < topology.hostBridges.count else { return nil }
            let nodes = topology.hostBridges[device.hostBridge].numaNodes
            return nodes.count == 1 ? nodes[0] : nil
        }

        var capture = NodeCapture(
            kind: .hwloc, gpuCount: g, nicCount: k,
            gpuLinks: gpus.indices.map { a in gpus.indices.map { b in a == b ? nil : link(gpus[a], gpus[b]) } },
            gpuNICLinks: gpus.map { gpu in nics.map { link(gpu, $0) } },
            showsNVLink: false, separatesHostBridges: true, nvswitchLinks: nil,
            gpuNUMA: gpus.map(numa), gpuCPUAffinity: Array(repeating: nil, count: g),
            gpuSKUs: gpus.map { gpu in
                PCIDeviceTable.gpuSKU(vendor: gpu.vendor, device: gpu.device)
                    ?? gpu.model.flatMap { names.sku(for: $0) }
            },
            gpuBusIDs: gpus.map(\.busID), gpuPCIe: Array(repeating: nil, count: g),
            nicNames: nics.map { $0.openFabrics.first ?? $0.network.first ?? $0.busID },
            nicGbps: Array(repeating: nil, count: k),
            gpuLines: gpus.map(\.location.line), nicLines: nics.map(\.location.line))
        capture.sockets = topology.packages.isEmpty ? nil : topology.packages.count
        capture.showsDevices = !topology.hostBridges.isEmpty || !topology.gpus.isEmpty || !topology.nics.isEmpty
        capture.pcieSwitches = topology.switches.map {
            PCIeSwitchCapture(
                busID: $0.busID?.lowercased(), parent: $0.parent, uplinkGBs: $0.linkGBs, line: $0.location.line)
        }
        capture.gpuSwitch = gpus.map(\.parentSwitch)
        capture.nicSwitch = nics.map(\.parentSwitch)
        capture.nicLinkGBs = nics.map(\.linkGBs)
        capture.nicSKUs = nics.map { PCIDeviceTable.nicSKU(vendor: $0.vendor, device: $0.device) }
        capture.nicBusIDs = nics.map(\.busID)
        capture.nicRDMA = nics.map { !$0.openFabrics.isEmpty }
        capture.rootLine = rootLine
        return capture
    }
}
