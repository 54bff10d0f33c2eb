import TopoDiagnostics
import TopoModel

/// Imports an NCCL topology file (`NCCL_TOPO_FILE`, `NCCL_TOPO_DUMP_FILE`; full dumps and the
/// partial files cloud providers ship) into a topospec spec: every `cpu` a SYS domain, every bridge
/// `pci` a PCIe switch (with its bus id and uplink generation/width), endpoints directly under a
/// `cpu` on one host bridge of that socket, GPUs and NICs with their bus ids, `nvlink` elements
/// as NVSwitch or direct wiring. GPUs and NICs are identified by PCI device id when the file
/// gives one, else written as placeholders.
///
/// Sockets: NCCL writes one `cpu` per NUMA node (`numaid`, the node's `affinity` mask, the cpuid
/// of its CPU; NCCL 2.30 src/graph/xml.cc `ncclTopoGetXmlFromCpu`) and treats each as its own CPU,
/// SYS to the others. The file cannot tell NUMA nodes of one package from packages: RCCL's
/// MI250X file (one EPYC in NPS4) and its MI300A file (four sockets) both have four `cpu`
/// elements of family 175. One or two `cpu` elements are written as that many sockets; more are
/// `sockets: {count: unknown, numa_nodes: N}` (DraftSpec+Sockets.swift, shared with the other
/// importers; grammar/REFERENCE.md "Sockets and NUMA nodes").
public struct NCCLTopologyImporter: Sendable {
    /// The node type's name.
    public var typeName: String
    public var catalog: Catalog

    public init(typeName: String = "imported", catalog: Catalog = BuiltinCatalog.catalog) {
        self.typeName = typeName
        self.catalog = catalog
    }

    /// Imports the file at `path` (`-`: standard input).
    ///
    /// - Parameter path: The NCCL topology XML; `-` reads standard input.
    /// - Returns: The spec and the findings on the input, as `importText(_:path:)` gives them; a file
    ///   that cannot be read is one `unreadableInput` finding and no spec.
    public func importFile(path: String) -> ImportResult {
        switch InputText.read(path: path) {
        case let .success(bytes): return importText(bytes, path: InputText.displayName(path))
        case let .failure(d): return ImportResult(spec: nil, findings: [d], sources: [])
        }
    }

    /// Imports `bytes` as if read from `path`.
    ///
    /// - Parameters:
    ///   - bytes: The NCCL topology XML.
    ///   - path: The name its findings are located in.
    /// - Returns: The spec, with findings on placeholders and defects; or no spec and the errors that
    ///   stopped the import (an invalid `typeName`, unusable text or XML, no `<system>` root, an
    ///   unknown `version`).
    public func importText(_ bytes: [UInt8], path: String) -> ImportResult {
        let text: InputText
        switch InputText.loadForImport(bytes, path: path, what: "an NCCL topology XML file", typeName: typeName) {
        case let .success(t): text = t
        case let .failure(refusal): return refusal.result
        }
        let sources = [text.source]
        let document: XMLDocument
        do {
            document = try XMLTokenizer.parse(bytes, path: path)
        } catch {
            var diagnostics = error.diagnostics
            // Text that does not start with a tag is another kind of file, not broken XML.
            if let first = text.lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }),
                text.lines[first].first(where: { !$0.isWhitespace }) != "<"
            {
                diagnostics = [
                    ImportCodes.notNCCLTopology.diagnostic(
                        "this is not XML: line \(first + 1) starts with text, not a tag; expected an NCCL topology file (`<system version=\"1\">…`)",
                        at: text.location(line: first + 1), help: Self.guessHelp(text))
                ]
            }
            return ImportResult(spec: nil, findings: diagnostics, sources: sources)
        }
        let root = document.root
        guard root.name == "system" else {
            let what =
                root.name == "graphs"
                ? " (an NCCL graph file, NCCL_GRAPH_FILE)" : root.name == "topology" ? " (an hwloc topology)" : ""
            return ImportResult(
                spec: nil,
                findings: [
                    ImportCodes.notNCCLTopology.diagnostic(
                        "the root element is `<\(root.name)>`\(what); an NCCL topology file starts with `<system version=\"1\">`",
                        at: root.location)
                ], sources: sources)
        }
        var findings: [Diagnostic] = []
        // RCCL (AMD) writes version 2, with `xgmi` links and `gcn` targets; NCCL reads version 1 only.
        let rccl = root["version"] == "2"
        if let version = root.attribute("version") {
            if version.value != "1", !rccl {
                return ImportResult(
                    spec: nil,
                    findings: [
                        ImportCodes.notNCCLTopology.diagnostic(
                            "`<system version=\"\(version.value)\">`: NCCL reads version 1 only, RCCL writes version 2; no other version exists",
                            at: version.valueLocation)
                    ], sources: sources)
            }
        } else {
            findings.append(
                ImportCodes.notLoadableByNCCL.diagnostic(
                    "`<system>` has no `version`; NCCL refuses the file (\"XML Topology has wrong version\")",
                    at: root.location,
                    help: "write <system version=\"1\">"))
        }
        for (location, what) in document.ncclIncompatibilities.prefix(20) {
            findings.append(
                ImportCodes.notLoadableByNCCL.diagnostic("NCCL's XML parser fails here: \(what)", at: location))
        }
        let topology = NCCLTopology.read(root)
        findings += topology.findings
        guard !topology.sockets.isEmpty, !topology.gpus.isEmpty || !topology.nics.isEmpty else {
            return ImportResult(
                spec: nil,
                findings: findings + [
                    ImportCodes.notNCCLTopology.diagnostic(
                        topology.sockets.isEmpty
                            ? "the file has no `<cpu>` element; NCCL hangs every device under one"
                            : "the file has no GPU and no NIC", at: root.location)
                ], sources: sources)
        }
        if topology.gpus.count > 1024 || topology.nics.count > 4096 {
            return ImportResult(
                spec: nil,
                findings: findings + [
                    ImportCodes.notNCCLTopology.diagnostic(
                        "the file has \(topology.gpus.count) GPUs and \(topology.nics.count) NIC ports; one node type holds at most 1024 GPUs and 4096 NICs",
                        at: root.location)
                ], sources: sources)
        }
        guard !topology.gpus.isEmpty else {
            return ImportResult(
                spec: nil,
                findings: findings + [
                    ImportCodes.notNCCLTopology.diagnostic(
                        "the file has NICs but no GPU; a node type needs at least one GPU", at: root.location)
                ], sources: sources)
        }
        var draft = build(topology, file: text.path, findings: &findings)
        if rccl { applyRCCL(topology, to: &draft, findings: &findings) }
        draft.typeName = typeName
        return ImportResult(spec: SpecWriter.write(draft), findings: findings.sorted(), sources: sources)
    }

    private static func guessHelp(_ text: InputText) -> String? {
        text.lines.contains { Word.split($0).first?.text == "GPU0" }
            ? "this looks like `nvidia-smi topo -m` output: use `topospec import nvidia-smi`" : nil
    }

    private func build(_ topology: NCCLTopology, file path: String, findings: inout [Diagnostic]) -> DraftSpec {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        var draft = DraftSpec(typeName: typeName, description: "")

        // Sockets: by numaid when every cpu has a distinct one, else in file order.
        let numaIDs = topology.sockets.map(\.numaID)
        var socketOrder = Array(topology.sockets.indices)
        if numaIDs.allSatisfy({ ($0 ?? -1) >= 0 }), Set(numaIDs).count == numaIDs.count {
            socketOrder.sort { (numaIDs[$0] ?? 0) < (numaIDs[$1] ?? 0) }
        }
        var socketOf = Array(repeating: 0, count: topology.sockets.count)
        for (position, original) in socketOrder.enumerated() { socketOf[original] = position }

        let gpus = topology.orderedGPUs
        let g = gpus.count
        let skus: [GPUSKU?] = gpus.map { gpu in
            PCIDeviceTable.gpuSKU(vendor: gpu.vendor, device: gpu.device).flatMap { catalog.gpus[$0] }
        }

        let ports = topology.orderedNICs
        let nicNames = ports.indices.map { "nic\($0)" }
        let nicSKUs: [NICSKU?] = ports.map { port in
            PCIDeviceTable.nicSKU(
                vendor: port.vendor, device: port.device, gbps: port.speedMbps.map { Double($0) / 1000 }
            ).flatMap { catalog.nics[$0] }
        }

        // PCIe tree: switches that hold a device, host bridges for devices directly on a cpu.
        var holds = Array(repeating: false, count: topology.bridges.count)
        func mark(_ bridge: Int?) {
            var current = bridge
            var steps = 0
            while let b = current, b < holds.count, steps <= holds.count {
                holds[b] = true
                current = topology.bridges[b].parent
                steps += 1
            }
        }
        for gpu in gpus { mark(gpu.bridge) }
        for port in ports { mark(port.bridge) }
        var switchNames: [Int: String] = [:]
        for (i, _) in topology.bridges.enumerated() where holds[i] { switchNames[i] = "sw\(switchNames.count)" }
        var entries: [DraftSpec.PCIeEntry] = []
        var hostGenerations: [Int] = []
        var slowBridges: [String] = []
        for socket in 0..<topology.sockets.count {
            let original = socketOrder[socket]
            let directGPUs = gpus.indices.filter { gpus[$0].socket == original && gpus[$0].bridge == nil }
            let directNICs = ports.indices.filter { ports[$0].socket == original && ports[$0].bridge == nil }
            if !directGPUs.isEmpty || !directNICs.isEmpty {
                var entry = DraftSpec.PCIeEntry(isHostBridge: true, name: "cpu\(socket)", socket: socket)
                entry.gpus = directGPUs
                entry.nics = directNICs.map { nicNames[$0] }
                // Slot links: the devices' own, when they agree and no device is slower.
                let links =
                    directGPUs.map { (gpus[$0].generation, gpus[$0].width) }
                    + directNICs.map { (ports[$0].generation, ports[$0].width) }
                let generations = Set(links.map(\.0)), widths = Set(links.map(\.1))
                var capGeneration = Int.max, capWidth = 16
                for gpu in directGPUs {
                    if let sku = skus[gpu], case let .pcie(gen, width) = sku.host {
                        capGeneration = min(capGeneration, gen); capWidth = min(capWidth, width)
                    }
                }
                for nic in directNICs {
                    if let sku = nicSKUs[nic], case let .pcie(gen, width) = sku.host {
                        capGeneration = min(capGeneration, gen); capWidth = min(capWidth, width)
                    }
                }
                if generations.count == 1, let generation = generations.first ?? nil {
                    entry.generation = min(generation, capGeneration)
                    hostGenerations.append(entry.generation ?? generation)
                }
                if widths.count == 1, let width = widths.first ?? nil, width != 16 {
                    entry.width = min(width, capWidth)
                }
                entry.comments = [
                    "Devices directly under `cpu` \(topology.sockets[original].numaID.map { "numaid=\($0)" } ?? "\(original)") share its host bridge (NCCL sees PHB between them)."
                ]
                entries.append(entry)
            }
            for (i, bridge) in topology.bridges.enumerated() where bridge.socket == original && holds[i] {
                guard let name = switchNames[i] else { continue }
                var entry = DraftSpec.PCIeEntry(isHostBridge: false, name: name)
                if let parent = bridge.parent, let parentName = switchNames[parent] {
                    entry.parent = parentName
                } else {
                    entry.socket = socket
                }
                entry.busID = bridge.busID
                entry.generation = bridge.generation
                entry.width = bridge.width
                entry.gpus = gpus.indices.filter { gpus[$0].bridge == i }
                entry.nics = ports.indices.filter { ports[$0].bridge == i }.map { nicNames[$0] }
                if let generation = bridge.generation, let width = bridge.width, generation <= 2, width <= 4,
                    entry.gpus.contains(where: { (gpus[$0].generation ?? 0) > generation })
                {
                    // A virtual bridge of a VM: its Gen1/Gen2 x1-x4 says nothing about the real link.
                    slowBridges.append(name)
                    entry.generation = nil
                    entry.width = nil
                }
                entries.append(entry)
            }
        }
        draft.pcie = entries
        draft.pcieComments = [
            "PCIe tree as NCCL sees it: each `cpu` (a NUMA node) is a `socket` here, each bridge `pci` a switch (its bus id and "
                + "uplink kept), devices directly under a `cpu` on one host bridge. Link generations are NCCL's "
                + "reading of `link_speed` (or what it means, where NCCL misreads it; see the import findings)."
        ]
        if topology.bridges.contains(where: { $0.busID?.hasPrefix("ffff:") == true }) {
            draft.pcieComments.append(
                "Bus ids `ffff:ff:…` are synthetic (a cloud provider's file for a VM): those switches stand for groups."
            )
        }
        if !slowBridges.isEmpty {
            draft.pcieComments.append(
                "The file gives the uplink of \(slowBridges.joined(separator: ", ")) as slower than the devices below (Gen1 x1 is what a "
                    + "virtual bridge in a VM reports, not the physical link); the spec leaves those uplinks at the devices' own speed."
            )
        }

        // NVLink.
        let busIndex = Dictionary(gpus.enumerated().map { ($1.busID, $0) }, uniquingKeysWith: { a, _ in a })
        let anyGPUElement = gpus.contains { $0.hasGPUElement }
        // A file shows NVLink only where some `gpu` has `nvlink` children: cloud providers' files list
        // `gpu` elements without them, and NCCL adds the NVLinks it finds through NVML at run time.
        let showsNVLink = gpus.contains { !$0.nvlinks.isEmpty }
        var evidence = NVLinkEvidence(gpuCount: g, shown: showsNVLink)
        evidence.c2c = g > 0 && gpus.allSatisfy(\.c2c)
        evidence.sm = gpus.compactMap(\.sm).first
        var switchTargets = Set<String>()
        var sentinel = false
        var declared: [Int: [Int: (count: Int, location: SourceLocation)]] = [:]
        for (a, gpu) in gpus.enumerated() {
            for link in gpu.nvlinks {
                if link.tclass.hasPrefix("0x068000") || link.target == NCCLTopology.sentinelTarget {
                    evidence.switchLinks[a] += link.count
                    if link.target == NCCLTopology.sentinelTarget || link.target.isEmpty {
                        sentinel = true
                    } else {
                        switchTargets.insert(link.target)
                    }
                } else if link.tclass.hasPrefix("0x03") || busIndex[link.target] != nil {
                    if link.target == gpu.busID {
                        findings.append(
                            ImportCodes.nvlinkToSelf.diagnostic(
                                "GPU \(gpu.busID) has an NVLink (count \(link.count)) to its own bus id; the link is ignored",
                                at: link.targetLocation,
                                help:
                                    "a self-link is a defect of the file; remove the element or give the peer GPU's bus id"
                            ))
                        continue
                    }
                    guard let b = busIndex[link.target] else {
                        findings.append(
                            ImportCodes.nvlinkTargetUnknown.diagnostic(
                                "NVLink target `\(link.target)` is not a GPU in this file; the link is ignored",
                                at: link.targetLocation))
                        continue
                    }
                    declared[a, default: [:]][b] = (link.count, link.location)
                } else if link.tclass.hasPrefix("0x068001") {
                    findings.append(
                        ImportCodes.inferred.diagnostic(
                            "an NVLink to the CPU (POWER9 NVLink, class 0x068001) is not modelled by topospec; it is ignored",
                            at: link.location))
                }
            }
        }
        for (a, targets) in declared {
            for (b, link) in targets {
                let reverse = declared[b]?[a]
                if let reverse, reverse.count != link.count, a < b {
                    findings.append(
                        ImportCodes.nvlinkTargetUnknown.diagnostic(
                            "GPU \(gpus[a].busID) lists \(link.count) NVLinks to \(gpus[b].busID), which lists \(reverse.count) back; the larger is kept",
                            at: link.location, notes: [.init("the other end", at: reverse.location)]))
                }
                let count = max(link.count, reverse?.count ?? 0)
                evidence.pairCounts[a][b] = count
                evidence.pairCounts[b][a] = count
            }
        }
        if !switchTargets.isEmpty { evidence.switchChips = switchTargets.count }
        if sentinel, switchTargets.isEmpty {
            findings.append(
                ImportCodes.inferred.diagnostic(
                    "NVLinks go to `\(NCCLTopology.sentinelTarget)`, NCCL's mark for a far end it cannot see (a VM or an NVL72 tray); an NVSwitch fabric is assumed",
                    at: gpus.first(where: { !$0.nvlinks.isEmpty })?.location ?? topology.sockets[0].location))
        }
        let source = "the NCCL file"
        let plan = NVLinkPlan.make(evidence, skus: skus, catalog: catalog, source: source)
        for problem in plan.problems {
            findings.append(ImportCodes.gpuNamesMismatch.diagnostic(problem, at: gpus.first?.location))
        }
        draft.wiring = plan.wiring
        draft.wiringComments = plan.comments
        if case .external = plan.wiring {
            draft.nvlinkDomain = NvidiaSmiTopoImporter.rackDomain(catalog: catalog)
        }
        if !showsNVLink {
            draft.wiringComments.insert(
                "The file has no `nvlink` elements\(anyGPUElement ? "" : " (and no `gpu` elements)"): NCCL detects NVLink at run time.",
                at: 0)
        }

        // Placeholder GPU and GPU groups.
        if skus.contains(where: { $0 == nil }) {
            let gpuGenerations = gpus.compactMap(\.generation) + hostGenerations
            var placeholder = DraftSpec.PlaceholderGPU(
                name: "GPU not identified (NCCL topology file)", formFactor: plan.placeholderFormFactor,
                hostGeneration: max(3, gpuGenerations.max() ?? 4))
            placeholder.hostC2C = plan.placeholderC2C || evidence.c2c
            placeholder.nvlink = plan.placeholderCapability
            placeholder.nvlinkNote =
                plan.placeholderCapability == nil
                ? (evidence.shown ? "the file shows no NVLink" : "unknown: the file does not say")
                : plan.placeholderNote
            placeholder.hostNote =
                gpuGenerations.isEmpty
                ? "unknown: the file gives no link speed" : "the fastest link the file gives the GPUs"
            if let sm = evidence.sm, sm >= 10 { placeholder.computeCapability = "\(sm / 10).\(sm % 10)" }
            placeholder.formFactorNote =
                plan.placeholderCapability?.nvswitch == true ? "NVSwitch-attached GPUs are modules (SXM)" : nil
            placeholder.comments = [
                "The file does not identify the GPU model (no known PCI `device` id). Replace `unidentified-gpu` "
                    + "with a catalog SKU (`topospec catalog`); lint warns (TS404) until then."
            ]
            draft.placeholderGPU = placeholder
        }
        let skuIDs = skus.map { $0?.id ?? "unidentified-gpu" }
        var groups: [DraftSpec.GPUGroup] = []
        var start = 0
        while start < g {
            var end = start + 1
            while end < g, skuIDs[end] == skuIDs[start] { end += 1 }
            let note =
                skus[start] != nil
                ? "PCI device \(gpus[start].vendor ?? "")\(gpus[start].device.map { ":" + $0 } ?? "")" : nil
            groups.append(
                DraftSpec.GPUGroup(
                    sku: skuIDs[start], count: end - start, busIDs: gpus[start..<end].map(\.busID), note: note))
            start = end
        }
        draft.gpuGroups = groups
        draft.gpuComments = ["GPUs in CUDA order (`dev`, else bus id), with their bus ids from the file."]

        // Sockets: one SYS domain per `cpu` element (a NUMA node; see the type's comment).
        draft.setSockets(numaDomains: topology.sockets.count)
        draft.cpu = cpuModel(topology.sockets)
        let word = draft.socketCountUnknown ? "NUMA node" : "socket"
        draft.socketsNote =
            "one per `cpu` element, which NCCL writes per NUMA node ("
            + socketOrder.enumerated().map { socket, original in
                let description = topology.sockets[original].description
                return "\(word) \(socket): " + (description.isEmpty ? "no attributes" : description)
            }.joined(separator: "; ") + ")"
        if let caveat = draft.unknownSocketsCaveat {
            draft.socketsNote = (draft.socketsNote ?? "") + "; " + caveat
        }

        // NICs.
        var fabrics: [(fabric: String, why: String)] = []
        var frontend: [(frontend: Bool, why: String)] = []
        var placeholderNIC = false
        var fastest = 0
        for (i, port) in ports.enumerated() {
            var nic = DraftSpec.NIC(name: nicNames[i], sku: nicSKUs[i]?.id ?? "unidentified-nic")
            if nicSKUs[i] == nil { placeholderNIC = true }
            if let name = port.name {
                if YAMLText.isName(name) {
                    nic.device = name
                } else {
                    findings.append(
                        ImportCodes.inferred.diagnostic(
                            "net name `\(name)` cannot be written as a device name; it is left out", at: port.location))
                }
            }
            nic.busID = port.busID
            if let mbps = port.speedMbps, mbps > 0 {
                let gbps = mbps / 1000
                if Double(gbps) > SpecDecoder.gbpsRange.upperBound {
                    findings.append(
                        ImportCodes.invalidAttribute.diagnostic(
                            "`speed=\"\(mbps)\"` is \(gbps) Gb/s, beyond any network (a spec allows up to \(Int(SpecDecoder.gbpsRange.upperBound)) Gb/s); ignored",
                            at: port.location))
                } else if gbps > Self.fastestPortGbps {
                    findings.append(
                        ImportCodes.invalidAttribute.diagnostic(
                            "`speed=\"\(mbps)\"` is \(gbps) Gb/s (NCCL reads Mb/s), more than any network port (over \(Self.fastestPortGbps) Gb/s): a unit error; ignored",
                            at: port.location))
                } else if gbps > 0 {
                    if let sku = nicSKUs[i], Double(gbps) > sku.maxGbps {
                        nic.note = "the file says \(gbps) Gb/s, more than `\(sku.id)` supports; not declared"
                    } else {
                        nic.gbps = gbps
                        fastest = max(fastest, gbps)
                    }
                }
            }
            fabrics.append(
                NICFabric.guess(pciClass: port.pciClass, vendor: port.vendor, device: port.name, sku: nicSKUs[i]?.id))
            frontend.append(NICRole.frontend(device: port.name, gdr: port.gdr, hasPCIDevice: port.busID != nil))
            let ports = topology.nics.filter { $0.busID != nil && $0.busID == port.busID }.count
            if ports > 1, nic.note == nil {
                nic.note = "port \(port.portIndex + 1) of \(ports) of one adapter (bus id \(port.busID ?? ""))"
            }
            draft.nics.append(nic)
        }
        draft.networks = NvidiaSmiTopoImporter.networks(for: &draft.nics, fabrics: fabrics, frontend: frontend)
        if !ports.isEmpty {
            draft.nicComments = [
                "NICs: one entry per `net` (port) of each NIC, with the NIC's bus id; speeds from `speed` (Mb/s)."
            ]
        }
        if placeholderNIC {
            let nicGenerations = ports.compactMap(\.generation) + hostGenerations
            draft.placeholderNIC = DraftSpec.PlaceholderNIC(
                name: "NIC not identified (NCCL topology file)", maxGbps: max(400, fastest),
                hostGeneration: max(5, nicGenerations.max() ?? 5),
                comments: [
                    "The file does not identify the adapter (no known PCI `device` id, or a virtual function): replace "
                        + "`unidentified-nic` with a catalog NIC (`topospec catalog`). max_gbps and host are guesses."
                ])
        }

        // Description and header.
        let gpuWord = "\(Format.count(g, "GPU"))"
        let nicWord = ports.isEmpty ? "no NICs" : "\(ports.count) NIC port\(ports.count == 1 ? "" : "s")"
        draft.description =
            "Imported from an NCCL topology file (\(file)): \(gpuWord), \(nicWord), \(draft.socketsPhrase)"
        draft.header = [
            "Imported by `topospec import nccl-xml` from \(file).",
            "Input: an NCCL topology file with \(topology.sockets.count) `cpu` element\(topology.sockets.count == 1 ? "" : "s"), \(gpuWord), \(nicWord)\(topology.otherDevices > 0 ? " (\(topology.otherDevices) other PCI device\(topology.otherDevices == 1 ? "" : "s") ignored)" : "").",
        ]
        if topology.partial || !anyGPUElement {
            draft.header += [
                "The file is partial: NCCL fills in what it leaves out (device classes, GPUs, NVLink) from the "
                    + "machine at run time. The spec says only what the file says; comments mark the guesses."
            ]
        }
        if topology.bridges.contains(where: { $0.busID?.hasPrefix("ffff:") == true }) {
            draft.header += [
                "Switch bus ids `ffff:ff:…` are synthetic: the file is a cloud provider's view of a virtual machine."
            ]
        }
        return draft
    }
}

extension NCCLTopologyImporter {
    /// A bound no network port reaches: the fastest shipping one is ConnectX-8 at 800 Gb/s (NVIDIA
    /// ConnectX-8 SuperNIC user manual, https://docs.nvidia.com/networking/display/connectx8supernic/introduction);
    /// ConnectX-9 is announced at 1.6 Tb/s per GPU (secondary: GTC DC 2025 press). A larger `speed` is a unit error.
    static let fastestPortGbps = 1600

    /// The catalog CPU model that every `<cpu>` names by cpuid (x86: arch, vendor string, family
    /// and model all equal), or nil: Arm CPUs carry only `arch` in NCCL's files, which no single
    /// model matches.
    func cpuModel(_ sockets: [NCCLTopology.Socket]) -> String? {
        guard let first = sockets.first, sockets.allSatisfy({ $0.cpuid == first.cpuid }), first.cpuid.count == 4,
            let arch = first.cpuid[0], let vendor = first.cpuid[1],
            let written = first.cpuid[2].flatMap({ Int($0) }), let model = first.cpuid[3].flatMap({ Int($0) })
        else { return nil }
        let family = CPUModel.displayFamily(ncclFamilyID: written)
        return catalog.cpus.values.filter {
            $0.architecture.rawValue == arch && $0.vendor.cpuidVendor == vendor && $0.family == family
                && $0.model == model
        }.map(\.id).sorted().first
    }
}
