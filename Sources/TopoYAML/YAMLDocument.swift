/// A parsed YAML document: all nodes of one file in flat arrays (a node is an index), built once
/// by `YAMLParser` and read-only afterwards.
public final class YAMLDocument: Sendable {
    struct RawNode: Sendable {
        var kind: YAMLNode.Kind
        var style: YAMLNode.ScalarStyle
        var line: UInt32
        var column: UInt32
        var length: UInt32
        /// Scalars: index into `scalars`. Containers: first slot in `children`.
        var first: UInt32
        /// Containers: number of slots in `children` (two per mapping pair).
        var count: UInt32
    }

    /// The path used in source locations.
    public let file: String
    let nodes: [RawNode]
    let scalars: [String]
    let children: [Int32]
    let tags: [Int32: String]
    let rootIndex: Int32

    init(file: String, nodes: [RawNode], scalars: [String], children: [Int32], tags: [Int32: String], root: Int32) {
        self.file = file
        self.nodes = nodes
        self.scalars = scalars
        self.children = children
        self.tags = tags
        self.rootIndex = root
    }

    /// The document's root node.
    public var root: YAMLNode { YAMLNode(document: self, index: rootIndex) }

    /// Number of distinct nodes stored (aliases share nodes, so this is not the expanded size).
    public var nodeCount: Int { nodes.count }
}
