import TopoDiagnostics
import TopoYAML

extension SpecDecoder {
    static let nodeEntryKeys = ["type", "rack", "state", "failed_gpus", "failed_nics", "exceptions"]
    static let exceptionKeys = ["state", "failed_gpus", "failed_nics"]

    /// Health overrides shared by node entries and their exceptions.
    private struct Health {
        var state: Node.State = .up
        var failedGPUs: [Int] = []
        var failedNICs: [String] = []
    }

    mutating func decodeNodes(_ node: YAMLNode, nodeTypes: [NodeType], racks: inout [Rack]) -> [Node] {
        guard let entries = context.entries(node, "`nodes`") else { return [] }
        var typeIndex: [String: Int] = [:]
        for (i, type) in nodeTypes.enumerated() { typeIndex[type.name] = i }
        var rackIndex: [String: Int] = [:]
        var nodes: [Node] = []
        nodes.reserveCapacity(entries.count)
        var firstSeen: [String: SourceLocation] = [:]
        firstSeen.reserveCapacity(entries.count)
        for entry in entries {
            guard let names = context.hostlist(entry.keyNode, "node name"),
                  let f = context.mapping(entry.value, "node `\(entry.key)`", allowed: Self.nodeEntryKeys, required: ["type"]),
                  let typeNode = f["type"], let typeName = context.name(typeNode, "`type`")
            else { continue }
            guard let t = typeIndex[typeName] else {
                if !nodeTypes.isEmpty || !context.sink.hasErrors {
                    unknown("node type", typeName, at: typeNode, known: nodeTypes.map(\.name), help: "declare it under `node_types:`")
                }
                continue
            }
            let type = nodeTypes[t]
            var rackOf: ((Int) -> Int?) = { _ in nil }
            if let r = f["rack"], let rackNames = context.hostlist(r, "`rack`") {
                if rackNames.count == 1 || blockSize(items: names.count, blocks: rackNames.count, what: "`rack`", at: r) != nil {
                    var indices: [Int] = []
                    for rackName in rackNames {
                        if let existing = rackIndex[rackName] {
                            indices.append(existing)
                        } else {
                            rackIndex[rackName] = racks.count
                            indices.append(racks.count)
                            racks.append(Rack(name: rackName, location: r.location))
                        }
                    }
                    let block = max(1, names.count / indices.count)
                    rackOf = { i in indices[min(indices.count - 1, i / block)] }
                }
            }
            let health = decodeHealth(f, type: type, base: Health())
            var overrides: [String: (Health, SourceLocation)] = [:]
            if let e = f["exceptions"], let exceptionEntries = context.entries(e, "`exceptions`") {
                let members = names.count <= 64 ? nil : Set(names)
                for exception in exceptionEntries {
                    guard let exceptionNames = context.hostlist(exception.keyNode, "exception node name"),
                          let ef = context.mapping(exception.value, "exception `\(exception.key)`", allowed: Self.exceptionKeys)
                    else { continue }
                    let overridden = decodeHealth(ef, type: type, base: health)
                    for name in exceptionNames {
                        let isMember = members?.contains(name) ?? names.contains(name)
                        guard isMember else {
                            context.sink.error(.unknownReference, "`\(name)` is not one of this entry's nodes (`\(entry.key)`)\(Suggestion.hint(for: name, in: names.prefix(4096)))",
                                               at: exception.keyNode.location)
                            continue
                        }
                        overrides[name] = (overridden, exception.keyNode.location)
                    }
                }
            }
            for (i, name) in names.enumerated() {
                if let first = firstSeen[name] {
                    context.sink.error(.duplicateName, "node `\(name)` is declared twice", at: entry.keyNode.location,
                                       notes: [.init("first declared here", at: first)],
                                       help: "a node belongs to one `nodes:` entry; use `exceptions` to change one node of a range")
                    continue
                }
                firstSeen[name] = entry.keyNode.location
                let (h, location) = overrides[name] ?? (health, entry.keyNode.location)
                nodes.append(Node(name: name, typeIndex: t, rackIndex: rackOf(i), domainIndex: nil, state: h.state,
                                  failedGPUs: h.failedGPUs, failedNICs: h.failedNICs, location: location))
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
                    context.sink.error(.unknownReference, "GPU \(index) does not exist; node type `\(type.name)` has \(type.gpus.count) GPUs (0–\(max(0, type.gpus.count - 1)))",
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
                    unknown("NIC", name, at: item, known: known, help: "node type `\(type.name)` declares: \(known.isEmpty ? "no NICs" : known.joined(separator: ", "))")
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
            let hint = nodeIndex.count <= 100_000 ? Suggestion.hint(for: missing[0], in: nodeIndex.keys.sorted()) : ""
            context.sink.error(.unknownReference, "\(what) names node `\(missing[0])`, which is not declared\(more)\(hint)", at: node.location)
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
                  let f = context.mapping(entry.value, "NVLink domain `\(entry.key)`", allowed: ["nodes", "switches"],
                                          required: ["nodes", "switches"]),
                  let nodesNode = f["nodes"], let memberNames = context.hostlist(nodesNode, "`nodes`"),
                  let members = resolveNodes(memberNames, at: nodesNode, nodeIndex: nodeIndex, what: "NVLink domain `\(entry.key)`"),
                  let switchesNode = f["switches"],
                  let sf = context.mapping(switchesNode, "`switches`", allowed: ["sku", "count"], required: ["sku", "count"]),
                  let skuNode = sf["sku"], let sku = context.name(skuNode, "NVSwitch `sku`"),
                  let count = sf["count"].flatMap({ context.int($0, "NVSwitch `count`", 1...100_000) }),
                  let block = blockSize(items: members.count, blocks: names.count, what: "NVLink domain names", at: entry.keyNode)
            else { continue }
            guard catalog.nvswitches[sku] != nil else {
                unknown("NVSwitch", sku, at: skuNode, known: catalog.nvswitches.keys.sorted())
                continue
            }
            for (k, name) in names.enumerated() {
                if let first = domainNames[name] {
                    context.sink.error(.duplicateName, "NVLink domain `\(name)` is declared twice", at: entry.keyNode.location,
                                       notes: [.init("first declared here", at: first)])
                    continue
                }
                domainNames[name] = entry.keyNode.location
                let slice = Array(members[(k * block)..<((k + 1) * block)])
                for member in slice {
                    if let other = nodes[member].domainIndex {
                        context.sink.error(.conflict, "node `\(nodes[member].name)` is already in NVLink domain `\(domains[other].name)`",
                                           at: nodesNode.location, notes: [.init("that domain", at: domains[other].location)])
                    } else {
                        nodes[member].domainIndex = domains.count
                    }
                }
                domains.append(NVLinkDomain(name: name, nodes: slice, switchSKU: sku, switchCount: count, location: entry.keyNode.location))
            }
        }
        return domains
    }
}
