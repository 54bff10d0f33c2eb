import TopoDiagnostics

/// One node of a parsed YAML document: a scalar, a sequence or a mapping, with its source
/// location. Nodes are cheap views into a `YAMLDocument`; aliases and merge keys are already
/// resolved, so an aliased node simply appears in several places.
public struct YAMLNode: Sendable {
    /// What a node is.
    public enum Kind: UInt8, Sendable {
        case scalar, sequence, mapping
    }

    /// How a scalar was written. Only `plain` scalars are subject to YAML's implicit typing
    /// (`true`, `12`, `null`); quoted and block scalars are always strings.
    public enum ScalarStyle: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded, none
    }

    public let document: YAMLDocument
    let index: Int32

    init(document: YAMLDocument, index: Int32) {
        self.document = document
        self.index = index
    }

    private var raw: YAMLDocument.RawNode { document.nodes[Int(index)] }

    public var kind: Kind { raw.kind }

    /// The scalar's text (nil for sequences and mappings).
    public var scalar: String? {
        let r = raw
        return r.kind == .scalar ? document.string(r) : nil
    }

    /// True when the node is a scalar whose text is exactly `text` (no String is created).
    ///
    /// - Parameter text: The text to compare with, byte for byte (no case folding, no implicit
    ///   typing: `hasScalar("true")` is true for `true` and `"true"` alike).
    /// - Returns: False for sequences and mappings.
    /// - Complexity: O(*m*) in the length of `text`.
    public func hasScalar(_ text: String) -> Bool {
        let r = raw
        return r.kind == .scalar && document.equals(r, text)
    }

    public var style: ScalarStyle { raw.kind == .scalar ? raw.style : .none }

    /// An explicit tag (`!!str`, `!custom`), if the node had one.
    public var tag: String? { document.tags[index] }

    /// True for a plain scalar that YAML reads as null: empty, `~`, `null`, `Null`, `NULL`.
    public var isNull: Bool {
        let r = raw
        guard r.kind == .scalar, r.style == .plain, r.count <= 4 else { return false }
        guard
            r.count == 0 || document.equals(r, "~") || document.equals(r, "null") || document.equals(r, "Null")
                || document.equals(r, "NULL")
        else { return false }
        return tag == nil
    }

    public var location: SourceLocation {
        let r = raw
        return SourceLocation(file: document.file, line: Int(r.line), column: Int(r.column), length: Int(r.length))
    }

    /// The items of a sequence (empty for other kinds).
    public var items: Children { Children(node: self, stride: 1) }

    /// The key/value pairs of a mapping, in source order, merge-key entries after explicit ones
    /// (empty for other kinds).
    public var pairs: Pairs { Pairs(base: Children(node: self, stride: 2)) }

    /// A short name for the node's kind, for messages: "a mapping", "a list", "a string".
    public var kindDescription: String {
        switch kind {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar: isNull ? "an empty value" : "\"\(scalar ?? "")\""
        }
    }

    /// A random-access view of a container's child nodes.
    public struct Children: RandomAccessCollection, Sendable {
        let document: YAMLDocument
        let start: Int
        public let count: Int

        init(node: YAMLNode, stride: Int) {
            let r = node.raw
            document = node.document
            if r.kind == .scalar || (stride == 2) != (r.kind == .mapping) {
                start = 0
                count = 0
            } else {
                start = Int(r.first)
                count = Int(r.count) / stride
            }
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }
        /// The child at `position`.
        ///
        /// - Parameter position: An index in `0..<count`; it is not checked against `count`.
        /// - Complexity: O(1).
        public subscript(position: Int) -> YAMLNode {
            YAMLNode(document: document, index: document.children[start + position])
        }
    }

    /// A random-access view of a mapping's key/value pairs.
    public struct Pairs: RandomAccessCollection, Sendable {
        let base: Children
        public var startIndex: Int { 0 }
        public var endIndex: Int { base.count }
        /// The key and value of the pair at `position`, in source order (merged pairs last).
        ///
        /// - Parameter position: An index in `0..<count`; it is not checked against `count`.
        /// - Complexity: O(1).
        public subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) {
            let d = base.document
            let slot = base.start + 2 * position
            return (YAMLNode(document: d, index: d.children[slot]), YAMLNode(document: d, index: d.children[slot + 1]))
        }
    }
}
