import TopoDiagnostics
import TopoModel

/// Imports an hwloc XML topology (`lstopo --of xml`, `lstopo-no-graphics file.xml`; hwloc 1.x and
/// 2.x) into a topospec spec. hwloc gives what `nvidia-smi topo -m` cannot: the real sockets
/// (packages), the host bridges and PCIe switches with their bus ids and link speeds, and the PCI
/// ids of the GPUs and NICs. It does not show NVLink: a `nvidia-smi topo -m` capture of the same
/// machine adds it (`nvidiaSmi`), and `--gpu-names` names GPUs hwloc cannot identify; the union
/// is more exact than either input.
public struct HwlocImporter: Sendable {
    /// The node type's name.
    public var typeName: String
    public var catalog: Catalog

    public init(typeName: String = "imported", catalog: Catalog = BuiltinCatalog.catalog) {
        self.typeName = typeName
        self.catalog = catalog
    }

    /// Imports the file at `path`, with a GPU names file and an `nvidia-smi topo -m` capture of the
    /// same machine if given.
    ///
    /// - Parameters:
    ///   - path: The hwloc XML file; `-` reads standard input.
    ///   - gpuNamesPath: A GPU names file, for GPUs hwloc cannot identify, or nil.
    ///   - nvidiaSmiPath: `nvidia-smi topo -m` of the same machine, for its NVLink, or nil.
    /// - Returns: The spec and the findings on the inputs, as `importText` gives them; a file that
    ///   cannot be read is one `unreadableInput` finding and no spec.
    public func importFile(path: String, gpuNamesPath: String? = nil, nvidiaSmiPath: String? = nil) -> ImportResult {
        var inputs: [(bytes: [UInt8], path: String)] = []
        for p in [path, gpuNamesPath, nvidiaSmiPath] {
            guard let p else { continue }
            switch InputText.read(path: p) {
            case let .success(b): inputs.append((b, p))
            case let .failure(d): return ImportResult(spec: nil, findings: [d], sources: [])
            }
        }
        let names = gpuNamesPath == nil ? nil : inputs[1]
        let smi = nvidiaSmiPath == nil ? nil : inputs[gpuNamesPath == nil ? 1 : 2]
        return importText(inputs[0].bytes, path: path, gpuNames: names, nvidiaSmi: smi)
    }

    /// Imports `bytes` as if read from `path`.
    ///
    /// - Parameters:
    ///   - bytes: The hwloc XML.
    ///   - path: The name its findings are located in.
    ///   - gpuNames: A GPU names file's text and path, or nil.
    ///   - nvidiaSmi: The text and path of `nvidia-smi topo -m` of the same machine, or nil.
    /// - Returns: The spec, with findings on guesses, defects and disagreements between the inputs; or no
    ///   spec and the errors that stopped the import (an invalid `typeName`, unusable text or XML, a
    ///   file that is no hwloc topology).
    public func importText(
        _ bytes: [UInt8], path: String, gpuNames: (bytes: [UInt8], path: String)? = nil,
        nvidiaSmi: (bytes: [UInt8], path: String)? = nil
    ) -> ImportResult {
        let text: InputText
        switch InputText.loadForImport(
            bytes, path: path, what: "an hwloc XML topology (`lstopo --of xml`)", typeName: typeName)
        {
        case let .success(t): text = t
        case let .failure(refusal): return refusal.result
        }
        var sources = [text.source]
        let document: XMLDocument
        do {
            document = try XMLTokenizer.parse(bytes, path: path)
        } catch {
            return ImportResult(spec: nil, findings: error.diagnostics, sources: sources)
        }
        guard document.root.name == "topology" else {
            let what = document.root.name == "system" ? " (an NCCL topology file: use `topospec import nccl-xml`)" : ""
            return ImportResult(
                spec: nil,
                findings: [
                    ImportCodes.notHwlocTopology.diagnostic(
                        "the root element is `<\(document.root.name)>`\(what); an hwloc topology starts with `<topology>`",
                        at: document.root.location)
                ], sources: sources)
        }
        let topology = HwlocTopology.read(document.root)
        var findings: [Diagnostic] = []
        guard !topology.gpus.isEmpty else {
            return ImportResult(
                spec: nil,
                findings: findings + [
                    ImportCodes.notHwlocTopology.diagnostic(
                        "the topology has no GPU among its PCI devices (hwloc records I/O devices only when run with them: `lstopo --of xml` without `--no-io`); a node type needs at least one GPU",
                        at: document.root.location)
                ], sources: sources)
        }
        if topology.gpus.count > 1024 || topology.nics.count > 4096 {
            return ImportResult(
                spec: nil,
                findings: findings + [
                    ImportCodes.notHwlocTopology.diagnostic(
                        "the topology has \(topology.gpus.count) GPUs and \(topology.nics.count) NIC functions; one node type holds at most 1024 GPUs and 4096 NICs",
                        at: document.root.location)
                ], sources: sources)
        }
        var names: GPUNamesFile?
        if let gpuNames {
            switch InputText.load(
                gpuNames.bytes, path: gpuNames.path,
                what: "a GPU list (`nvidia-smi --query-gpu=index,name,pci.bus_id --format=csv`)")
            {
            case let .success(t):
                sources.append(t.source)
                do {
                    names = try GPUNamesFile.parse(t)
                } catch {
                    return ImportResult(spec: nil, findings: [error], sources: sources)
                }
            case let .failure(d):
                return ImportResult(
                    spec: nil, findings: [d],
                    sources: sources + [SourceText(path: gpuNames.path, bytes: gpuNames.bytes)])
            }
        }
        var matrix: NvidiaSmiMatrix?
        if let nvidiaSmi {
            switch InputText.load(nvidiaSmi.bytes, path: nvidiaSmi.path, what: "`nvidia-smi topo -m` output") {
            case let .success(t):
                sources.append(t.source)
                do {
                    matrix = try NvidiaSmiMatrix.parse(t)
                } catch {
                    return ImportResult(spec: nil, findings: error.diagnostics.sorted(), sources: sources)
                }
            case let .failure(d):
                return ImportResult(
                    spec: nil, findings: [d],
                    sources: sources + [SourceText(path: nvidiaSmi.path, bytes: nvidiaSmi.bytes)])
            }
        }
        var draft = build(
            topology, file: path, names: names, matrix: matrix, root: document.root.location, findings: &findings)
        draft.typeName = typeName
        return ImportResult(spec: SpecWriter.write(draft), findings: findings.sorted(), sources: sources)
    }

    private func build(
        _ topology: HwlocTopology, file path: String, names: GPUNamesFile?, matrix: NvidiaSmiMatrix?,
        root: SourceLocation, findings: inout [Diagnostic]
    ) -> DraftSpec {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        var draft = DraftSpec(typeName: typeName, description: "")

        // Sockets: hwloc's packages, in os_index order.
        let packageOrder = topology.packages.indices.sorted {
            topology.packages[$0].osIndex < topology.packages[$1].osIndex
        }
        var socketOf = Array(repeating: 0, count: topology.packages.count)
        for (position, original) in packageOrder.enumerated() { socketOf[original] = position }
        draft.sockets = max(1, topology.packages.count)
        let models = Set(topology.packages.compactMap { $0.model?.trimmingWhitespace() }).sorted()
        draft.socketsNote =
            "hwloc's \(topology.packages.count) package\(topology.packages.count == 1 ? "" : "s")"
            + (models.isEmpty ? "" : " (" + models.joined(separator: ", ") + ")")
            + ", \(topology.numaNodes) NUMA node\(topology.numaNodes == 1 ? "" : "s")"
            + (topology.numaNodes > topology.packages.count && !topology.packages.isEmpty
                ? "; NUMA nodes of one package (AMD NPS, Intel SNC) are host bridges of one socket here" : "")

        // GPUs and NICs in PCI bus order (nvidia-smi's and CUDA's PCI_BUS_ID order).
        let gpus = topology.gpus.sorted { $0.busID < $1.busID }
        let nics = topology.nics.sorted { $0.busID < $1.busID }
        let g = gpus.count
        let table = GPUNameTable(catalog: catalog)
        var skus: [GPUSKU?] = gpus.map { gpu in
            if let id = PCIDeviceTable.gpuSKU(vendor: gpu.vendor, device: gpu.device), let sku = catalog.gpus[id] {
                return sku
            }
            if let model = gpu.model, let id = table.sku(for: model) { return catalog.gpus[id] }
            return nil
        }
        var givenNames: [String?] = Array(repeating: nil, count: g)
        if let names {
            findings += names.findings
            for entry in names.entries {
                let index =
                    entry.busID.flatMap { id in gpus.firstIndex { Self.sameBus($0.busID, id) } }
                    ?? (entry.busID == nil ? entry.index : nil)
                guard let index, index >= 0, index < g else {
                    findings.append(
                        ImportCodes.gpuNamesMismatch.diagnostic(
                            "the names file lists GPU \(entry.index)\(entry.busID.map { " at \($0)" } ?? ""), which hwloc does not show; the line is ignored",
                            at: entry.location))
                    continue
                }
                givenNames[index] = entry.name
                if let id = table.sku(for: entry.name), let sku = catalog.gpus[id] {
                    skus[index] = sku
                } else {
                    findings.append(
                        ImportCodes.unknownGPUName.diagnostic(
                            "`\(entry.name)` is not a GPU model the catalog knows; GPU \(index) keeps \(skus[index].map { "`\($0.id)` from its PCI id" } ?? "the placeholder")",
                            at: entry.location))
                }
            }
        }

        // PCIe tree: host bridges and switches that hold a GPU or NIC.
        var holdsSwitch = Array(repeating: false, count: topology.switches.count)
        var holdsBridge = Array(repeating: false, count: topology.hostBridges.count)
        for device in gpus + nics {
            if device.hostBridge < holdsBridge.count { holdsBridge[device.hostBridge] = true }
            var current = device.parentSwitch
            var steps = 0
            while let s = current, s < holdsSwitch.count, steps <= holdsSwitch.count {
                holdsSwitch[s] = true
                current = topology.switches[s].parent
                steps += 1
            }
        }
        var bridgeNames: [Int: String] = [:]
        for (i, _) in topology.hostBridges.enumerated() where holdsBridge[i] {
            bridgeNames[i] = "rc\(bridgeNames.count)"
        }
        var switchNames: [Int: String] = [:]
        for (i, _) in topology.switches.enumerated() where holdsSwitch[i] { switchNames[i] = "sw\(switchNames.count)" }
        let nicNames = nics.indices.map { "nic\($0)" }
        var unplacedBridges = 0
        for (i, bridge) in topology.hostBridges.enumerated() {
            guard let name = bridgeNames[i] else { continue }
            var entry = DraftSpec.PCIeEntry(isHostBridge: true, name: name)
            // hwloc 1.x puts a NUMA node that spans a package above it (Machine > NUMANode > Package),
            // and host bridges in the NUMA node: the package is the one holding that NUMA node.
            let package =
                bridge.package ?? topology.packages.firstIndex { !Set($0.numaNodes).isDisjoint(with: bridge.numaNodes) }
            if let package, package < socketOf.count {
                entry.socket = socketOf[package]
            } else {
                entry.socket = 0
                unplacedBridges += 1
            }
            entry.gpus = gpus.indices.filter { gpus[$0].hostBridge == i && gpus[$0].parentSwitch == nil }
            entry.nics = nics.indices.filter { nics[$0].hostBridge == i && nics[$0].parentSwitch == nil }.map {
                nicNames[$0]
            }
            if !bridge.numaNodes.isEmpty {
                entry.comments = [
                    "NUMA node\(bridge.numaNodes.count == 1 ? "" : "s") "
                        + bridge.numaNodes.map(String.init).joined(separator: ", ")
                ]
            }
            draft.pcie.append(entry)
            for (s, sw) in topology.switches.enumerated() where sw.hostBridge == i {
                guard let switchName = switchNames[s] else { continue }
                var e = DraftSpec.PCIeEntry(isHostBridge: false, name: switchName)
                e.parent = sw.parent.flatMap { switchNames[$0] } ?? name
                e.busID = sw.busID
                if let gbs = sw.linkGBs, let link = pcieLink(gbs: gbs) {
                    e.generation = link.generation
                    e.width = link.width == 16 ? nil : link.width
                }
                e.gpus = gpus.indices.filter { gpus[$0].parentSwitch == s }
                e.nics = nics.indices.filter { nics[$0].parentSwitch == s }.map { nicNames[$0] }
                draft.pcie.append(e)
            }
        }
        if unplacedBridges > 0 {
            findings.append(
                ImportCodes.inferred.diagnostic(
                    "\(unplacedBridges) host bridge\(unplacedBridges == 1 ? "" : "s") with devices hang\(unplacedBridges == 1 ? "s" : "") off the whole machine in hwloc, not off a package; put on socket 0",
                    at: root))
        }
        draft.pcieComments = [
            "PCIe tree from hwloc: each host bridge (`bridge_type=\"0-1\"`) with the devices on its root ports, each PCIe "
                + "switch (an upstream port and its downstream ports) with its bus id and uplink. Switch uplink speeds are "
                + "hwloc's `pci_link_speed`; the GPUs' and NICs' own link speeds are not used, because an idle GPU trains its "
                + "link down (often to Gen1) and hwloc records the speed at capture time."
        ]

        // NVLink: hwloc does not show it; a matrix of the same machine does.
        var evidence = NVLinkEvidence(gpuCount: g, shown: false)
        var source = "hwloc"
        if let matrix {
            if matrix.gpuCount == g {
                source = "the `nvidia-smi topo -m` capture"
                evidence.shown = matrix.showsNVLink == true
                for a in 0..<g {
                    for b in 0..<g where a != b { evidence.pairCounts[a][b] = matrix.cell(a, b).nvlinkCount ?? 0 }
                }
                evidence.c2c = matrix.hasGPUNUMAID && (0..<g).allSatisfy { matrix.gpuNUMAID[$0] != nil }
            } else {
                findings.append(
                    ImportCodes.gpuNamesMismatch.diagnostic(
                        "the `nvidia-smi topo -m` capture has \(matrix.gpuCount) GPUs, hwloc shows \(g); its NVLink cells are not used",
                        at: matrix.headerLocation))
            }
        }
        let plan = NVLinkPlan.make(evidence, skus: skus, catalog: catalog, source: source)
        for problem in plan.problems {
            findings.append(ImportCodes.gpuNamesMismatch.diagnostic(problem, at: gpus.first?.location ?? root))
        }
        draft.wiring = plan.wiring
        draft.wiringComments = plan.comments
        if case .external = plan.wiring { draft.nvlinkDomain = NvidiaSmiTopoImporter.rackDomain(catalog: catalog) }
        // AMD GPUs identified by PCI id: their scale-up links are xGMI, which hwloc's PCI tree does not show.
        if !skus.isEmpty, skus.allSatisfy({ $0?.scaleUp?.kind == .infinityFabric }) {
            draft.scaleUpKey = "infinity_fabric"
            draft.wiring = .declaredUnknown
            draft.wiringComments = [
                "xGMI: hwloc's PCI tree does not show AMD's Infinity Fabric links, so they are declared `unknown`; "
                    + "`amd-smi topology` of the same machine (topospec import amd-smi) gives them."
            ]
        }

        // Placeholder GPU and GPU groups.
        if skus.contains(where: { $0 == nil }) {
            var placeholder = DraftSpec.PlaceholderGPU(
                name: "GPU not identified (hwloc)", formFactor: plan.placeholderFormFactor, hostGeneration: 4)
            placeholder.hostC2C = plan.placeholderC2C
            placeholder.nvlink = plan.placeholderCapability
            placeholder.nvlinkNote =
                plan.placeholderCapability == nil ? "unknown: hwloc does not show NVLink" : plan.placeholderNote
            placeholder.hostNote = "unknown: hwloc records the link at capture time, which an idle GPU trains down"
            placeholder.comments = [
                "hwloc's PCI id is not in the catalog's table. Replace `unidentified-gpu` with a catalog SKU "
                    + "(`topospec catalog`), or import again with --gpu-names FILE; lint warns (TS404) until then."
            ]
            draft.placeholderGPU = placeholder
        }
        let skuIDs = skus.map { $0?.id ?? "unidentified-gpu" }
        var start = 0
        while start < g {
            var end = start + 1
            while end < g, skuIDs[end] == skuIDs[start] { end += 1 }
            let gpu = gpus[start]
            let note =
                "PCI \(gpu.vendor.dropFirst(2)):\(gpu.device.dropFirst(2))"
                + (givenNames[start].map { ", \"\($0)\"" } ?? gpu.model.map { ", \"\($0)\"" } ?? "")
            draft.gpuGroups.append(
                DraftSpec.GPUGroup(
                    sku: skuIDs[start], count: end - start, busIDs: gpus[start..<end].map(\.busID), note: note))
            start = end
        }
        draft.gpuComments = [
            "GPUs in PCI bus order (the order of nvidia-smi and of CUDA_DEVICE_ORDER=PCI_BUS_ID), with hwloc's bus ids."
        ]

        // NICs: one entry per PCI function (port).
        var fabrics: [(fabric: String, why: String)] = []
        var frontend: [(frontend: Bool, why: String)] = []
        var placeholderNIC = false
        for (i, device) in nics.enumerated() {
            let sku = PCIDeviceTable.nicSKU(vendor: device.vendor, device: device.device).flatMap { catalog.nics[$0] }
            var nic = DraftSpec.NIC(name: nicNames[i], sku: sku?.id ?? "unidentified-nic")
            if sku == nil { placeholderNIC = true }
            let name = device.openFabrics.first ?? device.network.first
            if let name, YAMLText.isName(name) { nic.device = name }
            nic.busID = device.busID
            let functions = nics.filter { Self.sameSlot($0.busID, device.busID) }
            if functions.count > 1, let port = functions.firstIndex(where: { $0.busID == device.busID }) {
                nic.note = "port \(port + 1) of a \(functions.count)-port adapter"
            }
            fabrics.append(
                NICFabric.guess(
                    pciClass: "0x" + device.pciClass, vendor: device.vendor, device: device.openFabrics.first,
                    sku: sku?.id))
            frontend.append(
                device.openFabrics.isEmpty
                    ? (
                        true,
                        "`\(name ?? device.busID)` has no RDMA device (hwloc shows no OpenFabrics device): an Ethernet port NCCL reaches through sockets only"
                    )
                    : NICRole.frontend(device: name, gdr: nil, hasPCIDevice: true))
            draft.nics.append(nic)
        }
        draft.networks = NvidiaSmiTopoImporter.networks(for: &draft.nics, fabrics: fabrics, frontend: frontend)
        if !nics.isEmpty {
            draft.nicComments = [
                "NICs: one entry per PCI function (port) hwloc shows with a network or RDMA device, with its bus id "
                    + "and the RDMA device name (else the network interface); hwloc gives no port speed."
            ]
        }
        if placeholderNIC {
            draft.placeholderNIC = DraftSpec.PlaceholderNIC(
                name: "NIC not identified (hwloc)", maxGbps: 400, hostGeneration: 5,
                comments: [
                    "hwloc's PCI id is not in the catalog's table: replace `unidentified-nic` with a catalog NIC "
                        + "(`topospec catalog`). max_gbps and host are guesses."
                ])
        }

        // Description and header.
        let gpuWord = "\(g) GPU\(g == 1 ? "" : "s")"
        let nicWord = nics.isEmpty ? "no NICs" : "\(nics.count) NIC port\(nics.count == 1 ? "" : "s")"
        draft.description =
            "Imported from hwloc (\(file)): \(gpuWord), \(nicWord), \(draft.sockets) socket\(draft.sockets == 1 ? "" : "s")"
        draft.header = [
            "Imported by `topospec import hwloc` from \(file) (hwloc topology version \(topology.version ?? "1.x")).",
            "Input: \(gpuWord), \(nicWord), \(topology.packages.count) package\(topology.packages.count == 1 ? "" : "s"), \(topology.hostBridges.count) host bridge\(topology.hostBridges.count == 1 ? "" : "s"), \(topology.switches.count) PCIe switch\(topology.switches.count == 1 ? "" : "es").",
        ]
        if matrix != nil {
            draft.header.append("NVLink from an `nvidia-smi topo -m` capture of the same machine (--nvidia-smi).")
        }
        return draft
    }

    /// The PCIe generation and width whose per-direction bandwidth is `gbs` (hwloc's
    /// `pci_link_speed`, GB/s after encoding), within 2 %.
    private func pcieLink(gbs: Double) -> (generation: Int, width: Int)? {
        for generation in 1...6 {
            for width in [16, 8, 4, 2, 1] {
                if let expected = catalog.pcieGBs(generation: generation, width: width),
                    abs(expected - gbs) <= 0.02 * expected
                {
                    return (generation, width)
                }
            }
        }
        return nil
    }

    /// Bus ids equal up to the domain's width (`00000000:3b:00.0` = `0000:3b:00.0`).
    static func sameBus(_ a: String, _ b: String) -> Bool { canonical(a) == canonical(b) }

    /// Two functions of one PCI device (same domain, bus and device number).
    static func sameSlot(_ a: String, _ b: String) -> Bool {
        canonical(a).split(separator: ".").first == canonical(b).split(separator: ".").first
    }

    private static func canonical(_ id: String) -> String {
        let parts = id.lowercased().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return id.lowercased() }
        let domain = String(parts[0].drop { $0 == "0" })
        return (domain.isEmpty ? "0" : domain) + ":" + parts[1] + ":" + parts[2]
    }
}
