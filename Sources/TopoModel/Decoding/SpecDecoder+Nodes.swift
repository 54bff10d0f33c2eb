import TopoDiagnostics
import TopoYAML

extension SpecDecoder {
    static let nodeEntryKeys = ["type", "rack", "address", "state", "failed_gpus", "failed_nics", "exceptions"]
    static let exceptionKeys = ["state", "failed_gpus", "failed_nics"]
    static let nvlinkDomainKeys = ["nodes", "switches"]
    static let domainSwitchesKeys = ["sku", "count"]
    /// Most nodes a spec may declare (as many as one hostlist may name; several hostlists could
    /// otherwise declare any number from a few bytes).
    static let maxNodes = Hostlist.maximumNames

    /// Health overrides shared by node entries and their exceptions.
    private struct Health {
        var state: Node.State = .up
        var failedGPUs: [Int] = []
        var failedNICs: [String] = []
    }

    /// Decodes `nodes:`, filling `index` (node name → position). This is the hot path of large
    /// specs written node by node, so it reads each entry's keys in one pass and caches the last
    /// node type and rack it resolved.
    static func hasBadFirstCharacter(_ name: String) -> Bool {
        guard let first = name.utf8.first else { return true }
        return first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || first == UInt8(ascii: "_")
    }

    mutating func decodeNodes(
        _ node: YAMLNode, nodeTypes: [NodeType], racks: inout [Rack], index: inout [String: Int]
    ) -> [Node] {
        guard node.kind == .mapping else {
            context.wrongType(node, "`nodes` must be a mapping")
            return []
        }
        var typeIDs: [String: NodeTypeID] = [:]
        for (i, type) in nodeTypes.enumerated() { typeIDs[type.name] = NodeTypeID(i) }
        var rackIndex: [String: Int] = [:]
        var lastType: (name: String, id: NodeTypeID)?
        var lastRack: (name: String, index: Int)?
        var nodes: [Node] = []
        let pairs = node.pairs
        nodes.reserveCapacity(pairs.count)
        index.reserveCapacity(pairs.count)
        for pair in pairs {
            let keyNode = pair.key
            let value = pair.value
            guard keyNode.kind == .scalar, let key = keyNode.scalar else {
                context.sink.error(
                    .wrongType, "keys in `nodes` must be hostlists, found \(keyNode.kindDescription)",
                    at: keyNode.location)
                continue
            }
            // Most entries name one node: skip the hostlist machinery (and its array) for them.
            // (A name starting with `-`, `.` or `_` goes through `hostlist`, which refuses it.)
            let single: String? = Hostlist.isPlainName(key) && !Self.hasBadFirstCharacter(key) ? key : nil
            var names: [String] = []
            if single == nil {
                guard let expanded = context.hostlist(text: key, of: keyNode, "node name") else { continue }
                names = expanded
            }
            let nodeCount = single == nil ? names.count : 1
            if nodes.count + nodeCount > Self.maxNodes {
                context.sink.error(
                    .outOfRange, "`\(key)` takes the spec past \(Self.maxNodes) nodes", at: keyNode.location)
                break
            }
            var what: String { "node `\(key)`" }
            guard value.kind == .mapping else {
                context.wrongType(
                    value, "\(what) must be a mapping of keys",
                    help: "keys allowed here: \(Self.nodeEntryKeys.joined(separator: ", "))")
                continue
            }
            var typeNode: YAMLNode?
            var rackNode: YAMLNode?
            var addressNode: YAMLNode?
            var hasHealth = false
            var exceptionsNode: YAMLNode?
            var hasUnknownKey = false
            for pair in value.pairs {
                let key = pair.key
                if key.hasScalar("type") {
                    typeNode = pair.value
                } else if key.hasScalar("rack") {
                    rackNode = pair.value
                } else if key.hasScalar("address") {
                    addressNode = pair.value
                } else if key.hasScalar("state") || key.hasScalar("failed_gpus") || key.hasScalar("failed_nics") {
                    hasHealth = true
                } else if key.hasScalar("exceptions") {
                    exceptionsNode = pair.value
                } else {
                    hasUnknownKey = true
                }
            }
            if hasUnknownKey { _ = context.mapping(value, what, allowed: Self.nodeEntryKeys) }
            guard let typeNode else {
                context.sink.error(.missingKey, "\(what) needs a `type` key", at: value.location)
                continue
            }
            let t: NodeTypeID
            if let last = lastType, typeNode.hasScalar(last.name) {
                t = last.id
            } else {
                guard let typeName = context.name(typeNode, "`type`") else { continue }
                guard let found = typeIDs[typeName] else {
                    if !nodeTypes.isEmpty || !context.sink.hasErrors {
                        unknown(
                            "node type", typeName, at: typeNode, known: candidates { nodeTypes.map(\.name) },
                            help: "declare it under `node_types:`")
                    }
                    continue
                }
                t = found
                lastType = (typeName, found)
            }
            var singleRack: Int?
            var rackIndices: [Int] = []
            if let r = rackNode {
                if let last = lastRack, r.hasScalar(last.name) {
                    singleRack = last.index
                } else if let rackNames = context.hostlist(r, "`rack`"),
                    rackNames.count == 1
                        || blockSize(items: nodeCount, blocks: rackNames.count, what: "`rack`", at: r) != nil
                {
                    for rackName in rackNames {
                        if let existing = rackIndex[rackName] {
                            rackIndices.append(existing)
                            lastRack = (rackName, existing)
                        } else {
                            rackIndex[rackName] = racks.count
                            lastRack = (rackName, racks.count)
                            rackIndices.append(racks.count)
                            racks.append(Rack(name: rackName, location: r.location))
                        }
                    }
                }
            }
            if rackIndices.count == 1 { singleRack = rackIndices[0] }
            let addresses = addressNode.flatMap { decodeAddresses($0, nodeCount: nodeCount) }
            let rackBlock = max(1, nodeCount / max(1, rackIndices.count))
            let fields = Fields(node: value)
            let health = hasHealth ? decodeHealth(fields, type: nodeTypes[t], base: Health()) : Health()
            var overrides: [String: (Health, SourceLocation)] = [:]
            if let e = exceptionsNode, let exceptionEntries = context.entries(e, "`exceptions`") {
                if let single { names = [single] }
                let members = names.count <= 64 ? nil : Set(names)
                for exception in exceptionEntries {
                    guard let exceptionNames = context.hostlist(exception.keyNode, "exception node name"),
                        let ef = context.mapping(
                            exception.value, "exception `\(exception.key)`", allowed: Self.exceptionKeys)
                    else { continue }
                    let overridden = decodeHealth(ef, type: nodeTypes[t], base: health)
                    // One error per exception key, however many of its names are strangers (a
                    // hostlist key can name a million).
                    var stranger: String?
                    var strangers = 0
                    for name in exceptionNames {
                        let isMember = members?.contains(name) ?? names.contains(name)
                        guard isMember else {
                            if stranger == nil { stranger = name }
                            strangers += 1
                            continue
                        }
                        overrides[name] = (overridden, exception.keyNode.location)
                    }
                    if let stranger {
                        let more = strangers > 1 ? " (and \(strangers - 1) more)" : ""
                        let hint = context.hint(for: stranger, in: names.prefix(4096))
                        context.sink.error(
                            .unknownReference,
                            "`\(stranger)` is not one of this entry's nodes (`\(key)`)\(more)\(hint)",
                            at: exception.keyNode.location)
                    }
                }
            }
            // One error per entry, however many of its names were declared before.
            var duplicate: (name: String, first: Int)?
            var duplicates = 0
            for i in 0..<nodeCount {
                let name = single ?? names[i]
                if let first = index.updateValue(nodes.count, forKey: name) {
                    index[name] = first
                    if duplicate == nil { duplicate = (name, first) }
                    duplicates += 1
                    continue
                }
                let (h, location) =
                    overrides.isEmpty ? (health, keyNode.location) : overrides[name] ?? (health, keyNode.location)
                let rack =
                    singleRack ?? (rackIndices.isEmpty ? nil : rackIndices[min(rackIndices.count - 1, i / rackBlock)])
                nodes.append(
                    Node(
                        name: name, typeID: t, rackIndex: rack, domainIndex: nil, state: h.state,
                        failedGPUs: h.failedGPUs, failedNICs: h.failedNICs, address: addresses?[i],
                        location: location))
            }
            if let duplicate {
                let more = duplicates > 1 ? " (and \(duplicates - 1) more of `\(key)`)" : ""
                context.sink.error(
                    .duplicateName, "node `\(duplicate.name)` is declared twice\(more)", at: keyNode.location,
                    notes: [.init("first declared here", at: nodes[duplicate.first].location)],
                    help: "a node belongs to one `nodes:` entry; use `exceptions` to change one node of a range")
            }
        }
        return nodes
    }

    private mutating func decodeHealth(_ f: Fields, type: NodeType, base: Health) -> Health {
        var health = base
        if let s = f["state"], let state = context.enumeration(s, "`state`", Node.State.self) { health.state = state }
        if let g = f["failed_gpus"], let items = context.list(g, "`failed_gpus`") {
            health.failedGPUs = []
            for item in items {
                guard let index = context.int(item, "a failed GPU index", 0...Int.max) else { continue }
                if index >= type.gpus.count {
                    context.sink.error(
                        .unknownReference,
                        "GPU \(index) does not exist; node type `\(type.name)` has \(type.gpus.count) GPUs (0–\(max(0, type.gpus.count - 1)))",
                        at: item.location)
                } else if !health.failedGPUs.contains(index) {
                    health.failedGPUs.append(index)
                }
            }
            health.failedGPUs.sort()
        }
        if let n = f["failed_nics"], let items = context.list(n, "`failed_nics`") {
            health.failedNICs = []
            let known = type.nics.map(\.name)
            for item in items {
                guard let name = context.name(item, "a failed NIC name") else { continue }
                if known.contains(name) {
                    if !health.failedNICs.contains(name) { health.failedNICs.append(name) }
                } else {
                    let listed =
                        known.prefix(16).joined(separator: ", ")
                        + (known.count > 16 ? ", … (\(known.count) in all)" : "")
                    unknown(
                        "NIC", name, at: item, known: known,
                        help: "node type `\(type.name)` declares: \(known.isEmpty ? "no NICs" : listed)")
                }
            }
        }
        return health
    }

    /// Resolves a hostlist of node names against the declared nodes, reporting the first unknown
    /// name (and how many more) at `node`.
    mutating func resolveNodes(_ names: [String], at node: YAMLNode, nodeIndex: [String: Int], what: String) -> [Int]? {
        var result: [Int] = []
        result.reserveCapacity(names.count)
        var missing: [String] = []
        for name in names {
            if let i = nodeIndex[name] { result.append(i) } else { missing.append(name) }
        }
        guard missing.isEmpty else {
            let more = missing.count > 1 ? " (and \(missing.count - 1) more)" : ""
            let hint = nodeIndex.count <= 100_000 ? context.hint(for: missing[0], in: nodeIndex.keys.sorted()) : ""
            context.sink.error(
                .unknownReference, "\(what) names node `\(missing[0])`, which is not declared\(more)\(hint)",
                at: node.location)
            return nil
        }
        return result
    }

    mutating func decodeDomains(_ node: YAMLNode, nodes: inout [Node], nodeIndex: [String: Int]) -> [NVLinkDomain] {
        guard let entries = context.entries(node, "`nvlink_domains`") else { return [] }
        var domains: [NVLinkDomain] = []
        var domainNames: [String: SourceLocation] = [:]
        for entry in entries {
            guard let names = context.hostlist(entry.keyNode, "NVLink domain name"),
                let f = context.mapping(
                    entry.value, "NVLink domain `\(entry.key)`", allowed: Self.nvlinkDomainKeys,
                    required: ["nodes", "switches"]),
                let nodesNode = f["nodes"], let memberNames = context.hostlist(nodesNode, "`nodes`"),
                let members = resolveNodes(
                    memberNames, at: nodesNode, nodeIndex: nodeIndex, what: "NVLink domain `\(entry.key)`"),
                let switchesNode = f["switches"],
                let sf = context.mapping(
                    switchesNode, "`switches`", allowed: Self.domainSwitchesKeys, required: ["sku", "count"]),
                let skuNode = sf["sku"], let sku = context.name(skuNode, "NVSwitch `sku`"),
                let count = sf["count"].flatMap({ context.int($0, "NVSwitch `count`", 1...100_000) }),
                let block = blockSize(
                    items: members.count, blocks: names.count, what: "NVLink domain names", at: entry.keyNode)
            else { continue }
            guard catalog.nvswitches[sku] != nil else {
                unknown(
                    "NVSwitch", sku, at: skuNode, known: candidates { catalog.nvswitches.keys.sorted() }, byParts: true)
                continue
            }
            for (k, name) in names.enumerated() {
                if let first = domainNames[name] {
                    context.sink.error(
                        .duplicateName, "NVLink domain `\(name)` is declared twice", at: entry.keyNode.location,
                        notes: [.init("first declared here", at: first)])
                    continue
                }
                domainNames[name] = entry.keyNode.location
                let slice = Array(members[(k * block)..<((k + 1) * block)])
                var taken: (member: Int, other: Int)?
                var takenCount = 0
                for member in slice {
                    if let other = nodes[member].domainIndex {
                        if taken == nil { taken = (member, other) }
                        takenCount += 1
                    } else {
                        nodes[member].domainIndex = domains.count
                    }
                }
                if let (member, other) = taken {
                    let more = takenCount > 1 ? " (and \(takenCount - 1) more of its nodes)" : ""
                    context.sink.error(
                        .conflict,
                        "node `\(nodes[member].name)` is already in NVLink domain `\(domains[other].name)`\(more)",
                        at: nodesNode.location, notes: [.init("that domain", at: domains[other].location)])
                }
                domains.append(
                    NVLinkDomain(
                        name: name, nodes: slice, switchSKU: sku, switchCount: count, location: entry.keyNode.location))
            }
        }
        return domains
    }
}
