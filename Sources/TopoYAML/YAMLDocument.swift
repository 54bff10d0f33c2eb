/// A parsed YAML document: all nodes of one file in flat arrays (a node is an index), built once
/// by `YAMLParser` and read-only afterwards.
public final class YAMLDocument: Sendable {
    struct RawNode: Sendable {
        var kind: YAMLNode.Kind
        var style: YAMLNode.ScalarStyle
        var line: UInt32
        var column: UInt32
        var length: UInt32
        /// Scalars: byte offset of the text in `text`. Containers: first slot in `children`.
        var first: UInt32
        /// Scalars: byte length of the text. Containers: number of slots in `children` (two per
        /// mapping pair).
        var count: UInt32
    }

    /// The path used in source locations.
    public let file: String
    let nodes: [RawNode]
    /// The UTF-8 text of every scalar, back to back; a scalar is a byte range of it.
    let text: [UInt8]
    let children: [Int32]
    let tags: [Int32: String]
    let rootIndex: Int32

    init(file: String, nodes: [RawNode], text: [UInt8], children: [Int32], tags: [Int32: String], root: Int32) {
        self.file = file
        self.nodes = nodes
        self.text = text
        self.children = children
        self.tags = tags
        self.rootIndex = root
    }

    /// The document's root node.
    public var root: YAMLNode { YAMLNode(document: self, index: rootIndex) }

    /// Number of distinct nodes stored (aliases share nodes, so this is not the expanded size).
    public var nodeCount: Int { nodes.count }

    /// The text of the scalar stored at `raw`.
    func string(_ raw: RawNode) -> String {
        text.withUnsafeBufferPointer { buffer in
            String(
                decoding: UnsafeBufferPointer(rebasing: buffer[Int(raw.first)..<Int(raw.first + raw.count)]),
                as: UTF8.self)
        }
    }

    /// True when the scalar stored at `raw` is exactly `candidate`, compared byte by byte.
    func equals(_ raw: RawNode, _ candidate: String) -> Bool {
        var candidate = candidate
        return candidate.withUTF8 { bytes in
            guard bytes.count == Int(raw.count) else { return false }
            return text.withUnsafeBufferPointer { buffer in
                let start = Int(raw.first)
                for i in 0..<bytes.count where buffer[start + i] != bytes[i] { return false }
                return true
            }
        }
    }
}
