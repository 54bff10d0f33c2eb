import TopoDiagnostics
import TopoYAML

extension SpecDecoder {
    static let nodeTypeKeys = [
        "description", "gpus", "sockets", "nvlink", "infinity_fabric", "pcie", "nics", "platform",
    ]
    static let wiringKeys = ["nvswitch", "bridges", "mesh", "links", "domain"]
    static let socketsKeys = ["count", "numa_nodes", "link_gbs", "cpu"]
    static let gpuGroupKeys = ["sku", "count", "bus_ids"]
    static let nvswitchWiringKeys = ["sku", "count", "gpus"]
    static let meshKeys = ["gpus", "links"]
    static let gpuLinkKeys = ["gpus", "count"]
    static let pcieKeys = ["host_bridge", "switch", "socket", "parent", "gen", "width", "gpus", "nics", "bus_id"]
    static let nicPortKeys = ["sku", "gbps", "network", "device", "port", "bus_id", "rail"]
    static let platformKeys = ["vm", "acs", "iommu", "driver", "pcie_p2p", "socket_ifname", "nccl_topo_file"]
    static let nodeTypeRequired = ["gpus"]
    static let nicPortRequired = ["sku"]
    /// Most GPUs one node type may hold.
    static let maxGPUsPerNode = 1024
    /// Most NICs one node type may hold (the rules keep a path for every pair of devices).
    static let maxNICsPerNode = 1024

    /// Most pairs of devices (GPUs and NICs of one node type, summed over the node types) a spec
    /// may declare: the rules keep a path for every pair, so this bounds their memory (~130 MB) and
    /// time, and `count: 1024` written many times cannot make millions of GPUs.
    static let maxDevicePairs = 1 << 22

    mutating func decodeNodeTypes(_ node: YAMLNode) -> [NodeType] {
        guard let entries = context.entries(node, "`node_types`") else { return [] }
        var types: [NodeType] = []
        var pairs = 0
        var decoded = 0
        defer { WorkCounter.add(decoded, .nodeTypesDecoded) }
        for entry in entries {
            guard let name = context.name(entry.keyNode, "node type name") else { continue }
            decoded += 1
            guard let type = decodeNodeType(name, entry.value, keyLocation: entry.keyNode.location) else { continue }
            let devices = type.gpus.count + type.nics.count
            pairs += devices * devices
            if pairs > Self.maxDevicePairs {
                context.sink.error(
                    .outOfRange,
                    "node type `\(name)` takes the node types past \(Self.maxDevicePairs) pairs of devices (GPUs and NICs of one node type, summed over the node types); topospec models no more",
                    at: entry.keyNode.location,
                    help:
                        "that is one node type of 1,024 GPUs and 1,024 NICs, or thousands of real ones; declare each kind of machine once"
                )
                break
            }
            types.append(type)
        }
        return types
    }

    /// A plain `unknown` (`nvlink: unknown`, `sockets: unknown`, `count: unknown`).
    static func isUnknown(_ node: YAMLNode) -> Bool {
        node.kind == .scalar && node.style == .plain && node.scalar == "unknown"
    }

    private mutating func decodeNodeType(_ name: String, _ node: YAMLNode, keyLocation: SourceLocation) -> NodeType? {
        let what = "node type `\(name)`"
        guard let f = context.mapping(node, what, allowed: Self.nodeTypeKeys, required: Self.nodeTypeRequired) else {
            return nil
        }
        let (groups, gpus) = f["gpus"].map { decodeGPUGroups($0, what: what) } ?? ([], [])
        var sockets = 1
        var socketLink: Double?
        var cpu: String?
        var socketCountUnknown = false
        if let s = f["sockets"] {
            if s.kind == .mapping {
                if let sf = context.mapping(s, "`sockets`", allowed: Self.socketsKeys, required: ["count"]) {
                    if let count = sf["count"], Self.isUnknown(count) {
                        socketCountUnknown = true
                        if let n = sf["numa_nodes"] {
                            sockets = context.int(n, "`numa_nodes`", 1...64) ?? 1
                        } else {
                            context.sink.error(
                                .missingKey,
                                "`sockets: {count: unknown}` needs `numa_nodes`: the NUMA nodes the PCIe tree's `socket` indexes",
                                at: s.location,
                                help: "write `sockets: {count: unknown, numa_nodes: 4}`, or `sockets: unknown` for one")
                        }
                    } else {
                        sockets = sf["count"].flatMap { context.int($0, "`count` of sockets", 1...64) } ?? 1
                        if let n = sf["numa_nodes"] {
                            context.sink.error(
                                .conflict,
                                "`numa_nodes` goes with `count: unknown` only; with a known count, NUMA nodes of one socket are host bridges of that socket",
                                at: n.location, help: "remove `numa_nodes`, or write `count: unknown`")
                        }
                    }
                    socketLink = sf["link_gbs"].flatMap { context.number($0, "`link_gbs`", 0.001...100_000) }
                    if let c = sf["cpu"], let model = context.name(c, "CPU model") {
                        if catalog.cpus[model] != nil {
                            cpu = model
                        } else {
                            unknown(
                                "CPU model", model, at: c, known: candidates { catalog.cpus.keys.sorted() },
                                help:
                                    "`topospec catalog` lists the built-in CPU models; add your own under `hardware.cpus`"
                            )
                        }
                    }
                }
            } else if Self.isUnknown(s) {
                socketCountUnknown = true
            } else {
                sockets = context.int(s, "`sockets`", 1...64) ?? 1
            }
        }
        var scaleUp: ScaleUpWiring?
        var explicitlyNone = false
        var unknownScaleUp = false
        for kind in LinkKind.allCases {
            guard let block = f[kind.key] else { continue }
            if context.isNone(block, "`\(kind.key)`") {
                explicitlyNone = true
                continue
            }
            if Self.isUnknown(block) {
                unknownScaleUp = true
                continue
            }
            if scaleUp != nil {
                context.sink.error(
                    .conflict,
                    "\(what) declares both `nvlink` and `infinity_fabric`; a GPU has one scale-up link family",
                    at: f.keyLocation(kind.key))
                continue
            }
            scaleUp = decodeWiring(block, kind: kind, keyLocation: f.keyLocation(kind.key), gpuCount: gpus.count)
        }
        let nics = f["nics"].map { decodeNICPorts($0, what: what) } ?? []
        let pcie = f["pcie"].map { decodePCIe($0, sockets: sockets, gpuCount: gpus.count, nics: nics) } ?? PCIeTree()
        var platform = Platform()
        if let p = f["platform"] { platform = decodePlatform(p) }
        var type = NodeType(
            name: name, description: f["description"].flatMap { context.string($0, "`description`", multiline: true) },
            location: keyLocation, gpuGroups: groups, gpus: gpus, sockets: sockets, socketLinkGBs: socketLink,
            scaleUp: scaleUp, pcie: pcie, nics: nics, platform: platform)
        type.explicitlyNoScaleUp = explicitlyNone && scaleUp == nil
        type.cpu = cpu
        type.socketCountUnknown = socketCountUnknown
        type.scaleUpUnknown = unknownScaleUp && scaleUp == nil && !explicitlyNone
        return type
    }

    private mutating func decodeGPUGroups(_ node: YAMLNode, what: String) -> ([GPUGroup], [GPUSlot]) {
        var groupNodes: [YAMLNode] = []
        if node.kind == .sequence {
            groupNodes = Array(node.items)
            if groupNodes.isEmpty { context.wrongType(node, "`gpus` of \(what) must list at least one group") }
        } else {
            groupNodes = [node]
        }
        var groups: [GPUGroup] = []
        var slots: [GPUSlot] = []
        for g in groupNodes {
            guard
                let f = context.mapping(
                    g, "a GPU group (`{sku, count}`)", allowed: Self.gpuGroupKeys,
                    required: ["sku", "count"]),
                let skuNode = f["sku"], let sku = context.name(skuNode, "GPU `sku`"),
                let count = f["count"].flatMap({ context.int($0, "GPU `count`", 1...Self.maxGPUsPerNode) })
            else { continue }
            guard let model = catalog.gpus[sku] else {
                unknown(
                    "GPU SKU", sku, at: skuNode, known: candidates { catalog.gpuNames },
                    help: "`topospec catalog` lists the built-in SKUs; add your own under `hardware.gpus`",
                    byParts: true)
                continue
            }
            if slots.count + count > Self.maxGPUsPerNode {
                context.sink.error(.outOfRange, "\(what) has more than \(Self.maxGPUsPerNode) GPUs", at: g.location)
                continue
            }
            var busIDs: [String?] = Array(repeating: nil, count: count)
            if let b = f["bus_ids"], let items = context.list(b, "`bus_ids`") {
                if items.count != count {
                    context.sink.error(
                        .conflict, "`bus_ids` lists \(items.count) bus ids for \(count) GPUs", at: b.location)
                } else {
                    for (i, item) in items.enumerated() { busIDs[i] = decodeBusID(item) }
                }
            }
            groups.append(GPUGroup(sku: sku, count: count, firstIndex: slots.count, location: skuNode.location))
            for i in 0..<count {
                slots.append(GPUSlot(index: slots.count, model: model, busID: busIDs[i], location: skuNode.location))
            }
        }
        return (groups, slots)
    }

    /// A PCI bus id `dddd:bb:dd.f` (4 or 8 hex digits of domain, as NCCL and nvidia-smi print).
    mutating func decodeBusID(_ node: YAMLNode) -> String? {
        guard let text = context.string(node, "bus id") else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let hex: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy(\.isHexDigit) }
        if parts.count == 3, [4, 8].contains(parts[0].count), hex(parts[0]), parts[1].count == 2, hex(parts[1]) {
            let df = parts[2].split(separator: ".", omittingEmptySubsequences: false)
            if df.count == 2, df[0].count == 2, hex(df[0]), df[1].count == 1, let f = Int(df[1]), f < 8 {
                return text.lowercased()
            }
        }
        context.sink.error(
            .wrongType, "bus id `\(text)` is not of the form dddd:bb:dd.f (e.g. 0000:18:00.0)", at: node.location)
        return nil
    }

    /// A GPU index of this node type, reported as an unknown reference when out of range.
    private mutating func gpuIndex(_ node: YAMLNode, gpuCount: Int, what: String) -> Int? {
        guard let index = context.int(node, what, 0...Int.max) else { return nil }
        guard index < gpuCount else {
            context.sink.error(
                .unknownReference,
                "GPU \(index) does not exist; the node type has \(Format.count(gpuCount, "GPU"))\(gpuCount > 0 ? " (0–\(gpuCount - 1))" : "")",
                at: node.location)
            return nil
        }
        return index
    }

    private mutating func gpuList(_ node: YAMLNode, gpuCount: Int, what: String) -> [Int]? {
        guard let items = context.list(node, what) else { return nil }
        var result: [Int] = []
        for item in items {
            guard let index = gpuIndex(item, gpuCount: gpuCount, what: "a GPU index in \(what)") else { continue }
            if result.contains(index) {
                context.sink.error(.conflict, "GPU \(index) is listed twice in \(what)", at: item.location)
                continue
            }
            result.append(index)
        }
        return result
    }

    private mutating func decodeWiring(
        _ node: YAMLNode, kind: LinkKind, keyLocation: SourceLocation, gpuCount: Int
    ) -> ScaleUpWiring? {
        let what = "`\(kind.key)`"
        guard let f = context.mapping(node, what, allowed: Self.wiringKeys) else { return nil }
        if node.pairs.isEmpty {
            context.sink.error(
                .missingKey, "\(what) is empty; write `none`, or declare nvswitch, bridges, mesh, links or domain",
                at: node.location)
            return nil
        }
        var wiring = ScaleUpWiring(kind: kind, location: keyLocation)
        if let s = f["nvswitch"] {
            if kind == .infinityFabric {
                context.sink.error(
                    .conflict, "NVSwitch speaks NVLink only; it cannot appear under `infinity_fabric`",
                    at: f.keyLocation("nvswitch"))
            } else if let sf = context.mapping(
                s, "`nvswitch`", allowed: Self.nvswitchWiringKeys, required: ["sku", "count"]),
                let skuNode = sf["sku"], let sku = context.name(skuNode, "NVSwitch `sku`"),
                let count = sf["count"].flatMap({ context.int($0, "NVSwitch `count`", 1...1024) })
            {
                if catalog.nvswitches[sku] == nil {
                    unknown(
                        "NVSwitch", sku, at: skuNode, known: candidates { catalog.nvswitches.keys.sorted() },
                        byParts: true)
                } else {
                    let gpus =
                        sf["gpus"].flatMap { gpuList($0, gpuCount: gpuCount, what: "`nvswitch.gpus`") }
                        ?? Array(0..<gpuCount)
                    wiring.nvswitch = .init(sku: sku, count: count, gpus: gpus, location: s.location)
                }
            }
        }
        if let b = f["bridges"], let groups = context.list(b, "`bridges`") {
            var used: [Int: SourceLocation] = [:]
            for group in groups {
                guard var gpus = gpuList(group, gpuCount: gpuCount, what: "a bridge group") else { continue }
                if gpus.count < 2 {
                    context.sink.error(.outOfRange, "a bridge group joins at least 2 GPUs", at: group.location)
                    continue
                }
                gpus = gpus.filter { gpu in
                    guard let first = used[gpu] else { return true }
                    context.sink.error(
                        .conflict, "GPU \(gpu) is in two bridge groups; a card has one bridge connector set",
                        at: group.location, notes: [.init("first bridged here", at: first)])
                    return false
                }
                for gpu in gpus { used[gpu] = group.location }
                wiring.bridges.append(.init(gpus: gpus, location: group.location))
            }
        }
        if let m = f["mesh"] {
            if m.kind == .scalar, m.scalar == "all", m.style == .plain {
                wiring.mesh = .init(gpus: Array(0..<gpuCount), linksPerPair: nil, location: m.location)
            } else if let mf = context.mapping(m, "`mesh` (`all` or `{gpus, links}`)", allowed: Self.meshKeys) {
                let gpus =
                    mf["gpus"].flatMap { gpuList($0, gpuCount: gpuCount, what: "`mesh.gpus`") } ?? Array(0..<gpuCount)
                let links = mf["links"].flatMap { context.int($0, "`mesh.links` (links per pair)", 1...1024) }
                wiring.mesh = .init(gpus: gpus, linksPerPair: links, location: m.location)
            }
        }
        if let l = f["links"], let items = context.list(l, "`links`") {
            var seen: [String: SourceLocation] = [:]
            for item in items {
                guard
                    let lf = context.mapping(
                        item, "a link (`{gpus: [a, b], count}`)", allowed: Self.gpuLinkKeys, required: ["gpus"]),
                    let pairNode = lf["gpus"], let pair = gpuList(pairNode, gpuCount: gpuCount, what: "a link's `gpus`")
                else { continue }
                let count = lf["count"].map { context.int($0, "link `count`", 1...1024) ?? 1 } ?? 1
                guard pair.count == 2 else {
                    if pairNode.items.count != 2 {
                        context.sink.error(
                            .wrongType,
                            "a link joins exactly two different GPUs, found \(pairNode.items.count) entries",
                            at: pairNode.location)
                    } else if pair.count == 1, pairNode.items.count == 2 {
                        // gpuList already reported a GPU linked to itself as listed twice.
                    }
                    continue
                }
                let key = "\(min(pair[0], pair[1]))-\(max(pair[0], pair[1]))"
                if let first = seen[key] {
                    context.sink.error(
                        .conflict, "GPUs \(pair[0]) and \(pair[1]) are linked twice; give one entry with `count`",
                        at: item.location, notes: [.init("first linked here", at: first)])
                    continue
                }
                seen[key] = item.location
                wiring.links.append(.init(a: pair[0], b: pair[1], count: count, location: item.location))
            }
        }
        if let d = f["domain"] {
            if kind == .infinityFabric {
                context.sink.error(
                    .conflict, "multi-node domains are NVLink fabrics; `domain` cannot appear under `infinity_fabric`",
                    at: d.location)
            } else if d.kind == .scalar, d.scalar == "external" {
                wiring.external = f.keyLocation("domain")
                if wiring.nvswitch != nil || !wiring.bridges.isEmpty || wiring.mesh != nil || !wiring.links.isEmpty {
                    context.sink.error(
                        .conflict,
                        "`domain: external` means the GPUs reach each other only through the domain's switches; remove the other wiring",
                        at: d.location)
                }
            } else {
                context.wrongType(d, "`domain` must be `external`")
            }
        }
        return wiring
    }

    private mutating func decodeNICPorts(_ node: YAMLNode, what: String) -> [NICPort] {
        guard let entries = context.entries(node, "`nics`") else { return [] }
        var ports: [NICPort] = []
        var seen: [String: SourceLocation] = [:]
        for entry in entries {
            guard let names = context.hostlist(entry.keyNode, "NIC name"),
                let f = context.mapping(
                    entry.value, "NIC `\(entry.key)`", allowed: Self.nicPortKeys, required: Self.nicPortRequired),
                let skuNode = f["sku"], let sku = context.name(skuNode, "NIC `sku`")
            else { continue }
            guard let model = catalog.nics[sku] else {
                unknown(
                    "NIC model", sku, at: skuNode, known: candidates { catalog.nics.keys.sorted() },
                    help: "`topospec catalog` lists the built-in NIC models", byParts: true)
                continue
            }
            var network: String?
            if let n = f["network"], let name = context.name(n, "`network`") {
                if networkNames.contains(name) {
                    network = name
                } else {
                    let declared = networkNames.sorted()
                    let listed =
                        declared.count <= 8
                        ? declared.map { "`\($0)`" }.joined(separator: ", ") : "\(declared.count) networks"
                    unknown(
                        "network", name, at: n, known: networkNames,
                        help: declared.isEmpty
                            ? "declare it under `networks:`"
                            : "declare it under `networks:` (the spec declares \(listed))",
                        byParts: true)
                }
            }
            let declared = f["gbps"].flatMap { context.number($0, "`gbps`", Self.gbpsRange) }
            var devices: [String]?
            if let d = f["device"], let list = context.hostlist(d, "`device`") {
                if list.count == names.count {
                    devices = list
                } else {
                    context.sink.error(
                        .conflict,
                        "`\(entry.key)` names \(Format.count(names.count, "NIC")) but `device` names \(list.count)",
                        at: d.location,
                        help: "give one device per NIC, e.g. device: \"mlx5_[0-\(max(0, names.count - 1))]\"")
                }
            }
            var busID: String?
            if let b = f["bus_id"] {
                if names.count == 1 {
                    busID = decodeBusID(b)
                } else {
                    context.sink.error(
                        .conflict, "`bus_id` belongs to one NIC; `\(entry.key)` names \(names.count)", at: b.location)
                }
            }
            let rail = f["rail"].flatMap { context.int($0, "`rail`", 0...1_000_000) }
            let devicePort = f["port"].flatMap { context.int($0, "`port`", 1...255) }
            let inherited = network.flatMap { networkGbps[$0] } ?? model.maxGbps
            if ports.count + names.count > Self.maxNICsPerNode {
                context.sink.error(
                    .outOfRange, "\(what) has more than \(Self.maxNICsPerNode) NICs", at: entry.keyNode.location)
                continue
            }
            // One error per entry, however many of its names were declared before.
            var duplicate: (name: String, first: SourceLocation)?
            var duplicates = 0
            for (i, name) in names.enumerated() {
                if let first = seen[name] {
                    if duplicate == nil { duplicate = (name, first) }
                    duplicates += 1
                    continue
                }
                seen[name] = entry.keyNode.location
                var port = NICPort(
                    name: name, sku: sku, gbps: declared ?? inherited, gbpsDeclared: declared != nil,
                    network: network, device: devices?[i], busID: busID, rail: rail,
                    location: entry.keyNode.location)
                port.port = devicePort
                ports.append(port)
            }
            if let duplicate {
                let more = duplicates > 1 ? " (and \(duplicates - 1) more of `\(entry.key)`)" : ""
                context.sink.error(
                    .duplicateName, "NIC `\(duplicate.name)` is declared twice in \(what)\(more)",
                    at: entry.keyNode.location, notes: [.init("first declared here", at: duplicate.first)])
            }
        }
        return ports
    }

    private mutating func decodePCIe(_ node: YAMLNode, sockets: Int, gpuCount: Int, nics: [NICPort]) -> PCIeTree {
        guard let items = context.list(node, "`pcie`") else { return PCIeTree() }
        struct Pending {
            var entry: PCIeEntry
            var parentName: String?
            var parentNode: YAMLNode?
        }
        var pending: [Pending] = []
        var names: [String: SourceLocation] = [:]
        var gpuOwner: [Int: String] = [:]
        var nicOwner: [String: String] = [:]
        let nicNames = nics.map(\.name)
        for item in items {
            guard let f = context.mapping(item, "a PCIe entry", allowed: Self.pcieKeys) else { continue }
            let kind: PCIeEntry.Kind
            let nameNode: YAMLNode
            switch (f["host_bridge"], f["switch"]) {
            case let (h?, nil): kind = .hostBridge; nameNode = h
            case let (nil, s?): kind = .pcieSwitch; nameNode = s
            case (_?, _?):
                context.sink.error(
                    .conflict, "a PCIe entry is either a `host_bridge` or a `switch`, not both", at: item.location)
                continue
            case (nil, nil):
                context.sink.error(
                    .missingKey, "a PCIe entry needs `host_bridge: NAME` or `switch: NAME`", at: item.location)
                continue
            }
            guard let name = context.name(nameNode, "PCIe \(kind == .hostBridge ? "host bridge" : "switch") name")
            else { continue }
            if let first = names[name] {
                context.sink.error(
                    .duplicateName, "PCIe entry `\(name)` is declared twice", at: nameNode.location,
                    notes: [.init("first declared here", at: first)])
                continue
            }
            names[name] = nameNode.location
            var socket = -1
            if let s = f["socket"], let value = context.int(s, "`socket`", 0...Int.max) {
                if value < sockets {
                    socket = value
                } else {
                    context.sink.error(
                        .unknownReference,
                        "socket \(value) does not exist; the node type has \(Format.count(sockets, "socket")) (0–\(sockets - 1))",
                        at: s.location, help: sockets == 1 ? "declare `sockets: \(value + 1)` on the node type" : nil)
                }
            }
            let parentNode = f["parent"]
            let parentName = parentNode.flatMap { context.name($0, "`parent`") }
            if kind == .hostBridge {
                if f["socket"] == nil {
                    context.sink.error(.missingKey, "host bridge `\(name)` needs a `socket`", at: item.location)
                }
                if let p = parentNode {
                    context.sink.error(.conflict, "a host bridge hangs off a socket, not a `parent`", at: p.location)
                }
            } else if f["socket"] == nil, parentNode == nil {
                context.sink.error(
                    .missingKey, "switch `\(name)` needs a `socket` (its own host bridge) or a `parent`",
                    at: item.location)
            } else if f["socket"] != nil, let p = parentNode {
                context.sink.error(
                    .conflict,
                    "switch `\(name)` has both `socket` and `parent`; give one (the parent decides the socket)",
                    at: p.location)
            }
            let gen = f["gen"].flatMap { context.int($0, "`gen` (PCIe generation)", PCIeLink.generations) }
            var width = 16
            if let w = f["width"], let value = context.int(w, "`width`", 1...32) {
                if PCIeLink.widths.contains(value) {
                    width = value
                } else {
                    context.sink.error(
                        .outOfRange, "`width` is \(value); PCIe links are x1, x2, x4, x8, x16 or x32", at: w.location)
                }
            }
            var gpus: [Int] = []
            if let g = f["gpus"], let list = gpuList(g, gpuCount: gpuCount, what: "`gpus` of `\(name)`") {
                for (gpu, itemNode) in zip(list, g.items) {
                    if let owner = gpuOwner[gpu] {
                        context.sink.error(
                            .conflict,
                            "GPU \(gpu) is already under `\(owner)`; a device has one place in the PCIe tree",
                            at: itemNode.location)
                    } else {
                        gpuOwner[gpu] = name
                        gpus.append(gpu)
                    }
                }
            }
            var nicList: [String] = []
            if let n = f["nics"], let list = context.list(n, "`nics` of `\(name)`") {
                for itemNode in list {
                    guard let nic = context.name(itemNode, "a NIC name") else { continue }
                    if !nicNames.contains(nic) {
                        unknown(
                            "NIC", nic, at: itemNode, known: nicNames, help: "declare it under the node type's `nics:`")
                    } else if let owner = nicOwner[nic] {
                        context.sink.error(.conflict, "NIC `\(nic)` is already under `\(owner)`", at: itemNode.location)
                    } else {
                        nicOwner[nic] = name
                        nicList.append(nic)
                    }
                }
            }
            let busID = f["bus_id"].flatMap { decodeBusID($0) }
            pending.append(
                Pending(
                    entry: PCIeEntry(
                        kind: kind, name: name, socket: socket, parentIndex: nil, generation: gen,
                        width: width, gpus: gpus, nics: nicList, busID: busID, location: nameNode.location),
                    parentName: parentName, parentNode: parentNode))
        }
        // Resolve parents, then sockets through the parent chains.
        let index = Dictionary(pending.enumerated().map { ($1.entry.name, $0) }, uniquingKeysWith: { a, _ in a })
        for i in pending.indices {
            guard let parent = pending[i].parentName, let parentNode = pending[i].parentNode else { continue }
            if let p = index[parent] {
                if p == i {
                    context.sink.error(.referenceCycle, "switch `\(parent)` is its own parent", at: parentNode.location)
                } else {
                    pending[i].entry.parentIndex = p
                }
            } else {
                unknown("PCIe parent", parent, at: parentNode, known: candidates { pending.map(\.entry.name) })
            }
        }
        // Linear in the tree (a 34 KB chain took 98 s to lint; issue 12): each entry has at most
        // one parent, so one pass with "on the current walk" / "done" marks finds every cycle, and
        // depths and sockets are memoised. A chain deeper than `PCIeTree.maximumDepth` (real
        // trees are 2–4 switches deep) is refused where it crosses the bound.
        let count = pending.count
        var state = [UInt8](repeating: 0, count: count)  // 0 new, 1 on the current walk, 2 done
        var depth = [Int](repeating: 1, count: count)
        var inCycle = [Bool](repeating: false, count: count)
        for start in 0..<count where state[start] == 0 {
            var walk: [Int] = []
            var current: Int? = start
            while let c = current, state[c] == 0 {
                state[c] = 1
                walk.append(c)
                current = pending[c].entry.parentIndex
            }
            if let c = current, state[c] == 1, let from = walk.firstIndex(of: c) {
                for member in walk[from...] {
                    inCycle[member] = true
                    if let parentNode = pending[member].parentNode {
                        context.sink.error(
                            .referenceCycle, "the `parent` chain of `\(pending[member].entry.name)` loops back to it",
                            at: parentNode.location)
                    }
                }
            }
            // Depths and sockets from the top of the walk down.
            for member in walk.reversed() {
                state[member] = 2
                guard !inCycle[member], let p = pending[member].entry.parentIndex else { continue }
                guard !inCycle[p] else { inCycle[member] = true; continue }
                depth[member] = depth[p] + 1
                pending[member].entry.socket = pending[p].entry.socket
                if depth[member] == PCIeTree.maximumDepth + 1, let parentNode = pending[member].parentNode {
                    context.sink.error(
                        .outOfRange,
                        "the `parent` chain of `\(pending[member].entry.name)` is more than \(PCIeTree.maximumDepth) levels deep",
                        at: parentNode.location, help: "real PCIe trees are 2–4 switches deep below the host bridge")
                }
            }
        }
        return PCIeTree(entries: pending.map(\.entry))
    }

    private mutating func decodePlatform(_ node: YAMLNode) -> Platform {
        var platform = Platform()
        guard let f = context.mapping(node, "`platform`", allowed: Self.platformKeys) else { return platform }
        platform.location = node.location
        if let v = f["vm"], let value = context.bool(v, "`vm`") { platform.vm = value }
        if let a = f["acs"], let value = context.enumeration(a, "`acs`", Platform.ACS.self) { platform.acs = value }
        if let i = f["iommu"], let value = context.enumeration(i, "`iommu`", Platform.IOMMU.self) {
            platform.iommu = value
        }
        if let p = f["pcie_p2p"], let value = context.enumeration(p, "`pcie_p2p`", Platform.P2P.self) {
            platform.pcieP2P = value
        }
        if let i = f["socket_ifname"] {
            platform.socketInterface = context.string(
                i, "`socket_ifname`", grammar: Platform.socketInterfaceGrammar,
                valid: Platform.isValidSocketInterface)
        }
        if let t = f["nccl_topo_file"],
            let value = context.enumeration(t, "`nccl_topo_file`", Platform.NCCLTopoFile.self)
        {
            platform.ncclTopoFile = value
            platform.ncclTopoFileLocation = t.location
        }
        if let d = f["driver"] {
            if d.kind == .scalar, d.style == .plain, let text = d.scalar, Double(text) != nil {
                context.sink.error(
                    .ambiguousScalar,
                    "quote the driver version: YAML reads `\(text)` as a number, which drops trailing zeros",
                    at: d.location, help: "write driver: \"\(text)\"")
            } else {
                platform.driver = context.string(
                    d, "`driver`", grammar: Platform.driverGrammar, valid: Platform.isValidDriver)
            }
        }
        return platform
    }
}
