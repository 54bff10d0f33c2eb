import TopoDiagnostics

/// One attribute of an XML start tag, with where its name and value are.
struct XMLAttribute: Sendable {
    var name: String
    var value: String
    var location: SourceLocation
    var valueLocation: SourceLocation
}

/// One XML element: name, attributes in document order, child elements, and where its start tag
/// is.
struct XMLElement: Sendable {
    var name: String
    var attributes: [XMLAttribute]
    var children: [XMLElement] = []
    var location: SourceLocation

    func attribute(_ name: String) -> XMLAttribute? { attributes.first { $0.name == name } }

    /// The attribute's value, when present.
    subscript(_ name: String) -> String? { attribute(name)?.value }
}

/// A parsed XML file: the root element, and what NCCL's own parser would refuse in it.
struct XMLDocument: Sendable {
    var root: XMLElement
    /// Places NCCL's hand-written parser fails at, with why (declarations, text content, TABs,
    /// attributes across lines, overlong values).
    var ncclIncompatibilities: [(location: SourceLocation, what: String)]
}

/// A small, hand-written XML reader for NCCL topology files: elements, attributes (single or
/// double quotes), comments, `<?…?>` declarations and `<!DOCTYPE …>` (skipped), text (kept only
/// as a location). It tracks line and column, never traps on hostile input (every index is
/// checked), and bounds nesting depth, element count and name/value lengths.
struct XMLTokenizer {
    static let maximumDepth = 64
    static let maximumElements = 100_000
    static let maximumNameLength = 1024
    static let maximumValueLength = 1 << 16
    /// NCCL's own limit per attribute value (xml.h `MAX_STR_LEN`).
    static let ncclMaximumValueLength = 255

    private let bytes: [UInt8]
    private let path: String
    private var index = 0
    private var line = 1
    private var column = 1

    private init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
        index = InputText.byteOrderMarkLength(bytes)
    }

    /// Parses `bytes` (already checked to be text) into a document.
    static func parse(_ bytes: [UInt8], path: String) throws(ImportFailure) -> XMLDocument {
        var tokenizer = XMLTokenizer(bytes: bytes, path: path)
        return try tokenizer.document()
    }

    // MARK: Reading bytes

    private var here: SourceLocation { SourceLocation(file: path, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let i = index + offset
        return i >= 0 && i < bytes.count ? bytes[i] : nil
    }

    private mutating func advance() {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte == 0x0D {
            if peek() != 0x0A {
                line += 1
                column = 1
            }
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private func starts(with text: String) -> Bool {
        var offset = 0
        for byte in text.utf8 {
            guard peek(offset) == byte else { return false }
            offset += 1
        }
        return true
    }

    private mutating func skip(_ text: String) {
        for _ in text.utf8 { advance() }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x3A || byte >= 0x80
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E
    }

    private mutating func skipSpace() {
        while let byte = peek(), Self.isSpace(byte) { advance() }
    }

    private func error(
        _ message: String, at location: SourceLocation, notes: [Diagnostic.Note] = [], help: String? = nil
    ) -> ImportFailure {
        ImportFailure([ImportCodes.malformedXML.diagnostic(message, at: location, notes: notes, help: help)])
    }

    /// A name at the current position, or nil.
    private mutating func readName() -> String? {
        guard let first = peek(), Self.isNameStart(first) else { return nil }
        let start = index
        while let byte = peek(), Self.isNameByte(byte), index - start < Self.maximumNameLength { advance() }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    // MARK: Document

    private mutating func document() throws(ImportFailure) -> XMLDocument {
        var stack: [XMLElement] = []
        var root: XMLElement?
        var elements = 0
        var incompatible: [(SourceLocation, String)] = []
        var textStart: SourceLocation?
        var sawTab: SourceLocation?
        while index < bytes.count {
            guard let byte = peek() else { break }
            if byte != 0x3C {  // text
                if byte == 0x09, sawTab == nil { sawTab = here }
                if !Self.isSpace(byte), textStart == nil { textStart = here }
                advance()
                continue
            }
            let tagStart = here
            if let text = textStart {
                if stack.isEmpty {
                    throw
                        (error(
                            root == nil ? "text before the root element" : "text after the root element", at: text,
                            help: "an NCCL topology file holds only elements and comments"))
                }
                incompatible.append((text, "text between tags (NCCL's parser expects `<`)"))
                textStart = nil
            }
            if let tab = sawTab {
                incompatible.append((tab, "a TAB before `<` (NCCL's parser accepts only spaces and line breaks)"))
                sawTab = nil
            }
            if starts(with: "<!--") {
                skip("<!--")
                var closed = false
                while index < bytes.count {
                    if starts(with: "-->") {
                        skip("-->")
                        closed = true
                        break
                    }
                    advance()
                }
                if !closed { throw (error("comment never closed: `<!--` without `-->`", at: tagStart)) }
                continue
            }
            if starts(with: "<?") {
                skip("<?")
                var closed = false
                while index < bytes.count {
                    if starts(with: "?>") {
                        skip("?>")
                        closed = true
                        break
                    }
                    advance()
                }
                if !closed { throw (error("declaration never closed: `<?` without `?>`", at: tagStart)) }
                incompatible.append((tagStart, "an `<?xml … ?>` declaration (NCCL's parser fails on `?`)"))
                continue
            }
            if starts(with: "<![CDATA[") {
                if stack.isEmpty { throw (error("CDATA outside the root element", at: tagStart)) }
                skip("<![CDATA[")
                var closed = false
                while index < bytes.count {
                    if starts(with: "]]>") {
                        skip("]]>")
                        closed = true
                        break
                    }
                    advance()
                }
                if !closed { throw (error("CDATA section never closed", at: tagStart)) }
                incompatible.append((tagStart, "a CDATA section (text content)"))
                continue
            }
            if starts(with: "<!") {
                // <!DOCTYPE …>, with an optional [internal subset].
                skip("<!")
                var bracket = 0
                var closed = false
                while let b = peek() {
                    if b == 0x5B { bracket += 1 }
                    if b == 0x5D { bracket = max(0, bracket - 1) }
                    advance()
                    if b == 0x3E, bracket == 0 {
                        closed = true
                        break
                    }
                }
                if !closed { throw (error("`<!` never closed", at: tagStart)) }
                incompatible.append((tagStart, "a `<!…>` declaration"))
                continue
            }
            if starts(with: "</") {
                skip("</")
                guard let name = readName() else {
                    throw (error("`</` must be followed by an element name", at: here))
                }
                skipSpace()
                guard peek() == 0x3E else {
                    throw (error("end tag `</\(name)` must end with `>`", at: here))
                }
                advance()
                guard let open = stack.popLast() else {
                    throw (error("end tag `</\(name)>` without a start tag", at: tagStart))
                }
                guard open.name == name else {
                    throw
                        (error(
                            "end tag `</\(name)>` does not match `<\(open.name)>`", at: tagStart,
                            notes: [.init("`<\(open.name)>` opened here", at: open.location)]))
                }
                if stack.isEmpty {
                    root = open
                } else {
                    stack[stack.count - 1].children.append(open)
                }
                continue
            }
            // A start tag.
            advance()
            guard let name = readName() else {
                throw
                    (error(
                        "`<` must start an element, a comment or a declaration", at: tagStart,
                        help: "write `&lt;` for a literal `<`"))
            }
            if stack.isEmpty, root != nil {
                throw (error("a second root element `<\(name)>`; an XML file has one", at: tagStart))
            }
            elements += 1
            if elements > Self.maximumElements {
                throw
                    (error(
                        "more than \(Self.maximumElements) elements; topology files have a few hundred", at: tagStart))
            }
            if stack.count >= Self.maximumDepth {
                throw (error("elements nested deeper than \(Self.maximumDepth) levels", at: tagStart))
            }
            var element = XMLElement(
                name: name, attributes: [],
                location: SourceLocation(
                    file: path, line: tagStart.line, column: tagStart.column, length: name.utf8.count + 1))
            var selfClosing = false
            var attributeNames = Set<String>()
            while true {
                let before = index
                skipSpace()
                guard let b = peek() else {
                    throw (error("start tag `<\(name)` never closed", at: tagStart))
                }
                if b == 0x3E {
                    advance()
                    break
                }
                if b == 0x2F {
                    advance()
                    guard peek() == 0x3E else { throw (error("`/` in a tag must be followed by `>`", at: here)) }
                    advance()
                    selfClosing = true
                    break
                }
                if index == before {
                    throw (error("attributes of `<\(name)>` must be separated by spaces", at: here))
                }
                let attributeStart = here
                guard let attributeName = readName() else {
                    throw
                        (error(
                            "unexpected character in the tag `<\(name)>`; expected an attribute name, `>` or `/>`",
                            at: here))
                }
                skipSpace()
                guard peek() == 0x3D else {
                    throw (error("attribute `\(attributeName)` has no value (expected `=\"…\"`)", at: attributeStart))
                }
                advance()
                skipSpace()
                guard let quote = peek(), quote == 0x22 || quote == 0x27 else {
                    throw
                        (error(
                            "the value of `\(attributeName)` must be quoted", at: here,
                            help: "write \(attributeName)=\"…\""))
                }
                advance()
                let valueLocation = here
                let valueStart = index
                while let v = peek(), v != quote {
                    if v == 0x3C {
                        throw (error("`<` inside the value of `\(attributeName)`", at: here))
                    }
                    advance()
                    if index - valueStart > Self.maximumValueLength {
                        throw
                            (error(
                                "the value of `\(attributeName)` is longer than \(Self.maximumValueLength) bytes",
                                at: valueLocation))
                    }
                }
                guard peek() == quote else {
                    throw (error("the value of `\(attributeName)` is never closed", at: valueLocation))
                }
                let value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                advance()
                guard attributeNames.insert(attributeName).inserted else {
                    throw (error("attribute `\(attributeName)` appears twice in `<\(name)>`", at: attributeStart))
                }
                if value.utf8.count > Self.ncclMaximumValueLength {
                    incompatible.append(
                        (valueLocation, "a value longer than \(Self.ncclMaximumValueLength) characters"))
                }
                element.attributes.append(
                    XMLAttribute(
                        name: attributeName, value: value,
                        location: SourceLocation(
                            file: path, line: attributeStart.line, column: attributeStart.column,
                            length: attributeName.utf8.count),
                        valueLocation: SourceLocation(
                            file: path, line: valueLocation.line, column: valueLocation.column, length: value.count)))
            }
            if line != tagStart.line {
                incompatible.append(
                    (tagStart, "a start tag spread over several lines (NCCL reads attributes on one line)"))
            }
            if selfClosing {
                if stack.isEmpty {
                    root = element
                } else {
                    stack[stack.count - 1].children.append(element)
                }
            } else {
                stack.append(element)
            }
        }
        if let open = stack.last {
            throw
                (error(
                    "`<\(open.name)>` is never closed (the file ends first)", at: open.location,
                    help: "the file was cut; copy it whole"))
        }
        if let text = textStart {
            throw (error("text after the root element", at: text))
        }
        guard let root else {
            throw (error("no XML element in the file", at: SourceLocation(file: path, line: 1, column: 1)))
        }
        return (XMLDocument(root: root, ncclIncompatibilities: incompatible))
    }
}
