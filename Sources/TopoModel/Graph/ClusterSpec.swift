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
    public var nodeTypeIndex: [String: NodeTypeID]
    /// What the spec says about NCCL (`nccl:`).
    public var nccl = NCCLSettings()

    /// A spec with the given parts; the name-to-index tables are built here.
    ///
    /// - Parameters:
    ///   - file: The path the spec was read from (the file of every location in it).
    ///   - version: The DSL version (`topospec:`).
    ///   - name: The cluster's name (`cluster:`).
    ///   - description: `description:`, if given.
    ///   - catalog: The built-in catalog plus the spec's `hardware:`.
    ///   - nodeTypes: The node types; nodes refer to them by index.
    ///   - nodes: The nodes, expanded from their hostlists.
    ///   - racks: The racks; nodes refer to them by index.
    ///   - nvlinkDomains: The multi-node NVLink domains.
    ///   - networks: The scale-out networks.
    ///   - jobs: The jobs.
    ///   - nodeIndex: Each node's index by name, when the caller already has it (the decoder
    ///     builds it while checking for duplicates); nil builds it from `nodes`, the last of
    ///     equal names winning.
    /// - Complexity: O(*n* + *t*) in the nodes and node types.
    public init(
        file: String, version: Int, name: String, description: String?, catalog: Catalog,
        nodeTypes: [NodeType], nodes: [Node], racks: [Rack], nvlinkDomains: [NVLinkDomain],
        networks: [Network], jobs: [Job], nodeIndex: [String: Int]? = nil
    ) {
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
        var typeIDs: [String: NodeTypeID] = [:]
        for (i, type) in nodeTypes.enumerated() { typeIDs[type.name] = NodeTypeID(i) }
        self.nodeTypeIndex = typeIDs
    }

    /// The network named `name`, if declared.
    ///
    /// - Parameter name: The network's name under `networks:`.
    /// - Returns: The first network of that name, or nil.
    /// - Complexity: O(*k*) in the networks.
    public func network(named name: String) -> Network? { networks.first { $0.name == name } }

    /// GPUs of `node` that can take work: none when the node is down or drained, otherwise all
    /// but the failed ones.
    ///
    /// - Parameter node: A node of this spec (its `typeID` must be one of `nodeTypes`).
    /// - Returns: GPU indices in ascending order.
    /// - Complexity: O(*g* × *f*) for *g* GPUs in the node's type and *f* failed GPUs.
    public func healthyGPUs(of node: Node) -> [Int] {
        guard node.state == .up else { return [] }
        let count = nodeTypes[node.typeID].gpus.count
        if node.failedGPUs.isEmpty { return Array(0..<count) }
        return (0..<count).filter { !node.failedGPUs.contains($0) }
    }

    /// Each node type with its ID, in declaration order.
    public var nodeTypesWithIDs: Zip2Sequence<[NodeTypeID], [NodeType]> { zip(nodeTypes.typeIDs, nodeTypes) }

    /// Total GPUs declared (failed ones included).
    public var totalGPUs: Int {
        nodes.reduce(0) { $0 + nodeTypes[$1.typeID].gpus.count }
    }
}
