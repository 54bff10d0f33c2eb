import TopoDiagnostics
import TopoModel

/// Drawings of any size stay small (issue 12: a cluster of 2,000 racks handed Graphviz over
/// 100,000 statements and ran for minutes). Past `maximumNodeGroups` node groups the cluster is
/// drawn collapsed: all racks in one box with their count, one vertex per node type with its
/// node and rack counts, at most `maximumVertices` node types (the rest one vertex) and networks
/// (the rest one vertex). Past `maximumVertices` devices or edges a node type is drawn with its
/// GPUs and NICs as one vertex each per socket. The drawing's size is then bounded by constants,
/// whatever the spec.
extension TopologyGraph {
    /// Node groups (runs of nodes of one type and NVLink domain in a rack) drawn one by one.
    public static let maximumNodeGroups = 200
    /// Vertices of one kind (node types, networks, sockets) drawn in a collapsed drawing.
    public static let maximumVertices = 48

    /// The cluster collapsed: one box for all racks, one vertex per node type.
    static func collapsedCluster(spec: ClusterSpec, groups: Int) -> TopologyGraph {
        var graph = TopologyGraph(title: "cluster \(spec.name) (collapsed: \(groups) node groups)")
        var nodes = [Int](repeating: 0, count: spec.nodeTypes.count)
        var racks = [Set<Int>](repeating: [], count: spec.nodeTypes.count)
        var unracked = [Int](repeating: 0, count: spec.nodeTypes.count)
        for node in spec.nodes {
            nodes[node.typeID] += 1
            if let r = node.rackIndex { racks[node.typeID].insert(r) } else { unracked[node.typeID] += 1 }
        }
        // The largest node types get a vertex each (ties by name); the rest share one.
        let used = spec.nodeTypes.typeIDs.filter { nodes[$0] > 0 }
            .sorted { (nodes[$0], spec.nodeTypes[$1].name) > (nodes[$1], spec.nodeTypes[$0].name) }
        let shown = Array(used.prefix(maximumVertices - 1 + (used.count == maximumVertices ? 1 : 0)))
        let folded = Array(used.dropFirst(shown.count))
        // Networks by name, at most `maximumVertices`; the rest one vertex.
        var networkOrder: [String] = []
        var networkSeen = Set<String>()
        for t in used {
            for nic in spec.nodeTypes[t].nics {
                if let n = nic.network, networkSeen.insert(n).inserted { networkOrder.append(n) }
            }
        }
        let shownNetworks = Set(networkOrder.prefix(maximumVertices - 1))
        func networkVertex(_ name: String) -> String { shownNetworks.contains(name) ? "net-\(name)" : "net-more" }
        var edges = Set<String>()
        func wire(_ from: String, _ types: [NodeTypeID], label: String?) {
            for t in types {
                for nic in spec.nodeTypes[t].nics {
                    guard let n = nic.network else { continue }
                    let to = networkVertex(n)
                    guard edges.insert(from + "\u{0}" + to).inserted else { continue }
                    graph.edges.append(Edge(from: from, to: to, label: label, wire: .network))
                }
            }
        }
        var ids: [String] = []
        for t in shown {
            let type = spec.nodeTypes[t]
            var label = [
                "\(nodes[t]) × \(type.name)",
                "in \(racks[t].count) rack\(racks[t].count == 1 ? "" : "s")"
                    + (unracked[t] > 0 ? ", \(unracked[t]) without a rack" : ""),
            ]
            if let first = type.gpus.first {
                label.append("\(type.gpus.count) × \(spec.catalog.gpus[first.sku]?.name ?? first.sku) each")
            }
            let id = "type\(t)"
            graph.vertices.append(Vertex(id: id, label: label, role: .nodeGroup))
            ids.append(id)
            let perNIC = type.nics.first { $0.network != nil }.map {
                "\(type.nics.filter { $0.network != nil }.count) × \(gbps($0.gbps)) per node"
            }
            wire(id, [t], label: perNIC)
        }
        if !folded.isEmpty {
            let count = folded.reduce(0) { $0 + nodes[$1] }
            graph.vertices.append(
                Vertex(
                    id: "types-more", label: ["\(folded.count) more node types", "\(count) nodes"], role: .nodeGroup))
            ids.append("types-more")
            wire("types-more", folded, label: nil)
        }
        for name in networkOrder where shownNetworks.contains(name) {
            var label = [name]
            if let network = spec.network(named: name) {
                label.append("\(network.fabric.displayName), \(network.role.rawValue)")
                label.append(
                    network.topology.rawValue + (network.rails > 1 ? ", \(network.rails) rails" : "")
                        + (network.gbps.map { ", " + gbps($0) } ?? ""))
                if network.tiers.count > 0 {
                    label.append("\(network.tiers.count) tier\(network.tiers.count == 1 ? "" : "s")")
                }
            }
            graph.vertices.append(Vertex(id: "net-\(name)", label: label, role: .network))
        }
        if networkOrder.count > shownNetworks.count {
            graph.vertices.append(
                Vertex(
                    id: "net-more", label: ["\(networkOrder.count - shownNetworks.count) more networks"], role: .network
                ))
        }
        graph.boxes = [
            Box(
                id: "racks", label: "\(spec.racks.count) racks, \(spec.nodes.count) nodes (drawn by node type)",
                vertices: ids, boxes: [])
        ]
        return graph
    }

    /// A node type with its GPUs and NICs folded into one vertex each per socket (GPU or NIC
    /// counts past what a drawing can show), wired to the socket's CPU, the NVLink fabric and
    /// the networks.
    static func collapsedNodeType(spec: ClusterSpec, typeID: NodeTypeID, statements: Int) -> TopologyGraph {
        let type = spec.nodeTypes[typeID]
        var graph = TopologyGraph(title: "node type \(type.name) (collapsed: \(statements) vertices and edges)")
        let sockets = min(max(1, type.sockets), maximumVertices)
        var gpus = [Int](repeating: 0, count: sockets)
        var nics = [Int](repeating: 0, count: sockets)
        var switches = [Int](repeating: 0, count: sockets)
        var gpuSocket: [Int: Int] = [:]
        var nicSocket: [String: Int] = [:]
        for entry in type.pcie.entries {
            let s = min(max(0, entry.socket), sockets - 1)
            if entry.kind == .pcieSwitch { switches[s] += 1 }
            for g in entry.gpus { gpuSocket[g] = s }
            for n in entry.nics { nicSocket[n] = s }
        }
        for slot in type.gpus { gpus[gpuSocket[slot.index] ?? 0] += 1 }
        for nic in type.nics { nics[nicSocket[nic.name] ?? 0] += 1 }
        let sku = type.gpus.first.map { spec.catalog.gpus[$0.sku]?.name ?? $0.sku } ?? "GPU"
        var boxes: [Box] = []
        for s in 0..<sockets {
            var ids = ["cpu\(s)"]
            graph.vertices.append(
                Vertex(
                    id: "cpu\(s)", label: ["CPU \(s)"] + (switches[s] > 0 ? ["\(switches[s]) PCIe switches"] : []),
                    role: .cpu))
            if s > 0 { graph.edges.append(Edge(from: "cpu\(s - 1)", to: "cpu\(s)", label: nil, wire: .socketLink)) }
            if gpus[s] > 0 {
                graph.vertices.append(Vertex(id: "gpus\(s)", label: ["\(gpus[s]) × \(sku)"], role: .gpu))
                graph.edges.append(Edge(from: "cpu\(s)", to: "gpus\(s)", label: nil, wire: .pcie))
                ids.append("gpus\(s)")
                if type.scaleUp != nil {
                    graph.edges.append(Edge(from: "gpus\(s)", to: "scaleup", label: nil, wire: .nvlink))
                }
            }
            if nics[s] > 0 {
                graph.vertices.append(Vertex(id: "nics\(s)", label: ["\(nics[s]) NICs"], role: .nic))
                graph.edges.append(Edge(from: "cpu\(s)", to: "nics\(s)", label: nil, wire: .pcie))
                ids.append("nics\(s)")
            }
            boxes.append(
                Box(
                    id: "socket\(s)", label: "\(type.cpuDomainNoun) \(s)", vertices: ids,
                    boxes: []))
        }
        if let wiring = type.scaleUp {
            graph.vertices.append(Vertex(id: "scaleup", label: [wiring.kind.displayName], role: .nvswitch))
        }
        var networks: [String] = []
        var seen = Set<String>()
        for nic in type.nics { if let n = nic.network, seen.insert(n).inserted { networks.append(n) } }
        for name in networks.prefix(maximumVertices) {
            graph.vertices.append(Vertex(id: "net-\(name)", label: [name], role: .network))
            for s in 0..<sockets where nics[s] > 0 {
                graph.edges.append(Edge(from: "nics\(s)", to: "net-\(name)", label: nil, wire: .network))
            }
        }
        graph.boxes = boxes
        return graph
    }
}
