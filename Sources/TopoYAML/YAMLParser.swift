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

    /// A parser that refuses input beyond `limits`.
    ///
    /// - Parameter limits: Input size, nesting depth and alias-expansion budget; the defaults
    ///   (64 MiB, 128 levels, 1,000,000 extra nodes) are what `topospec` uses.
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

    /// Parses the YAML text `bytes` of the file `file`.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents, UTF-8 (a leading byte-order mark is allowed).
    ///   - file: The path the document's and the diagnostics' locations name.
    /// - Returns: The document, or the located diagnostics that prevented one (TS001–TS006,
    ///   TS009, TS011, TS018); see `parse(_:file:)` on a buffer.
    /// - Complexity: O(*n* + *a*), where *n* is the input's length and *a* the nodes that merge
    ///   keys copy, at most `Limits.aliasExpansion`.
    public func parse(_ bytes: [UInt8], file: String) -> Result {
        bytes.withUnsafeBufferPointer { parse($0, file: file) }
    }

    /// Parses the YAML text in `bytes` of the file `file`, without copying it.
    ///
    /// Parsing stops at the first syntax error, encoding error, nesting or alias-limit breach;
    /// duplicate keys and malformed merge keys are all reported. Aliases share the anchored
    /// node instead of copying it, but each counts its expanded size against the budget, so an
    /// alias bomb is refused before it costs anything.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents, UTF-8 (a leading byte-order mark is allowed); only read
    ///     during the call.
    ///   - file: The path the document's and the diagnostics' locations name.
    /// - Returns: A `Result` with the document, or with the diagnostics that prevented one; an
    ///   empty or comment-only input has neither, and `isEmpty` set.
    /// - Complexity: O(*n* + *a*), where *n* is the input's length and *a* the nodes that merge
    ///   keys copy, at most `Limits.aliasExpansion`.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> Result {
        var sink = DiagnosticSink()
        if bytes.count > limits.bytes {
            sink.error(
                .fileTooLarge,
                "the file is \(bytes.count) bytes; topospec reads specs up to \(limits.bytes) bytes",
                at: SourceLocation(file: file, line: 1, column: 1))
            return Result(document: nil, diagnostics: sink.diagnostics, isEmpty: false)
        }
        if let problem = TextCheck.wideEncodingProblem(in: bytes) {
            sink.error(
                .encoding, problem.message,
                at: SourceLocation(file: file, line: problem.line, column: problem.column, length: 1),
                help: problem.help)
            return Result(document: nil, diagnostics: sink.diagnostics, isEmpty: false)
        }
        if let problem = TextCheck.lineSeparatorProblem(in: bytes) {
            sink.error(
                .encoding, problem.message,
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
    /// Expanded size (nodes, aliases counted in full) of every anchored node, for the alias budget.
    var anchoredSizes: [Int32: Int] = [:]
    var text: [UInt8] = []
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
        /// Expanded size of the collection so far (itself plus its children, aliases in full).
        var size: Int = 1
    }
    var frames: [Frame] = []
    var pending: [Int32] = []

    init(file: String, limits: YAMLParser.Limits, input: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.limits = limits
        self.input = input
        self.aliasBudget = limits.aliasExpansion
        nodes.reserveCapacity(input.count / 8)
        text.reserveCapacity(input.count / 2)
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
        var events = 0
        defer { WorkCounter.add(events, .yamlEvents) }
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                reportParserError(parser)
                return
            }
            events += 1
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                if documents == 0 { sawNoDocument = true }
                if documents == 1, root >= 0, !sink.hasErrors {
                    document = YAMLDocument(
                        file: file, nodes: nodes, text: text, children: children, tags: tags, root: root)
                }
                return
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    sink.error(
                        .multipleDocuments, "a second YAML document starts here; a spec is one document",
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

    /// Adds a finished node (of expanded size `size`) to the collection being built, or makes it
    /// the root.
    mutating func append(_ index: Int32, size: Int = 1) {
        if frames.isEmpty {
            root = index
        } else {
            pending.append(index)
            frames[frames.count - 1].size = min(frames[frames.count - 1].size &+ size, Int.max / 4)
        }
    }

    /// Expanded size of a finished node: 1 for scalars, the recorded size for anchored
    /// collections, and the written pairs for others (only anchored nodes can be aliased).
    func expandedSize(_ index: Int32) -> Int {
        if let size = anchoredSizes[index] { return size }
        let raw = nodes[Int(index)]
        return raw.kind == .scalar ? 1 : 1 + Int(raw.count)
    }

    mutating func scalarEvent(_ event: inout yaml_event_t) -> Bool {
        let data = event.data.scalar
        let offset = text.count
        if let value = data.value, data.length > 0 {
            text.append(contentsOf: UnsafeBufferPointer(start: value, count: Int(data.length)))
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
        nodes.append(
            .init(
                kind: .scalar, style: style, line: UInt32(start.line + 1), column: UInt32(start.column + 1),
                length: UInt32(max(0, length)), first: UInt32(offset), count: UInt32(text.count - offset)))
        if let tag = Self.string(data.tag), data.plain_implicit == 0, data.quoted_implicit == 0 || style == .plain {
            tags[index] = tag
        }
        if let anchor = Self.string(data.anchor) {
            anchors[anchor] = index
            anchoredSizes[index] = 1
        }
        append(index)
        return true
    }

    mutating func startCollection(_ event: inout yaml_event_t, mapping: Bool) -> Bool {
        let start = event.start_mark
        if frames.count >= limits.depth {
            sink.error(
                .nestingLimit, "collections nested more than \(limits.depth) levels deep",
                at: location(start, length: 1))
            return false
        }
        let index = Int32(nodes.count)
        nodes.append(
            .init(
                kind: mapping ? .mapping : .sequence, style: .none, line: UInt32(start.line + 1),
                column: UInt32(start.column + 1), length: 0, first: 0, count: 0))
        let anchor =
            mapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
        let tag = mapping ? Self.string(event.data.mapping_start.tag) : Self.string(event.data.sequence_start.tag)
        let implicit = mapping ? event.data.mapping_start.implicit : event.data.sequence_start.implicit
        if let tag, implicit == 0 { tags[index] = tag }
        if let anchor { openAnchors.insert(anchor) }
        frames.append(Frame(node: index, pendingStart: pending.count, anchor: anchor))
        return true
    }

    mutating func endCollection() {
        guard let frame = frames.popLast() else { return }
        let node = Int(frame.node)
        let first = children.count
        if nodes[node].kind == .mapping {
            appendMapping(from: frame.pendingStart)
        } else {
            children.append(contentsOf: pending[frame.pendingStart...])
        }
        pending.removeLast(pending.count - frame.pendingStart)
        nodes[node].first = UInt32(first)
        nodes[node].count = UInt32(children.count - first)
        if let anchor = frame.anchor {
            openAnchors.remove(anchor)
            anchors[anchor] = frame.node
            anchoredSizes[frame.node] = frame.size
        }
        append(frame.node, size: frame.size)
    }

    /// A scalar key's text (created only for messages and large mappings).
    func keyText(_ index: Int32) -> String? {
        let raw = nodes[Int(index)]
        guard raw.kind == .scalar else { return nil }
        return text.withUnsafeBufferPointer {
            String(
                decoding: UnsafeBufferPointer(rebasing: $0[Int(raw.first)..<Int(raw.first + raw.count)]), as: UTF8.self)
        }
    }

    /// True when both nodes are scalars with the same text.
    func sameKey(_ a: Int32, _ b: Int32) -> Bool {
        let x = nodes[Int(a)], y = nodes[Int(b)]
        guard x.kind == .scalar, y.kind == .scalar, x.count == y.count else { return false }
        return text.withUnsafeBufferPointer { buffer in
            var i = Int(x.first), j = Int(y.first)
            let end = i + Int(x.count)
            while i < end {
                if buffer[i] != buffer[j] { return false }
                i += 1
                j += 1
            }
            return true
        }
    }

    func nodeLocation(_ index: Int32) -> SourceLocation {
        let raw = nodes[Int(index)]
        return SourceLocation(file: file, line: Int(raw.line), column: Int(raw.column), length: Int(raw.length))
    }

    func isMergeKey(_ index: Int32) -> Bool {
        let raw = nodes[Int(index)]
        return raw.kind == .scalar && raw.style == .plain && raw.count == 2 && text[Int(raw.first)] == UInt8(ascii: "<")
            && text[Int(raw.first) + 1] == UInt8(ascii: "<") && (tags.isEmpty || tags[index] == nil)
    }

    /// Keys already written for a large mapping, by a 64-bit FNV-1a hash of their bytes (no
    /// Strings are created). A hash match is confirmed byte by byte; a collision falls back to a
    /// linear scan, so the result is always exact.
    struct KeyIndex {
        var hashes: [UInt64: Int32]?
        /// Hash of the key just looked up and not found, to be recorded when it is appended.
        var pending: UInt64?
    }

    func keyHash(_ index: Int32) -> UInt64 {
        let raw = nodes[Int(index)]
        return text.withUnsafeBufferPointer { buffer in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for i in Int(raw.first)..<Int(raw.first + raw.count) {
                hash = (hash ^ UInt64(buffer[i])) &* 0x0000_0100_0000_01b3
            }
            return hash
        }
    }

    /// The key already written for this mapping (pairs from `first` in `children`) that equals
    /// `key`, if any: a byte comparison for small mappings (nearly all of them), hashes beyond 16.
    mutating func existingKey(_ key: Int32, first: Int, index: inout KeyIndex) -> Int32? {
        guard nodes[Int(key)].kind == .scalar else { return nil }
        let pairs = (children.count - first) / 2
        if pairs <= 16 && index.hashes == nil {
            return linearFind(key, first: first)
        }
        if index.hashes == nil {
            var hashes: [UInt64: Int32] = Dictionary(minimumCapacity: max(pairs * 2, 64))
            var slot = first
            while slot < children.count {
                if nodes[Int(children[slot])].kind == .scalar {
                    let h = keyHash(children[slot])
                    if hashes[h] == nil { hashes[h] = children[slot] }
                }
                slot += 2
            }
            index.hashes = hashes
        }
        let h = keyHash(key)
        guard let candidate = index.hashes?[h] else {
            index.pending = h
            return nil
        }
        if sameKey(candidate, key) { return candidate }
        return linearFind(key, first: first)
    }

    func linearFind(_ key: Int32, first: Int) -> Int32? {
        var slot = first
        while slot < children.count {
            if sameKey(children[slot], key) { return children[slot] }
            slot += 2
        }
        return nil
    }

    mutating func appendKey(_ key: Int32, _ value: Int32, index: inout KeyIndex) {
        children.append(key)
        children.append(value)
        if let h = index.pending {
            index.hashes?[h] = key
            index.pending = nil
        }
    }

    /// Appends a mapping's pairs (from `pending[start...]`) to `children`, rejecting duplicate
    /// keys and applying `<<` merge keys: explicit keys win over merged ones, and earlier merge
    /// sources win over later ones (YAML merge-key semantics).
    mutating func appendMapping(from start: Int) {
        let first = children.count
        var index = KeyIndex()
        var merges: [Int32] = []
        var pair = start
        while pair + 1 < pending.count {
            let key = pending[pair]
            let value = pending[pair + 1]
            pair += 2
            if isMergeKey(key) {
                merges.append(value)
                continue
            }
            if let existing = existingKey(key, first: first, index: &index) {
                sink.error(
                    .duplicateKey, "duplicate key `\(keyText(key) ?? "")`", at: nodeLocation(key),
                    notes: [.init("first defined here", at: nodeLocation(existing))],
                    help: "YAML keys must be unique; merge the two entries or rename one")
                continue
            }
            appendKey(key, value, index: &index)
        }
        guard !merges.isEmpty else { return }
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
                sink.error(
                    .wrongType, "the value of a `<<` merge key must be a mapping or a list of mappings",
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
                if existingKey(key, first: first, index: &index) != nil { continue }
                // Copies of pairs count against the alias budget like aliases do.
                let copied = expandedSize(key) &+ expandedSize(value)
                aliasBudget -= copied
                // The mapping's own frame is already popped; a root mapping has no parent frame.
                if !frames.isEmpty {
                    frames[frames.count - 1].size = min(frames[frames.count - 1].size &+ copied, Int.max / 4)
                }
                if aliasBudget < 0 {
                    sink.error(
                        .aliasLimit, "merge keys expand to more than \(limits.aliasExpansion) extra nodes",
                        at: nodeLocation(source))
                    return
                }
                appendKey(key, value, index: &index)
            }
        }
    }

    mutating func aliasEvent(_ event: inout yaml_event_t) -> Bool {
        let name = Self.string(event.data.alias.anchor) ?? ""
        let at = location(event.start_mark, length: name.count + 1)
        guard let target = anchors[name] else {
            if openAnchors.contains(name) {
                sink.error(
                    .unknownAnchor, "alias `*\(name)` refers to a collection that contains it (a recursive structure)",
                    at: at)
            } else {
                sink.error(
                    .unknownAnchor, "alias `*\(name)` refers to an anchor `&\(name)` that is not defined before it",
                    at: at)
            }
            return false
        }
        let size = expandedSize(target)
        aliasBudget -= size
        if aliasBudget < 0 {
            sink.error(
                .aliasLimit,
                "aliases expand to more than \(limits.aliasExpansion) extra nodes (an alias bomb?); refused at `*\(name)`",
                at: at, help: "aliases are copies; a spec this repetitive should use hostlist ranges instead")
            return false
        }
        append(target, size: size)
        return true
    }

    mutating func reportParserError(_ parser: yaml_parser_t) {
        let problem = Self.cString(parser.problem) ?? "unknown libyaml error"
        var notes: [Diagnostic.Note] = []
        var help: String?
        let mark = parser.problem_mark
        if parser.error == YAML_READER_ERROR {
            let p = TextCheck.readerProblem(in: input, offset: Int(parser.problem_offset), libyamlProblem: problem)
            sink.error(
                .encoding, p.message, at: SourceLocation(file: file, line: p.line, column: p.column, length: 1),
                help: p.help)
            return
        }
        if parser.error == YAML_MEMORY_ERROR {
            sink.error(.yamlSyntax, "libyaml ran out of memory", at: SourceLocation(file: file, line: 1, column: 1))
            return
        }
        let at = location(mark, length: 1)
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
