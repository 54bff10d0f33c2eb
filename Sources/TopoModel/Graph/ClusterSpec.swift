import TopoDiagnostics

/// A decoded spec: the typed cluster graph every later stage (rules, solver, emitters) reads.
/// Everything in it carries the source location it came from.
public struct ClusterSpec: Sendable {
    public var file: String
    public var version: Int
    public var name: String
    public var description: String?
    /// Built-in catalog plus the spec's `hardware:`.
    public var catalog: Catalog
    public var nodeTypes: [NodeType]
    public var nodes: [Node]
    public var racks: [Rack]
    public var nvlinkDomains: [NVLinkDomain]
    public var networks: [Network]
    public var jobs: [Job]
    public var nodeIndex: [String: Int]
    public var nodeTypeIndex: [String: Int]
    /// What the spec says about NCCL (`nccl:`).
    public var nccl = NCCLSettings()

    public init(file: String, version: Int, name: String, description: String?, catalog: Catalog,
                nodeTypes: [NodeType], nodes: [Node], racks: [Rack], nvlinkDomains: [NVLinkDomain],
                networks: [Network], jobs: [Job], nodeIndex: [String: Int]? = nil) {
        self.file = file
        self.version = version
        self.name = name
        self.description = description
        self.catalog = catalog
        self.nodeTypes = nodeTypes
        self.nodes = nodes
        self.racks = racks
        self.nvlinkDomains = nvlinkDomains
        self.networks = networks
        self.jobs = jobs
        if let nodeIndex {
            self.nodeIndex = nodeIndex
        } else {
            var index: [String: Int] = [:]
            index.reserveCapacity(nodes.count)
            for (i, node) in nodes.enumerated() { index[node.name] = i }
            self.nodeIndex = index
        }
        var typeIndex: [String: Int] = [:]
        for (i, type) in nodeTypes.enumerated() { typeIndex[type.name] = i }
        self.nodeTypeIndex = typeIndex
    }

    /// The network named `name`, if declared.
    public func network(named name: String) -> Network? { networks.first { $0.name == name } }

    /// GPUs of `node` that can take work: none when the node is down or drained, otherwise all
    /// but the failed ones.
    public func healthyGPUs(of node: Node) -> [Int] {
        guard node.state == .up else { return [] }
        let count = nodeTypes[node.typeIndex].gpus.count
        if node.failedGPUs.isEmpty { return Array(0..<count) }
        return (0..<count).filter { !node.failedGPUs.contains($0) }
    }

    /// Total GPUs declared (failed ones included).
    public var totalGPUs: Int {
        nodes.reduce(0) { $0 + nodeTypes[$1.typeIndex].gpus.count }
    }
}
