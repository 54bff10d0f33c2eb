/// A node type of a spec: its position in `ClusterSpec.nodeTypes`.
///
/// A distinct type so that a node-type index cannot be passed where a node, GPU or job index is
/// meant (or the other way round). Arrays kept per node type are indexed with it directly.
public struct NodeTypeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in `ClusterSpec.nodeTypes` (and in every array kept per node type).
    public let index: Int

    /// The node type at `index` of `ClusterSpec.nodeTypes`.
    @inlinable public init(_ index: Int) { self.index = index }

    @inlinable public static func < (a: NodeTypeID, b: NodeTypeID) -> Bool { a.index < b.index }

    public var description: String { String(index) }
}

extension Array {
    /// The element kept for node type `id` in an array with one element per node type.
    @inlinable public subscript(id: NodeTypeID) -> Element {
        get { self[id.index] }
        set { self[id.index] = newValue }
    }

    /// The node-type IDs of an array with one element per node type.
    @inlinable public var typeIDs: [NodeTypeID] { indices.map(NodeTypeID.init) }

    /// Whether `id` is a valid position of this array.
    @inlinable public func contains(typeID id: NodeTypeID) -> Bool { indices.contains(id.index) }
}
