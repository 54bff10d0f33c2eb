import TopoDiagnostics
import TopoYAML

extension SpecDecoder {
    static let networkKeys = ["fabric", "role", "gbps", "topology", "rails", "tiers", "sharp"]
    static let tierKeys = ["name", "radix", "down", "up", "count"]
    static let networkRequired = ["fabric"]
    static let tierRequired = ["radix"]

    mutating func decodeNetworks(_ node: YAMLNode) -> [Network] {
        guard let entries = context.entries(node, "`networks`") else { return [] }
        var networks: [Network] = []
        for entry in entries {
            guard let name = context.name(entry.keyNode, "network name"),
                let f = context.mapping(
                    entry.value, "network `\(name)`", allowed: Self.networkKeys, required: Self.networkRequired),
                let fabric = f["fabric"].flatMap({ context.enumeration($0, "`fabric`", Fabric.self) })
            else { continue }
            let role = f["role"].flatMap { context.enumeration($0, "`role`", Network.Role.self) } ?? .compute
            let gbps = f["gbps"].flatMap { context.number($0, "`gbps`", Self.gbpsRange) }
            let topology =
                f["topology"].flatMap { context.enumeration($0, "`topology`", Network.Topology.self) } ?? .fatTree
            let rails = f["rails"].flatMap { context.int($0, "`rails`", 1...1024) } ?? 1
            var tiers: [Network.Tier] = []
            if let t = f["tiers"], let items = context.list(t, "`tiers`") {
                for item in items {
                    guard
                        let tf = context.mapping(
                            item, "a network tier", allowed: Self.tierKeys, required: Self.tierRequired),
                        let radix = tf["radix"].flatMap({ context.int($0, "`radix`", 1...100_000) })
                    else { continue }
                    tiers.append(
                        Network.Tier(
                            name: tf["name"].flatMap { context.name($0, "tier `name`") }, radix: radix,
                            down: tf["down"].flatMap { context.int($0, "`down`", 0...100_000) },
                            up: tf["up"].flatMap { context.int($0, "`up`", 0...100_000) },
                            count: tf["count"].flatMap { context.int($0, "`count`", 1...10_000_000) },
                            location: item.location))
                }
            }
            var network = Network(
                name: name, fabric: fabric, role: role, gbps: gbps, topology: topology, rails: rails, tiers: tiers,
                location: entry.keyNode.location)
            network.sharp = f["sharp"].flatMap { context.bool($0, "`sharp`") } ?? false
            networks.append(network)
        }
        return networks
    }
}
