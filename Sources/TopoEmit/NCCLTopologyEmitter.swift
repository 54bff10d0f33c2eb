import TopoDiagnostics
import TopoModel
import TopoTopology

/// Writes a node type as an NCCL topology file (the XML NCCL reads from `NCCL_TOPO_FILE`),
/// following NCCL's own reader (src/graph/xml.cc, topo.cc, NCCL 2.30.7) so that NCCL accepts it:
///
/// - `<system version="1">`, one `<cpu>` per socket with `numaid`, and when the CPU model is known
///   (`sockets: {cpu: NAME}`, or Grace for NVLink-C2C GPUs) `affinity`, `arch`, and on x86 `vendor`,
///   `familyid`, `modelid`: every attribute `ncclTopoGetXmlFromCpu` would fill, because each rank
///   fills only its own socket before the ranks' files are fused and copies merge only when equal
///   (xml.h `xmlFindNode`). `affinity` is written empty (`00000000`): topospec does not know the
///   machine's CPU numbering (SMT, NPS/SNC), and with an empty mask NCCL does not pin its threads
///   (topo.cc `ncclTopoGetCpuAffinity`: "empty, ignoring"), leaving binding to the launcher (the
///   rankfile). A single-socket node without a CPU model gets a bare `<cpu numaid="0">`, which
///   every rank fills identically from the machine; a multi-socket node without one gets no file
///   (`unsupported`).
/// - Every `<pci>` has `busid`, `class`, `link_speed` and `link_width` (`ncclTopoAddPci` requires
///   all four): PCIe switches as `class="0x060400"` holding their devices, with the generation the
///   spec gives or the fastest of the devices below; devices on a host bridge directly under the
///   `<cpu>`. Bus ids come from the spec (`bus_ids`, `bus_id`) or are invented, unique and in
///   NCCL's lowercase `dddd:bb:dd.f` form; the file's header comment names every invented value.
/// - `link_speed` in NCCL's `"NN.N GT/s PCIe"` form (`kvDictPciGen`; any other spelling, including
///   `"32.0 GT/s"`, reads as Gen3).
/// - GPUs (`class 0x030200`) with `<gpu dev sm gdr>`, `gdr="0"` for GeForce cards (catalog
///   `pcie_p2p: false`): NVIDIA supports GPUDirect RDMA on data-center and professional GPUs only.
///   NVLinks to NVSwitch chips as one `<nvlink>` per chip with the GPU's links spread over them
///   (`tclass 0x068000`; NCCL joins all NVSwitch targets into one NVS node and never looks their bus
///   ids up, topo.cc `ncclTopoAddNvLinks`, so invented ones are harmless), to peer GPUs by their
///   bus id (`tclass 0x030200`), and for GPUs wired to a multi-node domain (GB200 NVL72) to NCCL's
///   sentinel `fffffff:ff:ff.0`, read as NVSwitch.
/// - Grace superchip GPUs (`host: nvlink-c2c`) under their own Grace's `<cpu>` (consecutive GPUs per
///   Grace: GB200 two, GH200 one) with `<c2c bw count>` (topo.cc `ncclTopoAddC2c`: GB/s = bw × count
///   / 1000). NCCL's dump of a GB300 tray carries `<c2c bw="44712" count="5"/>` per GPU, half of one
///   Grace's NVLink-C2C (900 GB/s both ways = 450 GB/s each way) for each of its two GPUs; topospec
///   writes count = 10 / GPUs per Grace at that per-link rate. Their `<pci>` link is written
///   `link_speed="" link_width=""`, NCCL's own value when the kernel reports none (read as its default).
///   GPU memory NUMA nodes of a Grace tray (the HBM of each GPU as a CPU-less node) have no element:
///   NCCL reads `numaid` only from `<cpu>`s, i.e. from nodes that hold CPUs and PCIe devices.
/// - NICs as `<pci class="0x020700">` (InfiniBand) or `0x020000` (Ethernet) with
///   `<nic><net name dev speed port gdr>`; `speed` in Mb/s, `name` the RDMA device and `port` its
///   port (`device: mlx5_0`, `port: 2`), `gdr="1"` on RDMA fabrics (InfiniBand, RoCE, EFA), `0` on plain
///   Ethernet (NCCL's socket transport has no GPUDirect).
///
/// Output uses NCCL's dump layout (2-space indent, attributes in NCCL's order, no XML
/// declaration, which NCCL's parser rejects) and is byte-identical for the same input.
public enum NCCLTopologyEmitter {
    /// NCCL's link_speed strings by PCIe generation (kernel ≥ 5.6 form, all prefix-matched).
    static let linkSpeeds = PCIeLinkSpeedText.byGeneration

    /// Why node type `typeID` gets no NCCL topology file, or nil when it can have one: RCCL, AMD's
    /// NCCL, describes its GPUs with attributes of its own (`gcn`, `arch`, XGMI links) that
    /// topospec does not write; a node with several sockets needs its CPU model
    /// (`NCCLTopologyInputs.cpuGap`).
    ///
    /// - Parameters:
    ///   - spec: The cluster the node type belongs to.
    ///   - typeID: A node type of `spec`.
    /// - Returns: A sentence naming the node type and the reason (AMD GPUs, or a missing CPU model on
    ///   several sockets), or nil.
    public static func unsupported(spec: ClusterSpec, typeID: NodeTypeID) -> String? {
        let type = spec.nodeTypes[typeID]
        if type.gpus.contains(where: { $0.model.vendor == .amd }) {
            return
                "node type `\(type.name)` has AMD GPUs; RCCL's topology files carry AMD-specific attributes (gcn, XGMI links) that topospec does not write"
        }
        return NCCLTopologyInputs.cpuGap(spec: spec, typeID: typeID)
    }

    /// Per-link NVLink-C2C rate NCCL's dump of a Grace tray reports (MB/s), and the links of one
    /// Grace (see the type's documentation).
    static let c2cLinkMBps = 44712
    static let c2cLinksPerGrace = 10

    /// The `<cpu>` start tag of socket `socket`.
    static func cpuTag(socket: Int, model: CPUModel?) -> String {
        var tag = "<cpu numaid=\"\(socket)\""
        guard let model else { return tag + ">" }
        tag += " affinity=\"00000000\" arch=\"\(model.architecture.rawValue)\""
        if model.architecture == .x86_64 {
            tag += " vendor=\"\(model.vendor.cpuidVendor ?? model.vendor.rawValue)\""
            if let family = model.ncclFamilyID, let id = model.model {
                tag += " familyid=\"\(family)\" modelid=\"\(id)\""
            }
        }
        return tag + ">"
    }

    /// The XML of node type `typeID`; with `node`, only that node's healthy GPUs and NICs.
    ///
    /// - Parameters:
    ///   - spec: The cluster, for the node type, its catalog and its networks.
    ///   - typeID: A node type of `spec`; check `unsupported(spec:typeID:)` first.
    ///   - node: A node of that type whose failed GPUs and NICs are left out, or nil for the whole type.
    ///   - source: The spec's path, named in the leading XML comment.
    /// - Returns: The `<system>` document; bus ids the spec does not give are allocated so as not to
    ///   collide with those it does.
    public static func render(spec: ClusterSpec, typeID: NodeTypeID, node: Node? = nil, source: String) -> String {
        let type = spec.nodeTypes[typeID]
        let catalog = spec.catalog
        let skus = type.gpus.map(\.model)
        let failedGPUs = Set(node?.failedGPUs ?? [])
        let failedNICs = Set(node?.failedNICs ?? [])
        var ids = BusIDAllocator(
            reserved: type.gpus.compactMap(\.busID) + type.nics.compactMap(\.busID)
                + type.pcie.entries.compactMap(\.busID))
        let gpuBus = type.gpus.map { $0.busID ?? ids.next() }
        let nicBus = type.nics.map { $0.busID ?? ids.next() }
        let switchBus = type.pcie.entries.map { $0.kind == .pcieSwitch ? ($0.busID ?? ids.next()) : "" }
        let links = type.scaleUp.map { ScaleUpLinks(wiring: $0, skus: skus) }
        let nvswitchChips =
            type.scaleUp?.nvswitch.map { attachment in (0..<attachment.count).map { _ in ids.next() } } ?? []

        let cpuModel = NCCLTopologyInputs.cpuModel(spec: spec, typeID: typeID)
        let sockets = max(1, type.sockets)
        var out =
            "<!-- NCCL topology of node type \(type.name)\(node.map { " (node \($0.name))" } ?? "") from \(UntrustedText.xmlComment(source)), written by topospec -->\n"
        let invented = NCCLTopologyInputs.invented(spec: spec, typeID: typeID)
        if !invented.isEmpty {
            out +=
                "<!-- Invented, so not valid on a real node: \(UntrustedText.xmlComment(invented.joined(separator: "; "))) -->\n"
        }
        out += "<system version=\"1\">\n"
        func gpuElement(_ g: Int, indent: String) -> String {
            guard g < skus.count, !failedGPUs.contains(g) else { return "" }
            let sku = skus[g]
            var s =
                indent + "<pci busid=\"\(gpuBus[g])\" class=\"0x030200\""
                + idAttributes(PCIDeviceTable.gpuIDs(forSKU: sku.id))
                + linkAttributes(host: sku.host, entry: type.pcie.entry(ofGPU: g).map { type.pcie.entries[$0] })
            var gpu = "<gpu dev=\"\(g)\""
            if let cc = sku.computeCapability, let sm = Int(cc.filter { $0 != "." }) { gpu += " sm=\"\(sm)\"" }
            gpu += sku.pcieP2P ? " gdr=\"1\"" : " gdr=\"0\""
            var children: [String] = []
            if let wiring = type.scaleUp, wiring.kind == .nvlink, let nvlink = sku.nvlink {
                if wiring.external != nil {
                    children.append(
                        "<nvlink target=\"fffffff:ff:ff.0\" count=\"\(nvlink.links)\" tclass=\"0x068000\"/>")
                } else if let attachment = wiring.nvswitch, attachment.gpus.contains(g), !nvswitchChips.isEmpty {
                    let chips = nvswitchChips.count
                    for (c, bus) in nvswitchChips.enumerated() {
                        let count = nvlink.links / chips + (c < nvlink.links % chips ? 1 : 0)
                        if count > 0 {
                            children.append("<nvlink target=\"\(bus)\" count=\"\(count)\" tclass=\"0x068000\"/>")
                        }
                    }
                }
                if wiring.external == nil, let links {
                    for peer in 0..<skus.count
                    where peer != g && !failedGPUs.contains(peer) && !links.switched.contains(g) {
                        let count = links.links(g, peer)
                        if count > 0 {
                            children.append(
                                "<nvlink target=\"\(gpuBus[peer])\" count=\"\(count)\" tclass=\"0x030200\"/>")
                        }
                    }
                }
            }
            if sku.host == .nvlinkC2C {
                let perGrace = max(1, (skus.count + sockets - 1) / sockets)
                children.append("<c2c bw=\"\(c2cLinkMBps)\" count=\"\(max(1, c2cLinksPerGrace / perGrace))\"/>")
            }
            if children.isEmpty {
                s += ">\n" + indent + "  " + gpu + "/>\n"
            } else {
                s +=
                    ">\n" + indent + "  " + gpu + ">\n" + children.map { indent + "    " + $0 + "\n" }.joined() + indent
                    + "  </gpu>\n"
            }
            return s + indent + "</pci>\n"
        }
        func nicElement(_ name: String, indent: String) -> String {
            guard let k = type.nics.firstIndex(where: { $0.name == name }), !failedNICs.contains(name) else {
                return ""
            }
            let nic = type.nics[k]
            let model = catalog.nics[nic.sku]
            let fabric = nic.network.flatMap { spec.network(named: $0)?.fabric }
            let classCode = fabric == .infiniband ? "0x020700" : "0x020000"
            var s =
                indent + "<pci busid=\"\(nicBus[k])\" class=\"\(classCode)\""
                + idAttributes(PCIDeviceTable.nicIDs(forSKU: nic.sku))
                + linkAttributes(host: model?.host, entry: type.pcie.entry(ofNIC: name).map { type.pcie.entries[$0] })
            s += ">\n" + indent + "  <nic>\n"
            let rdma = fabric == .infiniband || fabric == .roce || fabric == .efa
            s +=
                indent
                + "    <net name=\"\(nic.device ?? nic.name)\" dev=\"\(k)\" speed=\"\(Int(nic.gbps * 1000))\" port=\"\(nic.port ?? 1)\" gdr=\"\(rdma ? 1 : 0)\"/>\n"
            s += indent + "  </nic>\n" + indent + "</pci>\n"
            return s
        }
        func entryChildren(_ e: Int, indent: String) -> String {
            let entry = type.pcie.entries[e]
            var s = ""
            for g in entry.gpus { s += gpuElement(g, indent: indent) }
            for n in entry.nics { s += nicElement(n, indent: indent) }
            for (child, c) in type.pcie.entries.enumerated() where c.parentIndex == e {
                s += switchElement(child, indent: indent)
            }
            return s
        }
        func switchElement(_ e: Int, indent: String) -> String {
            let entry = type.pcie.entries[e]
            guard entry.kind == .pcieSwitch else { return entryChildren(e, indent: indent) }
            let generation = entry.generation ?? maxGeneration(e)
            var s = indent + "<pci busid=\"\(switchBus[e])\" class=\"0x060400\""
            // A switch with no generation anywhere below it gets NCCL's own "unknown" (""), read as Gen3.
            s += " link_speed=\"\(generation.flatMap { linkSpeeds[$0] } ?? "")\""
            s += " link_width=\"\(entry.width)\">\n"
            s += indent + "  <!-- switch \(entry.name) -->\n"
            s += entryChildren(e, indent: indent + "  ")
            return s + indent + "</pci>\n"
        }
        func maxGeneration(_ e: Int) -> Int? {
            let entry = type.pcie.entries[e]
            let gens =
                entry.gpus.compactMap { g -> Int? in
                    guard g < skus.count, case let .pcie(gen, _) = skus[g].host else { return nil }
                    return gen
                }
                + entry.nics.compactMap { name -> Int? in
                    guard let nic = type.nics.first(where: { $0.name == name }),
                        case let .pcie(gen, _)? = catalog.nics[nic.sku]?.host
                    else { return nil }
                    return gen
                }
                + type.pcie.entries.indices.filter { type.pcie.entries[$0].parentIndex == e }.compactMap { child in
                    type.pcie.entries[child].generation ?? maxGeneration(child)
                }
            return gens.max()
        }
        let placedGPUs = Set(type.pcie.entries.flatMap(\.gpus))
        let placedNICs = Set(type.pcie.entries.flatMap(\.nics))
        // Superchip GPUs outside the PCIe tree sit under their own Grace, consecutive GPUs per Grace.
        func looseSocket(_ g: Int) -> Int {
            guard g < skus.count, skus[g].host == .nvlinkC2C else { return 0 }
            return min(sockets - 1, g * sockets / max(1, skus.count))
        }
        for socket in 0..<sockets {
            out += "  " + cpuTag(socket: socket, model: cpuModel) + "\n"
            for (e, entry) in type.pcie.entries.enumerated() where entry.parentIndex == nil && entry.socket == socket {
                if entry.kind == .hostBridge {
                    out += "    <!-- host bridge \(entry.name) -->\n" + entryChildren(e, indent: "    ")
                } else {
                    out += switchElement(e, indent: "    ")
                }
            }
            // Devices the spec does not place in its PCIe tree hang off the first CPU (superchip
            // GPUs off their Grace).
            let loose = (0..<skus.count).filter { !placedGPUs.contains($0) && looseSocket($0) == socket }
            let looseNICs = socket == 0 ? type.nics.map(\.name).filter { !placedNICs.contains($0) } : []
            if !loose.isEmpty || !looseNICs.isEmpty { out += "    <!-- devices outside the spec's PCIe tree -->\n" }
            for g in loose { out += gpuElement(g, indent: "    ") }
            for n in looseNICs { out += nicElement(n, indent: "    ") }
            out += "  </cpu>\n"
        }
        out += "</system>\n"
        return out
    }

    /// ` vendor="…" device="…"` when the device's PCI ids are known (NCCL dumps carry them; topospec's
    /// importer identifies the model from them).
    static func idAttributes(_ ids: (vendor: String, device: String)?) -> String {
        ids.map { " vendor=\"\($0.vendor)\" device=\"\($0.device)\"" } ?? ""
    }

    /// ` link_speed="…" link_width="…"` for a device: its own generation and width, lowered to a
    /// host bridge's slot when the spec declares one.
    static func linkAttributes(host: HostInterface?, entry: PCIeEntry?) -> String {
        guard case let .pcie(generation, width)? = host else { return " link_speed=\"\" link_width=\"\"" }
        var gen = generation
        var lanes = width
        if let entry {
            if let declared = entry.generation { gen = min(gen, declared) }
            if entry.kind == .hostBridge { lanes = min(lanes, entry.width) }
        }
        return " link_speed=\"\(linkSpeeds[gen] ?? "")\" link_width=\"\(lanes)\""
    }
}

/// Hands out PCI bus ids (`0000:bb:00.0`, lowercase, NCCL's form) that clash with none the spec
/// gives, in a fixed order so output is deterministic.
struct BusIDAllocator {
    private var used: Set<String>
    private var bus = 0x10

    init(reserved: [String]) {
        used = Set(reserved.map { $0.lowercased() })
    }

    mutating func next() -> String {
        while bus < 0xff {
            let hex = String(bus, radix: 16)
            let id = "0000:" + (hex.count == 1 ? "0" + hex : hex) + ":00.0"
            bus += 1
            if used.insert(id).inserted { return id }
        }
        // Past bus 0xff: further PCI domains.
        var domain = 1
        while true {
            let hex = String(domain, radix: 16)
            let id = String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ":01:00.0"
            domain += 1
            if used.insert(id).inserted { return id }
        }
    }
}
