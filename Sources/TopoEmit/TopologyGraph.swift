import TopoDiagnostics
import TopoModel
import TopoTopology

/// A drawing of a spec, independent of the drawing language: vertices, edges between them, and
/// nested boxes (sockets, racks) grouping vertices. Two views: one node type (sockets, PCIe
/// switches, GPUs, NICs, NVLink) and the whole cluster (racks, node groups, networks).
/// `DOTRenderer` and `MermaidRenderer` write it out.
public struct TopologyGraph: Sendable, Equatable {
    /// What a vertex stands for; renderers pick its shape from this.
    public enum Role: String, Sendable {
        case cpu, rootPort, pcieSwitch, gpu, nic, nvswitch, network, nodeGroup
    }

    /// The kind of wire an edge is; renderers pick its style from this.
    public enum Wire: String, Sendable {
        case pcie, nvlink, socketLink, network
    }

    public struct Vertex: Sendable, Equatable {
        public var id: String
        /// Lines of the label, first line the name.
        public var label: [String]
        public var role: Role

        public init(id: String, label: [String], role: Role) {
            self.id = id
            self.label = label
            self.role = role
        }
    }

    public struct Edge: Sendable, Equatable {
        public var from: String
        public var to: String
        public var label: String?
        public var wire: Wire
    }

    /// A labelled box around vertices and inner boxes.
    public struct Box: Sendable, Equatable {
        public var id: String
        public var label: String
        public var vertices: [String]
        public var boxes: [Box]
    }

    public var title: String
    public var vertices: [Vertex] = []
    public var edges: [Edge] = []
    /// Top-level boxes; vertices in no box are drawn outside all boxes.
    public var boxes: [Box] = []

    public init(title: String) {
        self.title = title
    }

    /// Vertices in no box, in order.
    public var looseVertices: [String] {
        var boxed = Set<String>()
        func collect(_ box: Box) {
            boxed.formUnion(box.vertices)
            box.boxes.forEach(collect)
        }
        boxes.forEach(collect)
        return vertices.map(\.id).filter { !boxed.contains($0) }
    }
}

extension TopologyGraph {
    /// `Gen5 x16, 63 GB/s` (per direction, from the catalog's PCIe table) or what is known of it.
    static func pcieLabel(generation: Int?, width: Int?, catalog: Catalog) -> String? {
        switch (generation, width) {
        case let (g?, w?):
            "Gen\(g) x\(w)" + (catalog.pcieGBs(generation: g, width: w).map { ", " + bandwidth($0) } ?? "")
        case let (g?, nil): "Gen\(g)"
        case let (nil, w?): "x\(w)"
        default: nil
        }
    }

    /// `450 GB/s`, `31.5 GB/s`.
    static func bandwidth(_ gbs: Double) -> String {
        Format.oneDecimal(gbs) + " GB/s"
    }

    static func gbps(_ value: Double) -> String {
        Format.number(value) + "G"
    }

    /// One node type: a box per socket with its CPU, root ports, PCIe switches, GPUs and NICs;
    /// NVLink or Infinity Fabric between GPUs (or to the NVSwitch chips); NICs to their networks.
    ///
    /// - Parameters:
    ///   - spec: The cluster, for the node type, the catalog's PCIe rates and the networks.
    ///   - typeID: A node type of `spec`.
    /// - Returns: The graph; a collapsed summary when the drawing would exceed 10 × `maximumNodeGroups`
    ///   statements.
    /// - Complexity: O(*g* + *n* + *p* + *l*) for the type's GPUs, NICs, PCIe entries and scale-up pairs.
    public static func nodeType(spec: ClusterSpec, typeID: NodeTypeID) -> TopologyGraph {
        let type = spec.nodeTypes[typeID]
        // Devices, PCIe entries and (at most) one NVLink edge per GPU pair: past what a drawing
        // shows, the collapsed view (before building the pairs).
        let pairs = type.gpus.count * max(0, type.gpus.count - 1) / 2
        let statements =
            type.gpus.count + type.nics.count + 2 * type.pcie.entries.count + type.sockets
            + (type.scaleUp == nil ? 0 : min(pairs, type.gpus.count * 18))
        if statements > maximumNodeGroups * 10 {
            return collapsedNodeType(spec: spec, typeID: typeID, statements: statements)
        }
        let catalog = spec.catalog
        var graph = TopologyGraph(title: "node type \(type.name) (bandwidths per direction)")
        var socketVertices = [[String]](repeating: [], count: max(1, type.sockets))
        func socketIndex(_ s: Int) -> Int { min(max(0, s), socketVertices.count - 1) }

        for s in socketVertices.indices {
            graph.vertices.append(Vertex(id: "cpu\(s)", label: ["CPU \(s)"], role: .cpu))
            socketVertices[s].append("cpu\(s)")
        }
        if socketVertices.count > 1 {
            let label = type.socketLinkGBs.map { "socket link \(Format.oneDecimal($0)) GB/s" } ?? "socket link"
            for s in 1..<socketVertices.count {
                graph.edges.append(Edge(from: "cpu\(s - 1)", to: "cpu\(s)", label: label, wire: .socketLink))
            }
        }
        // GPUs and NICs first get their vertices; the PCIe tree then places and wires them.
        var gpuSocket: [Int: Int] = [:]
        var nicSocket: [String: Int] = [:]
        // Switches in natural order of their names (pex2 before pex10), whatever order the spec lists them in.
        let pcieOrder = type.pcie.entries.indices.sorted {
            NaturalOrder.precedes(type.pcie.entries[$0].name, type.pcie.entries[$1].name)
                || (type.pcie.entries[$0].name == type.pcie.entries[$1].name && $0 < $1)
        }
        for e in pcieOrder {
            let entry = type.pcie.entries[e]
            let id = "pcie\(e)"
            let s = socketIndex(entry.socket)
            let isSwitch = entry.kind == .pcieSwitch
            graph.vertices.append(
                Vertex(
                    id: id, label: [entry.name, isSwitch ? "PCIe switch" : "root port"],
                    role: isSwitch ? .pcieSwitch : .rootPort))
            socketVertices[s].append(id)
            let parent = entry.parentIndex.map { "pcie\($0)" } ?? "cpu\(s)"
            graph.edges.append(
                Edge(
                    from: parent, to: id,
                    label: pcieLabel(generation: entry.generation, width: entry.width, catalog: catalog), wire: .pcie))
            for g in entry.gpus {
                gpuSocket[g] = s
                let host = type.gpus.indices.contains(g) ? catalog.gpus[type.gpus[g].sku]?.host : nil
                graph.edges.append(Edge(from: id, to: "gpu\(g)", label: hostLabel(host, catalog: catalog), wire: .pcie))
            }
            for n in entry.nics {
                nicSocket[n] = s
                let host = type.nics.first { $0.name == n }.flatMap { catalog.nics[$0.sku]?.host }
                graph.edges.append(
                    Edge(from: id, to: "nic-\(n)", label: hostLabel(host, catalog: catalog), wire: .pcie))
            }
        }
        // Superchip GPUs (host NVLink-C2C) hang off a CPU, not the PCIe tree: spread over the
        // sockets in order (GB200: Grace 0 holds GPUs 0-1, Grace 1 GPUs 2-3).
        let c2c = type.gpus.filter { gpuSocket[$0.index] == nil && catalog.gpus[$0.sku]?.host == .nvlinkC2C }.map(
            \.index)
        for (k, g) in c2c.enumerated() {
            let s = k * socketVertices.count / c2c.count
            gpuSocket[g] = s
            graph.edges.append(Edge(from: "cpu\(s)", to: "gpu\(g)", label: "NVLink-C2C", wire: .nvlink))
        }
        for slot in type.gpus {
            var label = ["GPU \(slot.index)", catalog.gpus[slot.sku]?.name ?? slot.sku]
            if let bus = slot.busID { label.append(bus) }
            graph.vertices.append(Vertex(id: "gpu\(slot.index)", label: label, role: .gpu))
            if let s = gpuSocket[slot.index] { socketVertices[s].append("gpu\(slot.index)") }
        }
        var networks: [String] = []
        for nic in type.nics {
            var label = [nic.name, "\(catalog.nics[nic.sku]?.name ?? nic.sku), \(gbps(nic.gbps))"]
            if let device = nic.device { label.append(device) }
            graph.vertices.append(Vertex(id: "nic-\(nic.name)", label: label, role: .nic))
            if let s = nicSocket[nic.name] { socketVertices[s].append("nic-\(nic.name)") }
            if let network = nic.network {
                if !networks.contains(network) { networks.append(network) }
                graph.edges.append(Edge(from: "nic-\(nic.name)", to: "net-\(network)", label: nil, wire: .network))
            }
        }
        scaleUp(type: type, catalog: catalog, into: &graph)
        for network in networks {
            let fabric = spec.network(named: network).map { "\($0.fabric.displayName), \($0.role.rawValue)" }
            graph.vertices.append(
                Vertex(id: "net-\(network)", label: [network] + (fabric.map { [$0] } ?? []), role: .network))
        }
        graph.boxes = socketVertices.enumerated().map { s, ids in
            Box(
                id: "socket\(s)", label: "\(type.cpuDomainNoun) \(s)", vertices: ids,
                boxes: [])
        }
        return graph
    }

    static func hostLabel(_ host: HostInterface?, catalog: Catalog) -> String? {
        guard case let .pcie(generation, width)? = host else { return nil }
        return pcieLabel(generation: generation, width: width, catalog: catalog)
    }

    /// NVLink / Infinity Fabric: GPU pairs with their link counts, or GPUs to the NVSwitch chips or
    /// to the multi-node domain.
    static func scaleUp(type: NodeType, catalog: Catalog, into graph: inout TopologyGraph) {
        guard let wiring = type.scaleUp else { return }
        let skus = type.gpus.map(\.model)
        let kind = wiring.kind.displayName
        func perGPU(_ g: Int) -> String {
            guard let link = skus[g].scaleUp else { return kind }
            return "\(link.links)× \(kind) \(link.generation), " + bandwidth(link.totalGBs / 2)
        }
        if wiring.external != nil {
            graph.vertices.append(
                Vertex(id: "domain", label: ["NVLink domain", "NVSwitch trays outside the node"], role: .nvswitch))
            for g in skus.indices {
                graph.edges.append(Edge(from: "gpu\(g)", to: "domain", label: perGPU(g), wire: .nvlink))
            }
            return
        }
        if let attachment = wiring.nvswitch {
            let name = catalog.nvswitches[attachment.sku]?.name ?? attachment.sku
            graph.vertices.append(
                Vertex(id: "nvswitch", label: ["\(attachment.count) × NVSwitch", name], role: .nvswitch))
            for g in attachment.gpus where g < skus.count {
                graph.edges.append(Edge(from: "gpu\(g)", to: "nvswitch", label: perGPU(g), wire: .nvlink))
            }
        }
        let links = ScaleUpLinks(wiring: wiring, skus: skus)
        for a in 0..<links.gpuCount where !links.switched.contains(a) {
            for b in (a + 1)..<max(a + 1, links.gpuCount) where !links.switched.contains(b) {
                let count = links.links(a, b)
                guard count > 0 else { continue }
                // link_gbs counts both directions; labels are per direction.
                let gbs = skus[a].scaleUp.map { ", " + bandwidth(Double(count) * $0.linkGBs / 2) } ?? ""
                graph.edges.append(
                    Edge(from: "gpu\(a)", to: "gpu\(b)", label: "\(count)× \(kind)" + gbs, wire: .nvlink))
            }
        }
    }

    /// `leaf: 8 × radix 64, 32 down / 32 up`.
    static func tierText(_ tier: Network.Tier, index: Int, count: Int) -> String {
        let name = tier.name ?? (index == 0 ? "leaf" : index == count - 1 ? "spine" : "tier \(index + 1)")
        var text = name + ": " + (tier.count.map { "\($0) × " } ?? "") + "radix \(tier.radix)"
        if let down = tier.down, let up = tier.up { text += ", \(down) down / \(up) up" }
        return text
    }

    /// The cluster: a box per rack (and one for nodes without a rack) holding node groups — runs of
    /// nodes of one type and NVLink domain, named by hostlist — wired to the networks their NICs
    /// join.
    ///
    /// - Parameter spec: The cluster; its nodes, racks, NVLink domains, node types and networks are read.
    /// - Returns: The graph; a collapsed summary when there are more than `maximumNodeGroups` node groups.
    /// - Complexity: O(*n* log *n*) for *n* nodes (grouping and hostlists).
    public static func cluster(spec: ClusterSpec) -> TopologyGraph {
        var graph = TopologyGraph(title: "cluster \(spec.name)")
        struct GroupKey: Hashable {
            var rack: Int?
            var type: NodeTypeID
            var domain: Int?
        }
        var order: [GroupKey] = []
        var members: [GroupKey: [String]] = [:]
        for node in spec.nodes {
            let key = GroupKey(rack: node.rackIndex, type: node.typeID, domain: node.domainIndex)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(node.name)
        }
        if order.count > maximumNodeGroups { return collapsedCluster(spec: spec, groups: order.count) }
        var rackBoxes: [Int?: [String]] = [:]
        var rackOrder: [Int?] = []
        var networkIDs: [String] = []
        for (g, key) in order.enumerated() {
            let names = members[key] ?? []
            let type = spec.nodeTypes[key.type]
            var label = [Hostlist.compress(names), "\(names.count) × \(type.name)"]
            let gpus = type.gpus.count
            if gpus > 0 {
                label.append("\(gpus) × \(spec.catalog.gpus[type.gpus[0].sku]?.name ?? type.gpus[0].sku) each")
            }
            let id = "group\(g)"
            graph.vertices.append(Vertex(id: id, label: label, role: .nodeGroup))
            if rackBoxes[key.rack] == nil { rackOrder.append(key.rack) }
            rackBoxes[key.rack, default: []].append(id)
            var perNetwork: [String: (count: Int, gbps: Double)] = [:]
            var networkOrder: [String] = []
            for nic in type.nics {
                guard let network = nic.network else { continue }
                if perNetwork[network] == nil { networkOrder.append(network) }
                let current = perNetwork[network] ?? (0, 0)
                perNetwork[network] = (current.count + 1, max(current.gbps, nic.gbps))
            }
            for network in networkOrder {
                guard let entry = perNetwork[network] else { continue }
                if !networkIDs.contains(network) { networkIDs.append(network) }
                graph.edges.append(
                    Edge(
                        from: id, to: "net-\(network)", label: "\(entry.count) × \(gbps(entry.gbps)) per node",
                        wire: .network))
            }
        }
        for network in spec.networks where networkIDs.contains(network.name) {
            var label = [network.name, "\(network.fabric.displayName), \(network.role.rawValue)"]
            label.append(
                network.topology.rawValue + (network.rails > 1 ? ", \(network.rails) rails" : "")
                    + (network.gbps.map { ", " + gbps($0) } ?? ""))
            // The network vertex is its first (leaf) tier; higher tiers chain above it.
            for (t, tier) in network.tiers.enumerated() {
                let id = t == 0 ? "net-\(network.name)" : "net-\(network.name)-tier\(t)"
                let tierLabel = tierText(tier, index: t, count: network.tiers.count)
                graph.vertices.append(
                    Vertex(
                        id: id, label: t == 0 ? label + [tierLabel] : ["\(network.name) " + tierLabel], role: .network))
                if t > 0 {
                    let below = network.tiers[t - 1]
                    var ratio = below.oversubscription.map {
                        $0 == 1 ? "non-blocking" : Format.oneDecimal($0) + ":1 oversubscribed"
                    }
                    if let uplinks = network.upPorts(ofTier: t - 1), let ports = network.downPorts(ofTier: t),
                        uplinks > ports
                    {
                        ratio = "\(uplinks) uplinks onto \(ports) ports"
                    }
                    graph.edges.append(
                        Edge(
                            from: t == 1 ? "net-\(network.name)" : "net-\(network.name)-tier\(t - 1)", to: id,
                            label: ratio, wire: .network))
                }
            }
            if network.tiers.isEmpty {
                graph.vertices.append(Vertex(id: "net-\(network.name)", label: label, role: .network))
            }
        }
        for network in networkIDs where spec.network(named: network) == nil {
            graph.vertices.append(Vertex(id: "net-\(network)", label: [network], role: .network))
        }
        // Racks in natural order of their names (r2 before r10; nodes without a rack last).
        rackOrder.sort { a, b in
            switch (a, b) {
            case let (x?, y?):
                return NaturalOrder.precedes(spec.racks[x].name, spec.racks[y].name)
                    || (spec.racks[x].name == spec.racks[y].name && x < y)
            case (.some, nil): return true
            default: return false
            }
        }
        // Racks hold their node groups; groups of one multi-node NVLink domain get a box of their
        // own inside the rack.
        graph.boxes = rackOrder.enumerated().map { i, rack in
            let ids = rackBoxes[rack] ?? []
            var loose: [String] = []
            var domainBoxes: [Int: [String]] = [:]
            var domainOrder: [Int] = []
            for id in ids {
                guard let g = Int(id.dropFirst("group".count)), let d = order[g].domain else {
                    loose.append(id)
                    continue
                }
                if domainBoxes[d] == nil { domainOrder.append(d) }
                domainBoxes[d, default: []].append(id)
            }
            let inner = domainOrder.map { d in
                let domain = spec.nvlinkDomains[d]
                let switches =
                    "\(domain.switchCount) × " + (spec.catalog.nvswitches[domain.switchSKU]?.name ?? domain.switchSKU)
                return Box(
                    id: "rack\(i)-domain\(d)", label: "NVLink domain \(domain.name) (\(switches))",
                    vertices: domainBoxes[d] ?? [], boxes: [])
            }
            return Box(
                id: "rack\(i)", label: rack.map { "rack \(spec.racks[$0].name)" } ?? "no rack", vertices: loose,
                boxes: inner)
        }
        return graph
    }
}
