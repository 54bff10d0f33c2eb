import TopoDiagnostics

/// The devices of an NCCL topology file, read from its element tree the way NCCL reads it
/// (xml.cc / topo.cc): `cpu` elements are sockets (NUMA nodes), `pci` elements bridges or
/// endpoints classified by `class`, `gpu` / `nic` children mark GPUs and NICs, `nvlink` children
/// of `gpu` are links. Defects NCCL would misread become findings on the way.
struct NCCLTopology: Sendable {
    /// A `cpu` element.
    struct Socket: Sendable {
        var numaID: Int?
        var affinity: String?
        /// `arch`, `vendor`, `familyid`, `modelid` as written (NCCL's cpuid view of the CPU).
        var cpuid: [String?] = []
        var description: String
        var location: SourceLocation
    }

    /// A bridge `pci` element: a PCIe switch.
    struct Bridge: Sendable {
        var busID: String?
        var socket: Int
        var parent: Int?
        var generation: Int?
        var width: Int?
        var location: SourceLocation
        var vendor: String?
        var device: String?
    }

    /// One `nvlink` child of a `gpu`.
    struct NVLink: Sendable {
        var target: String
        var count: Int
        var tclass: String
        var location: SourceLocation
        var targetLocation: SourceLocation
    }

    /// A GPU `pci` element.
    struct GPU: Sendable {
        var busID: String
        var socket: Int
        var bridge: Int?
        var dev: Int?
        var sm: Int?
        var vendor: String?
        var device: String?
        var generation: Int?
        var width: Int?
        var nvlinks: [NVLink] = []
        /// RCCL's `xgmi` children (AMD Infinity Fabric), read like `nvlink`.
        var xgmis: [NVLink] = []
        /// RCCL's `gcn` attribute: the GPU's gfx target (`gfx942`).
        var gcn: String?
        /// The `<gpu>` element has a `<c2c>` child: NVLink-C2C to a Grace CPU.
        var c2c = false
        var hasGPUElement: Bool
        var location: SourceLocation
    }

    /// One NIC port: a `net` of a `nic`, or a NIC `pci` element without `net`.
    struct NICPort: Sendable {
        var busID: String?
        var socket: Int
        var bridge: Int?
        var name: String?
        var dev: Int?
        var speedMbps: Int?
        /// NCCL's `gdr` attribute of the `net`: 0 when the port cannot do GPUDirect RDMA.
        var gdr: Int?
        /// Ports of one `nic` element before this one (0 for the first port).
        var portIndex = 0
        var pciClass: String?
        var vendor: String?
        var device: String?
        var generation: Int?
        var width: Int?
        var location: SourceLocation
    }

    var version: String?
    var sockets: [Socket] = []
    var bridges: [Bridge] = []
    var gpus: [GPU] = []
    var nics: [NICPort] = []
    /// Bus ids of NVSwitch `pci` elements (class 0x068000).
    var nvswitchBusIDs: Set<String> = []
    /// Endpoint `pci` elements that are neither GPUs nor NICs (storage, …), ignored.
    var otherDevices = 0
    var findings: [Diagnostic] = []
    /// True when some `pci` element had no class (a partial file).
    var partial = false
    /// `link_width="0"` values and `pci` elements without class, reported once each at the end.
    private var widthZero: [SourceLocation] = []
    private var classMissing: [SourceLocation] = []

    /// The bus id NCCL's VM sentinel uses for an NVLink whose far end it cannot see.
    static let sentinelTarget = "fffffff:ff:ff.0"

    /// Reads the tree below `root` (a `system` element).
    static func read(_ root: XMLElement) -> NCCLTopology {
        var topology = NCCLTopology()
        topology.version = root["version"]
        var seenBusIDs: [String: SourceLocation] = [:]
        for child in root.children {
            guard child.name == "cpu" else {
                topology.findings.append(
                    ImportCodes.inferred.diagnostic(
                        "`<\(child.name)>` directly under `<system>` is ignored (NCCL reads only `cpu` there)",
                        at: child.location))
                continue
            }
            let socket = topology.sockets.count
            var numaID: Int?
            if let attribute = child.attribute("numaid") {
                numaID = Int(attribute.value)
                if numaID == nil {
                    topology.findings.append(
                        ImportCodes.invalidAttribute.diagnostic(
                            "`numaid=\"\(attribute.value)\"` is not an integer", at: attribute.valueLocation))
                }
            }
            var parts: [String] = []
            if let numaID { parts.append("NUMA \(numaID)") }
            if let vendor = child["vendor"] { parts.append(vendor) }
            if let family = child["familyid"], let model = child["modelid"] {
                parts.append("family \(family) model \(model)")
            }
            if let arch = child["arch"] { parts.append(arch) }
            topology.sockets.append(
                Socket(
                    numaID: numaID, affinity: child["affinity"],
                    cpuid: [child["arch"], child["vendor"], child["familyid"], child["modelid"]],
                    description: parts.joined(separator: ", "), location: child.location))
            for element in child.children {
                topology.visit(element, socket: socket, bridge: nil, seen: &seenBusIDs)
            }
        }
        topology.reportRepeated()
        return topology
    }

    /// One finding for each defect that repeats on many elements, at its first place.
    private mutating func reportRepeated() {
        func lines(_ locations: [SourceLocation]) -> String {
            let shown = locations.prefix(8).map { String($0.line) }.joined(separator: ", ")
            return locations.count > 8 ? shown + ", …" : shown
        }
        if let first = widthZero.first {
            let count = widthZero.count
            findings.append(
                ImportCodes.linkWidthZero.diagnostic(
                    "`link_width=\"0\"` on \(count) `pci` element\(count == 1 ? "" : "s") (line\(count == 1 ? "" : "s") \(lines(widthZero))): NCCL reads it as x16, and so does the import",
                    at: first, help: "write the real link width (what `lspci -vv` shows as LnkSta)"))
        }
        if let first = classMissing.first {
            let count = classMissing.count
            findings.append(
                ImportCodes.pciClassMissing.diagnostic(
                    "\(count) `pci` element\(count == 1 ? " has" : "s have") no `class` (line\(count == 1 ? "" : "s") \(lines(classMissing))); \(count == 1 ? "it is" : "they are") taken for GPUs (NCCL would detect the devices at run time)",
                    at: first, help: "add class=\"0x030200\" for a GPU, \"0x020000\" / \"0x020700\" for a NIC"))
        }
    }

    private mutating func visit(_ element: XMLElement, socket: Int, bridge: Int?, seen: inout [String: SourceLocation])
    {
        switch element.name {
        case "pci":
            visitPCI(element, socket: socket, bridge: bridge, seen: &seen)
        case "nic":
            // A NIC without a PCI parent (a virtual NIC such as a socket-plugin eth0).
            addPorts(element, busID: nil, socket: socket, bridge: bridge, pci: nil, link: (nil, nil))
        default:
            break
        }
    }

    private mutating func visitPCI(
        _ element: XMLElement, socket: Int, bridge: Int?, seen: inout [String: SourceLocation]
    ) {
        var busID: String?
        if let attribute = element.attribute("busid") {
            let lowered = attribute.value.lowercased()
            if GPUNamesFile.normalizedBusID(lowered) == nil {
                findings.append(
                    ImportCodes.invalidAttribute.diagnostic(
                        "`busid=\"\(attribute.value)\"` is not a PCI bus id (dddd:bb:dd.f)", at: attribute.valueLocation
                    ))
            } else {
                busID = lowered
                if let first = seen[lowered] {
                    findings.append(
                        ImportCodes.duplicateBusID.diagnostic(
                            "bus id `\(lowered)` appears twice; the second element is ignored",
                            at: attribute.valueLocation,
                            notes: [.init("first here", at: first)]))
                    return
                }
                seen[lowered] = attribute.valueLocation
            }
        } else {
            findings.append(
                ImportCodes.invalidAttribute.diagnostic(
                    "`<pci>` without `busid`; NCCL cannot use it", at: element.location))
        }
        let link = linkAttributes(element)
        let pciClass = element["class"]?.lowercased()
        let hasGPU = element.children.contains { $0.name == "gpu" }
        let hasNIC = element.children.contains { $0.name == "nic" }
        let hasPCIChildren = element.children.contains { $0.name == "pci" || $0.name == "nic" }
        let kind: String
        if hasGPU || pciClass?.hasPrefix("0x03") == true {
            kind = "gpu"
        } else if hasNIC || pciClass?.hasPrefix("0x02") == true {
            kind = "nic"
        } else if pciClass?.hasPrefix("0x068000") == true {
            kind = "nvswitch"
        } else if pciClass?.hasPrefix("0x0604") == true || hasPCIChildren {
            kind = "bridge"
        } else if pciClass == nil {
            partial = true
            kind = "gpu"
            classMissing.append(element.location)
        } else {
            kind = "other"
        }
        switch kind {
        case "gpu":
            guard let busID else { return }
            let gpuElement = element.children.first { $0.name == "gpu" }
            var gpu = GPU(
                busID: busID, socket: socket, bridge: bridge, dev: gpuElement.flatMap { integer($0, "dev") },
                sm: gpuElement.flatMap { integer($0, "sm") }, vendor: element["vendor"], device: element["device"],
                generation: link.generation, width: link.width, hasGPUElement: gpuElement != nil,
                location: element.location)
            gpu.c2c = gpuElement?.children.contains { $0.name == "c2c" } ?? false
            gpu.gcn = gpuElement?["gcn"]
            for nvlink in gpuElement?.children ?? [] where nvlink.name == "nvlink" || nvlink.name == "xgmi" {
                guard let count = integer(nvlink, "count") else {
                    findings.append(
                        ImportCodes.invalidAttribute.diagnostic(
                            "`<\(nvlink.name)>` needs an integer `count`; it is ignored", at: nvlink.location))
                    continue
                }
                let target = nvlink.attribute("target")
                guard count > 0 else { continue }
                guard count <= 1024 else {
                    findings.append(
                        ImportCodes.invalidAttribute.diagnostic(
                            "`count=\"\(count)\"` is more NVLinks than any GPU has; the link is ignored",
                            at: nvlink.attribute("count")?.valueLocation ?? nvlink.location))
                    continue
                }
                let link = NVLink(
                    target: target?.value.lowercased() ?? "", count: count,
                    tclass: nvlink["tclass"]?.lowercased() ?? "",
                    location: nvlink.location, targetLocation: target?.valueLocation ?? nvlink.location)
                if nvlink.name == "xgmi" { gpu.xgmis.append(link) } else { gpu.nvlinks.append(link) }
            }
            gpus.append(gpu)
        case "nic":
            addPorts(
                element.children.first { $0.name == "nic" } ?? element, busID: busID, socket: socket, bridge: bridge,
                pci: element, link: link)
        case "nvswitch":
            if let busID { nvswitchBusIDs.insert(busID) }
        case "bridge":
            let index = bridges.count
            bridges.append(
                Bridge(
                    busID: busID, socket: socket, parent: bridge, generation: link.generation, width: link.width,
                    location: element.location, vendor: element["vendor"], device: element["device"]))
            for child in element.children {
                visit(child, socket: socket, bridge: index, seen: &seen)
            }
        default:
            otherDevices += 1
        }
    }

    private mutating func addPorts(
        _ nic: XMLElement, busID: String?, socket: Int, bridge: Int?, pci: XMLElement?,
        link: (generation: Int?, width: Int?)
    ) {
        let nets = nic.name == "nic" ? nic.children.filter { $0.name == "net" } : []
        let base = NICPort(
            busID: busID, socket: socket, bridge: bridge, name: nil, dev: nil, speedMbps: nil,
            pciClass: pci?["class"]?.lowercased(), vendor: pci?["vendor"], device: pci?["device"],
            generation: link.generation, width: link.width, location: pci?.location ?? nic.location)
        if nets.isEmpty {
            if pci != nil { nics.append(base) }
            return
        }
        for (index, net) in nets.enumerated() {
            var port = base
            port.portIndex = index
            port.gdr = integer(net, "gdr")
            port.name = net["name"]
            port.dev = integer(net, "dev")
            port.speedMbps = integer(net, "speed")
            port.location = net.location
            nics.append(port)
        }
    }

    /// An integer attribute, with a finding when it is present but not an integer.
    private mutating func integer(_ element: XMLElement, _ name: String) -> Int? {
        guard let attribute = element.attribute(name) else { return nil }
        let text = attribute.value.trimmingWhitespace()
        let value = text.hasPrefix("0x") ? Int(text.dropFirst(2), radix: 16) : Int(text)
        if value == nil {
            findings.append(
                ImportCodes.invalidAttribute.diagnostic(
                    "`\(name)=\"\(attribute.value)\"` is not an integer; NCCL would read it as 0",
                    at: attribute.valueLocation))
        }
        return value
    }

    /// `link_speed` and `link_width`, with findings for the values NCCL misreads.
    private mutating func linkAttributes(_ element: XMLElement) -> (generation: Int?, width: Int?) {
        var generation: Int?
        var width: Int?
        if let speed = element.attribute("link_speed") {
            if let g = NCCLLinkSpeed.ncclGeneration(speed.value) {
                generation = g
            } else {
                generation = NCCLLinkSpeed.intendedGeneration(speed.value)
                let what =
                    speed.value.trimmingWhitespace().isEmpty
                    ? "an empty `link_speed`" : "`link_speed=\"\(speed.value)\"`"
                let meant = generation.map { "; the spec keeps PCIe Gen\($0), which the value means" } ?? ""
                let form = generation.flatMap { g in NCCLLinkSpeed.dictionary.last { $0.generation == g }?.key }
                findings.append(
                    ImportCodes.linkSpeedFallback.diagnostic(
                        "NCCL does not recognize \(what) and silently treats the link as PCIe Gen3 (8 GT/s)\(meant)",
                        at: speed.valueLocation,
                        help: form.map { "write link_speed=\"\($0)\"" }
                            ?? "write the kernel's form, e.g. link_speed=\"16.0 GT/s PCIe\""))
            }
        }
        if let attribute = element.attribute("link_width") {
            if let value = Int(attribute.value.trimmingWhitespace()) {
                if value == 0 {
                    width = 16
                    widthZero.append(attribute.valueLocation)
                } else if [1, 2, 4, 8, 16, 32].contains(value) {
                    width = value
                } else {
                    findings.append(
                        ImportCodes.invalidAttribute.diagnostic(
                            "`link_width=\"\(attribute.value)\"` is not a PCIe width (1, 2, 4, 8, 16, 32); it is ignored",
                            at: attribute.valueLocation))
                }
            } else {
                findings.append(
                    ImportCodes.invalidAttribute.diagnostic(
                        "`link_width=\"\(attribute.value)\"` is not an integer; NCCL would read it as 0 (x16)",
                        at: attribute.valueLocation))
            }
        }
        return (generation, width)
    }
}

extension NCCLTopology {
    /// The GPUs in NCCL's rank-independent device order: by CUDA `dev` when every GPU has a
    /// distinct one, else by bus id. The importer and verify's capture reader number GPUs alike.
    var orderedGPUs: [GPU] {
        let devs = gpus.map(\.dev)
        if devs.allSatisfy({ $0 != nil }), Set(devs).count == devs.count {
            return gpus.sorted { ($0.dev ?? 0) < ($1.dev ?? 0) }
        }
        return gpus.sorted { $0.busID < $1.busID }
    }

    /// The NIC ports: by net `dev` when every port has a distinct one, else by bus id when every
    /// port has one (stable, so the ports of one NIC keep their order), else in file order.
    var orderedNICs: [NICPort] {
        let devs = nics.map(\.dev)
        if devs.allSatisfy({ $0 != nil }), Set(devs).count == devs.count {
            return nics.sorted { ($0.dev ?? 0) < ($1.dev ?? 0) }
        }
        if nics.allSatisfy({ $0.busID != nil }) {
            return nics.enumerated().sorted {
                ($0.element.busID ?? "", $0.offset) < ($1.element.busID ?? "", $1.offset)
            }.map(\.element)
        }
        return nics
    }
}
