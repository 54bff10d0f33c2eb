import TopoDiagnostics

/// One machine of the cluster, expanded from a `nodes:` hostlist entry.
public struct Node: Sendable {
    /// Whether a node can take work.
    public enum State: String, Sendable, CaseIterable {
        case up, down, drain
    }

    public var name: String
    /// The node's type in `ClusterSpec.nodeTypes`.
    public var typeID: NodeTypeID
    /// Index into `ClusterSpec.racks`, if the node has a rack.
    public var rackIndex: Int?
    /// Index into `ClusterSpec.nvlinkDomains`, if the node is in a multi-node NVLink domain.
    public var domainIndex: Int?
    public var state: State
    public var failedGPUs: [Int]
    public var failedNICs: [String]
    /// The node's management address (`address:`), an IPv4 or IPv6 literal: what IMEX's
    /// `nodes_config.cfg` lists.
    public var address: String?
    /// The `nodes:` entry (or its exception) that declared the node.
    public var location: SourceLocation

    public init(
        name: String, typeID: NodeTypeID, rackIndex: Int?, domainIndex: Int?, state: State, failedGPUs: [Int],
        failedNICs: [String], address: String? = nil, location: SourceLocation
    ) {
        self.name = name
        self.typeID = typeID
        self.rackIndex = rackIndex
        self.domainIndex = domainIndex
        self.state = state
        self.failedGPUs = failedGPUs
        self.failedNICs = failedNICs
        self.address = address
        self.location = location
    }
}

/// A rack: a name and the place it was first named.
public struct Rack: Sendable {
    public var name: String
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}
