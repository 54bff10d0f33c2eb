import TopoDiagnostics
import TopoYAML

extension SpecDecoder {
    static let gpuKeys = [
        "name", "vendor", "architecture", "form_factor", "memory_gb", "host", "pcie_p2p", "tdp_w",
        "compute_capability", "nvlink", "infinity_fabric", "placeholder",
    ]
    static let scaleUpKeys = ["generation", "links", "link_gbs", "nvswitch", "bridge", "max_domain"]
    static let nvswitchKeys = ["name", "nvlink_generation", "ports", "port_gbs"]
    static let nicKeys = ["name", "vendor", "max_gbps", "ethernet_max_gbps", "host", "fabrics", "placeholder"]
    static let cpuKeys = ["name", "vendor", "arch", "family", "model"]
    static let pcieGenerationKeys = ["transfer_gts", "lane_gbs"]
    static let bridgeKeys = ["max_gpus"]
    static let gpuRequired = ["vendor", "form_factor", "memory_gb", "host"]
    static let nicRequired = ["max_gbps", "host", "fabrics"]

    /// Decodes a `hardware:` block into `catalog`. `builtin` marks the built-in catalog, which
    /// alone may define PCIe generations.
    mutating func decodeHardware(_ node: YAMLNode, builtin: Bool) {
        let allowed =
            builtin ? ["gpus", "nvswitches", "nics", "cpus", "pcie"] : ["gpus", "nvswitches", "nics", "cpus"]
        guard let fields = context.mapping(node, "`hardware`", allowed: allowed) else { return }
        decodeEntries(fields["gpus"], "`hardware.gpus`", "GPU SKU name", \.gpus, location: \.location) {
            $0.decodeGPU($1, $2, builtin: builtin)
        }
        decodeEntries(
            fields["nvswitches"], "`hardware.nvswitches`", "NVSwitch name", \.nvswitches, location: \.location
        ) {
            $0.decodeNVSwitch($1, $2, builtin: builtin)
        }
        decodeEntries(fields["nics"], "`hardware.nics`", "NIC model name", \.nics, location: \.location) {
            $0.decodeNIC($1, $2, builtin: builtin)
        }
        decodeEntries(fields["cpus"], "`hardware.cpus`", "CPU model name", \.cpus, location: \.location) {
            $0.decodeCPU($1, $2, builtin: builtin)
        }
        if let pcie = fields["pcie"], let entries = context.entries(pcie, "`hardware.pcie`") {
            for entry in entries {
                guard entry.key.hasPrefix("gen"), let gen = Int(entry.key.dropFirst(3)),
                    PCIeLink.generations.contains(gen)
                else {
                    context.sink.error(
                        .unknownKey, "PCIe generations are named gen1 … gen6, found `\(entry.key)`",
                        at: entry.keyNode.location)
                    continue
                }
                guard
                    let f = context.mapping(
                        entry.value, "`\(entry.key)`", allowed: Self.pcieGenerationKeys,
                        required: ["transfer_gts", "lane_gbs"]),
                    let gts = f["transfer_gts"].flatMap({ context.number($0, "`transfer_gts`", 0.1...1000) }),
                    let lane = f["lane_gbs"].flatMap({ context.number($0, "`lane_gbs`", 0.01...1000) })
                else { continue }
                catalog.pcie[gen] = PCIeGeneration(
                    generation: gen, transferGTs: gts, laneGBs: lane, location: entry.keyNode.location)
            }
        }
    }

    /// Decodes one catalog section (`gpus`, `nvswitches`, `nics`) into `catalog[keyPath]`, refusing
    /// names that are already in the catalog.
    private mutating func decodeEntries<T>(
        _ node: YAMLNode?, _ what: String, _ nameWhat: String, _ keyPath: WritableKeyPath<Catalog, [String: T]>,
        location: KeyPath<T, SourceLocation>, decode: (inout SpecDecoder, String, YAMLNode) -> T?
    ) {
        guard let node, let entries = context.entries(node, what) else { return }
        for entry in entries {
            guard let id = context.name(entry.keyNode, nameWhat),
                checkNew(id, catalog[keyPath: keyPath][id]?[keyPath: location], entry.keyNode)
            else { continue }
            if let value = decode(&self, id, entry.value) { catalog[keyPath: keyPath][id] = value }
        }
    }

    /// A new catalog name must not reuse an existing (built-in) one.
    private mutating func checkNew(_ id: String, _ existing: SourceLocation?, _ node: YAMLNode) -> Bool {
        guard let existing else { return true }
        context.sink.error(
            .duplicateName, "`\(id)` is already in the hardware catalog", at: node.location,
            notes: [.init("defined here", at: existing)],
            help: "give your entry a new name, e.g. `\(id)-custom`")
        return false
    }

    private mutating func decodeGPU(_ id: String, _ node: YAMLNode, builtin: Bool) -> GPUSKU? {
        guard
            let f = context.mapping(
                node, "GPU SKU `\(id)`", allowed: Self.gpuKeys,
                required: Self.gpuRequired)
        else { return nil }
        let vendor = f["vendor"].flatMap { context.enumeration($0, "`vendor`", Vendor.self) }
        let form = f["form_factor"].flatMap { context.enumeration($0, "`form_factor`", FormFactor.self) }
        let memory = f["memory_gb"].flatMap { context.number($0, "`memory_gb`", 0.001...1_000_000) }
        let host = f["host"].flatMap { decodeHost($0, allowC2C: true) }
        let name = f["name"].flatMap { context.string($0, "`name`") } ?? id
        let architecture = f["architecture"].flatMap { context.string($0, "`architecture`") }
        let p2p = f["pcie_p2p"].map { context.bool($0, "`pcie_p2p`") ?? true } ?? true
        let tdp = f["tdp_w"].flatMap { context.number($0, "`tdp_w`", 1...100_000) }
        var capability: String?
        if let cc = f["compute_capability"] {
            if cc.kind == .scalar, cc.style == .plain {
                context.sink.error(
                    .ambiguousScalar,
                    "quote `compute_capability`: YAML reads `\(cc.scalar ?? "")` as a number (\"8.0\" would become 8)",
                    at: cc.location, help: "write compute_capability: \"\(cc.scalar ?? "")\"")
            } else {
                capability = context.string(cc, "`compute_capability`")
            }
        }
        var scaleUp: ScaleUpCapability?
        for kind in LinkKind.allCases {
            guard let block = f[kind.key], !context.isNone(block, "`\(kind.key)`") else { continue }
            if scaleUp != nil {
                context.sink.error(
                    .conflict,
                    "GPU SKU `\(id)` declares both NVLink and Infinity Fabric; a GPU has one scale-up link family",
                    at: f.keyLocation(kind.key))
                continue
            }
            scaleUp = decodeCapability(block, kind: kind, id: id, keyLocation: f.keyLocation(kind.key))
        }
        let placeholder = f["placeholder"].map { context.bool($0, "`placeholder`") ?? false } ?? false
        guard let vendor, let form, let memory, let host else { return nil }
        var sku = GPUSKU(
            id: id, name: name, vendor: vendor, architecture: architecture, formFactor: form, memoryGB: memory,
            host: host, pcieP2P: p2p, tdpW: tdp, computeCapability: capability, scaleUp: scaleUp,
            builtin: builtin, location: node.location)
        sku.placeholder = placeholder
        return sku
    }

    private mutating func decodeCapability(
        _ node: YAMLNode, kind: LinkKind, id: String, keyLocation: SourceLocation
    ) -> ScaleUpCapability? {
        guard
            let f = context.mapping(
                node, "`\(kind.key)` of `\(id)`", allowed: Self.scaleUpKeys,
                required: ["generation", "links", "link_gbs", "max_domain"])
        else { return nil }
        let generation = f["generation"].flatMap { context.int($0, "`generation`", 1...99) }
        let links = f["links"].flatMap { context.int($0, "`links`", 1...1024) }
        let linkGBs = f["link_gbs"].flatMap { context.number($0, "`link_gbs`", 0.001...100_000) }
        let maxDomain = f["max_domain"].flatMap { context.int($0, "`max_domain`", 1...1_000_000) }
        let nvswitch = f["nvswitch"].map { context.bool($0, "`nvswitch`") ?? false } ?? false
        if nvswitch, kind == .infinityFabric, let n = f["nvswitch"] {
            context.sink.error(
                .conflict, "NVSwitch speaks NVLink only; an Infinity Fabric GPU cannot attach to it", at: n.location)
        }
        var bridge: Int?
        if let b = f["bridge"], !context.isNone(b, "`bridge`") {
            if let bf = context.mapping(b, "`bridge`", allowed: Self.bridgeKeys, required: ["max_gpus"]) {
                bridge = bf["max_gpus"].flatMap { context.int($0, "`max_gpus`", 2...64) }
            }
        }
        guard let generation, let links, let linkGBs, let maxDomain else { return nil }
        return ScaleUpCapability(
            kind: kind, generation: generation, links: links, linkGBs: linkGBs,
            nvswitch: nvswitch && kind == .nvlink, bridgeMaxGPUs: bridge, maxDomain: maxDomain,
            location: keyLocation)
    }

    private mutating func decodeNVSwitch(_ id: String, _ node: YAMLNode, builtin: Bool) -> NVSwitchSKU? {
        guard
            let f = context.mapping(
                node, "NVSwitch `\(id)`", allowed: Self.nvswitchKeys,
                required: ["nvlink_generation", "ports", "port_gbs"])
        else { return nil }
        let generation = f["nvlink_generation"].flatMap { context.int($0, "`nvlink_generation`", 1...99) }
        let ports = f["ports"].flatMap { context.int($0, "`ports`", 1...100_000) }
        let portGBs = f["port_gbs"].flatMap { context.number($0, "`port_gbs`", 0.001...100_000) }
        let name = f["name"].flatMap { context.string($0, "`name`") } ?? id
        guard let generation, let ports, let portGBs else { return nil }
        return NVSwitchSKU(
            id: id, name: name, nvlinkGeneration: generation, ports: ports, portGBs: portGBs,
            builtin: builtin, location: node.location)
    }

    private mutating func decodeNIC(_ id: String, _ node: YAMLNode, builtin: Bool) -> NICSKU? {
        guard
            let f = context.mapping(
                node, "NIC model `\(id)`", allowed: Self.nicKeys,
                required: Self.nicRequired)
        else { return nil }
        let maxGbps = f["max_gbps"].flatMap { context.number($0, "`max_gbps`", Self.gbpsRange) }
        let host = f["host"].flatMap { decodeHost($0, allowC2C: false) }
        var fabrics: [Fabric] = []
        if let list = f["fabrics"].flatMap({ context.list($0, "`fabrics`") }) {
            for item in list {
                if let fabric = context.enumeration(item, "each fabric", Fabric.self), !fabrics.contains(fabric) {
                    fabrics.append(fabric)
                }
            }
        }
        let name = f["name"].flatMap { context.string($0, "`name`") } ?? id
        let vendor = f["vendor"].flatMap { context.string($0, "`vendor`") } ?? "other"
        let ethernetMaxGbps = f["ethernet_max_gbps"].flatMap {
            context.number($0, "`ethernet_max_gbps`", Self.gbpsRange)
        }
        let placeholder = f["placeholder"].map { context.bool($0, "`placeholder`") ?? false } ?? false
        guard let maxGbps, let host, !fabrics.isEmpty else { return nil }
        var sku = NICSKU(
            id: id, name: name, vendor: vendor, maxGbps: maxGbps, host: host, fabrics: fabrics,
            builtin: builtin, location: node.location)
        sku.ethernetMaxGbps = ethernetMaxGbps
        sku.placeholder = placeholder
        return sku
    }

    /// A CPU model: x86 models need the `cpuid` family and model NCCL reads (topo.cc
    /// `ncclTopoAddCpu` requires `familyid`/`modelid` for Intel; xml.cc `ncclTopoGetXmlFromCpu`
    /// fills them for every x86 CPU, so a file must carry them for AMD too).
    private mutating func decodeCPU(_ id: String, _ node: YAMLNode, builtin: Bool) -> CPUModel? {
        guard let f = context.mapping(node, "CPU model `\(id)`", allowed: Self.cpuKeys, required: ["vendor", "arch"])
        else { return nil }
        let vendor = f["vendor"].flatMap { context.enumeration($0, "`vendor`", CPUModel.Vendor.self) }
        let arch = f["arch"].flatMap { context.enumeration($0, "`arch`", CPUModel.Architecture.self) }
        let family = f["family"].flatMap { context.int($0, "`family`", 0...0x10F) }
        let model = f["model"].flatMap { context.int($0, "`model`", 0...0xFF) }
        let name = f["name"].flatMap { context.string($0, "`name`") } ?? id
        guard let vendor, let arch else { return nil }
        if arch == .x86_64, family == nil || model == nil {
            context.sink.error(
                .missingKey,
                "x86 CPU model `\(id)` needs its cpuid `family` and `model`: NCCL reads them to tune for the CPU",
                at: node.location,
                help: "`grep -m2 'family\\|model' /proc/cpuinfo` on the machine prints both (decimal)")
            return nil
        }
        return CPUModel(
            id: id, name: name, vendor: vendor, architecture: arch, family: family, model: model,
            builtin: builtin, location: node.location)
    }

    mutating func decodeHost(_ node: YAMLNode, allowC2C: Bool) -> HostInterface? {
        guard let text = context.string(node, "`host`") else { return nil }
        guard let host = HostInterface(text), allowC2C || host != .nvlinkC2C else {
            context.sink.error(
                .wrongType,
                "`host` must be written `pcie-genG-xW` (G 1–6, W one of 1, 2, 4, 8, 16, 32)\(allowC2C ? " or `nvlink-c2c`" : ""), found `\(text)`",
                at: node.location)
            return nil
        }
        return host
    }
}
