import CYAML
import TopoDiagnostics

/// Parses one YAML file through libyaml's event API into a `YAMLDocument`.
///
/// Resolves anchors, aliases and `<<` merge keys; refuses alias bombs (more than
/// `Limits.aliasExpansion` extra nodes), nesting deeper than `Limits.depth`, duplicate keys,
/// multi-document streams, invalid UTF-8 and control characters, each with a located diagnostic.
public struct YAMLParser: Sendable {
    /// Hard limits that keep hostile input bounded in time and memory.
    public struct Limits: Sendable {
        /// Most nodes that aliases and merge keys may add in total, beyond the nodes written.
        public var aliasExpansion: Int = 1_000_000
        /// Deepest nesting of sequences and mappings.
        public var depth: Int = 128
        /// Largest input accepted, in bytes.
        public var bytes: Int = 64 << 20

        public init() {}
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// The outcome of parsing: a document, or the diagnostics that prevented one. An empty stream
    /// (no document) yields neither a document nor an error; callers decide what that means.
    public struct Result: Sendable {
        public var document: YAMLDocument?
        public var diagnostics: [Diagnostic]
        /// True when the input holds no document at all (empty, or only comments).
        public var isEmpty: Bool
    }

    public func parse(_ bytes: [UInt8], file: String) -> Result {
        bytes.withUnsafeBufferPointer { parse($0, file: file) }
    }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> Result {
        var sink = DiagnosticSink()
        if bytes.count > limits.bytes {
            sink.error(.fileTooLarge,
                       "the file is \(bytes.count) bytes; topospec reads specs up to \(limits.bytes) bytes",
                       at: SourceLocation(file: file, line: 1, column: 1))
            return Result(document: nil, diagnostics: sink.diagnostics, isEmpty: false)
        }
        if let problem = TextCheck.firstProblem(in: bytes) {
            sink.error(.encoding, problem.message,
                       at: SourceLocation(file: file, line: problem.line, column: problem.column, length: 1),
                       help: problem.help)
            return Result(document: nil, diagnostics: sink.diagnostics, isEmpty: false)
        }
        var builder = TreeBuilder(file: file, limits: limits, input: bytes)
        builder.run()
        return Result(document: builder.document, diagnostics: builder.sink.diagnostics, isEmpty: builder.sawNoDocument)
    }
}

/// Turns libyaml events into the flat node arrays of a `YAMLDocument`.
private struct TreeBuilder {
    let file: String
    let limits: YAMLParser.Limits
    let input: UnsafeBufferPointer<UInt8>
    var sink = DiagnosticSink()
    var document: YAMLDocument?
    var sawNoDocument = false

    var nodes: [YAMLDocument.RawNode] = []
    var sizes: [Int] = []  // expanded size of each node (aliases counted in full)
    var scalars: [String] = []
    var children: [Int32] = []
    var tags: [Int32: String] = [:]
    var anchors: [String: Int32] = [:]
    var openAnchors: Set<String> = []
    var aliasBudget: Int
    var root: Int32 = -1

    struct Frame {
        var node: Int32
        var pendingStart: Int
        var anchor: String?
    }
    var frames: [Frame] = []
    var pending: [Int32] = []

    init(file: String, limits: YAMLParser.Limits, input: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.limits = limits
        self.input = input
        self.aliasBudget = limits.aliasExpansion
        nodes.reserveCapacity(input.count / 8)
        sizes.reserveCapacity(input.count / 8)
        scalars.reserveCapacity(input.count / 12)
        children.reserveCapacity(input.count / 8)
    }

    func location(_ mark: yaml_mark_t, length: Int = 0) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1, length: length)
    }

    mutating func run() {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            sink.error(.yamlSyntax, "libyaml could not allocate a parser", at: nil)
            return
        }
        defer { yaml_parser_delete(&parser) }
        guard let base = input.baseAddress ?? UnsafePointer(bitPattern: 1) else { return }
        yaml_parser_set_input_string(&parser, base, input.count)

        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                reportParserError(parser)
                return
            }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                if documents == 0 { sawNoDocument = true }
                if documents == 1, root >= 0, !sink.hasErrors {
                    document = YAMLDocument(file: file, nodes: nodes, scalars: scalars, children: children, tags: tags, root: root)
                }
                return
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    sink.error(.multipleDocuments, "a second YAML document starts here; a spec is one document",
                               at: location(event.start_mark, length: 3),
                               help: "put each cluster in its own file, or remove the `---` line")
                    return
                }
            case YAML_SCALAR_EVENT:
                guard scalarEvent(&event) else { return }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard startCollection(&event, mapping: event.type == YAML_MAPPING_START_EVENT) else { return }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                endCollection()
            case YAML_ALIAS_EVENT:
                guard aliasEvent(&event) else { return }
            default:
                break
            }
        }
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    mutating func append(_ index: Int32) {
        if frames.isEmpty {
            root = index
        } else {
            pending.append(index)
        }
    }

    mutating func scalarEvent(_ event: inout yaml_event_t) -> Bool {
        let data = event.data.scalar
        let text: String
        if let value = data.value, data.length > 0 {
            text = String(decoding: UnsafeBufferPointer(start: value, count: Int(data.length)), as: UTF8.self)
        } else {
            text = ""
        }
        let style: YAMLNode.ScalarStyle
        switch data.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        let start = event.start_mark
        let end = event.end_mark
        let length = end.line == start.line ? Int(end.column) - Int(start.column) : 0
        let index = Int32(nodes.count)
        nodes.append(.init(kind: .scalar, style: style, line: UInt32(start.line + 1), column: UInt32(start.column + 1),
                           length: UInt32(max(0, length)), first: UInt32(scalars.count), count: 0))
        sizes.append(1)
        scalars.append(text)
        if let tag = Self.string(data.tag), data.plain_implicit == 0, data.quoted_implicit == 0 || style == .plain {
            tags[index] = tag
        }
        if let anchor = Self.string(data.anchor) { anchors[anchor] = index }
        append(index)
        return true
    }

    mutating func startCollection(_ event: inout yaml_event_t, mapping: Bool) -> Bool {
        let start = event.start_mark
        if frames.count >= limits.depth {
            sink.error(.nestingLimit, "collections nested more than \(limits.depth) levels deep",
                       at: location(start, length: 1))
            return false
        }
        let index = Int32(nodes.count)
        nodes.append(.init(kind: mapping ? .mapping : .sequence, style: .none, line: UInt32(start.line + 1),
                           column: UInt32(start.column + 1), length: 0, first: 0, count: 0))
        sizes.append(1)
        let anchor = mapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
        let tag = mapping ? Self.string(event.data.mapping_start.tag) : Self.string(event.data.sequence_start.tag)
        let implicit = mapping ? event.data.mapping_start.implicit : event.data.sequence_start.implicit
        if let tag, implicit == 0 { tags[index] = tag }
        if let anchor { openAnchors.insert(anchor) }
        frames.append(Frame(node: index, pendingStart: pending.count, anchor: anchor))
        return true
    }

    mutating func endCollection() {
        guard let frame = frames.popLast() else { return }
        var items = Array(pending[frame.pendingStart...])
        pending.removeSubrange(frame.pendingStart...)
        let node = Int(frame.node)
        if nodes[node].kind == .mapping {
            items = resolveMapping(items)
        }
        var size = 1
        for child in items { size = size &+ sizes[Int(child)] }
        sizes[node] = min(size, Int.max / 4)
        nodes[node].first = UInt32(children.count)
        nodes[node].count = UInt32(items.count)
        children.append(contentsOf: items)
        if let anchor = frame.anchor {
            openAnchors.remove(anchor)
            anchors[anchor] = frame.node
        }
        append(frame.node)
    }

    func keyText(_ index: Int32) -> String? {
        let raw = nodes[Int(index)]
        return raw.kind == .scalar ? scalars[Int(raw.first)] : nil
    }

    func nodeLocation(_ index: Int32) -> SourceLocation {
        let raw = nodes[Int(index)]
        return SourceLocation(file: file, line: Int(raw.line), column: Int(raw.column), length: Int(raw.length))
    }

    func isMergeKey(_ index: Int32) -> Bool {
        let raw = nodes[Int(index)]
        return raw.kind == .scalar && raw.style == .plain && tags[index] == nil && scalars[Int(raw.first)] == "<<"
    }

    /// Checks a mapping's keys for duplicates and applies `<<` merge keys: explicit keys win over
    /// merged ones, and earlier merge sources win over later ones (YAML merge-key semantics).
    mutating func resolveMapping(_ flat: [Int32]) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(flat.count)
        var merges: [Int32] = []
        var seen: [String: Int32] = [:]
        var pair = 0
        while pair + 1 < flat.count {
            let key = flat[pair]
            let value = flat[pair + 1]
            pair += 2
            if isMergeKey(key) {
                merges.append(value)
                continue
            }
            if let text = keyText(key) {
                if let first = seen[text] {
                    sink.error(.duplicateKey, "duplicate key `\(text)`", at: nodeLocation(key),
                               notes: [.init("first defined here", at: nodeLocation(first))],
                               help: "YAML keys must be unique; merge the two entries or rename one")
                    continue
                }
                seen[text] = key
            }
            result.append(key)
            result.append(value)
        }
        guard !merges.isEmpty else { return result }
        var sources: [Int32] = []
        for value in merges {
            let raw = nodes[Int(value)]
            if raw.kind == .mapping {
                sources.append(value)
            } else if raw.kind == .sequence {
                for k in 0..<Int(raw.count) {
                    let item = children[Int(raw.first) + k]
                    if nodes[Int(item)].kind == .mapping {
                        sources.append(item)
                    } else {
                        sink.error(.wrongType, "a `<<` merge list may only hold mappings", at: nodeLocation(item))
                    }
                }
            } else {
                sink.error(.wrongType, "the value of a `<<` merge key must be a mapping or a list of mappings",
                           at: nodeLocation(value))
            }
        }
        for source in sources {
            let raw = nodes[Int(source)]
            var k = 0
            while k + 1 < Int(raw.count) {
                let key = children[Int(raw.first) + k]
                let value = children[Int(raw.first) + k + 1]
                k += 2
                if let text = keyText(key) {
                    if seen[text] != nil { continue }
                    seen[text] = key
                }
                // Copies of pairs count against the alias budget like aliases do.
                aliasBudget -= sizes[Int(key)] &+ sizes[Int(value)]
                if aliasBudget < 0 {
                    sink.error(.aliasLimit, "merge keys expand to more than \(limits.aliasExpansion) extra nodes",
                               at: nodeLocation(source))
                    return result
                }
                result.append(key)
                result.append(value)
            }
        }
        return result
    }

    mutating func aliasEvent(_ event: inout yaml_event_t) -> Bool {
        let name = Self.string(event.data.alias.anchor) ?? ""
        let at = location(event.start_mark, length: name.count + 1)
        guard let target = anchors[name] else {
            if openAnchors.contains(name) {
                sink.error(.unknownAnchor, "alias `*\(name)` refers to a collection that contains it (a recursive structure)", at: at)
            } else {
                sink.error(.unknownAnchor, "alias `*\(name)` refers to an anchor `&\(name)` that is not defined before it", at: at)
            }
            return false
        }
        aliasBudget -= sizes[Int(target)]
        if aliasBudget < 0 {
            sink.error(.aliasLimit,
                       "aliases expand to more than \(limits.aliasExpansion) extra nodes (an alias bomb?); refused at `*\(name)`",
                       at: at, help: "aliases are copies; a spec this repetitive should use hostlist ranges instead")
            return false
        }
        append(target)
        return true
    }

    mutating func reportParserError(_ parser: yaml_parser_t) {
        let problem = Self.cString(parser.problem) ?? "unknown libyaml error"
        var notes: [Diagnostic.Note] = []
        var help: String?
        let mark = parser.problem_mark
        let at: SourceLocation
        if parser.error == YAML_READER_ERROR || parser.error == YAML_MEMORY_ERROR {
            at = SourceLocation(file: file, line: 1, column: 1)
        } else {
            at = location(mark, length: 1)
        }
        if let context = Self.cString(parser.context) {
            notes.append(.init(context, at: location(parser.context_mark, length: 1)))
        }
        let offset = Int(mark.index)
        if offset >= 0, offset < input.count, input[offset] == 0x09 {
            help = "YAML does not allow tabs for indentation; indent with spaces"
        } else if problem.contains("mapping values are not allowed") {
            help = "a `:` followed by a space inside a plain value starts a mapping; quote the value"
        }
        sink.error(.yamlSyntax, "YAML syntax error: \(problem)", at: at, notes: notes, help: help)
    }

    static func cString(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
