import Testing
import TopoDiagnostics

@testable import TopoYAML

private func parse(_ text: String, limits: YAMLParser.Limits = .init()) -> YAMLParser.Result {
    YAMLParser(limits: limits).parse(Array(text.utf8), file: "t.yaml")
}

private func root(_ text: String) throws -> YAMLNode {
    let result = parse(text)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    return try #require(result.document).root
}

private func value(_ node: YAMLNode, _ key: String) -> YAMLNode? {
    node.pairs.first { $0.key.scalar == key }?.value
}

@Suite struct YAMLTreeTests {
    @Test func locationsAreOneBased() throws {
        let doc = try root("a: 1\nb:\n  - x\n  - \"y\"\n")
        let b = try #require(value(doc, "b"))
        #expect(b.kind == .sequence)
        #expect(b.items.count == 2)
        #expect(b.items[0].location.line == 3)
        #expect(b.items[0].location.column == 5)
        #expect(b.items[1].location.column == 5)
        #expect(b.items[1].location.length == 3)
        let a = try #require(doc.pairs.first)
        #expect(a.key.location == SourceLocation(file: "t.yaml", line: 1, column: 1, length: 1))
        #expect(a.value.location.column == 4)
    }

    @Test func scalarStylesAreKept() throws {
        let doc = try root("a: no\nb: \"no\"\nc: 'no'\nd: |\n  text\ne: ~\nf:\n")
        #expect(value(doc, "a")?.style == .plain)
        #expect(value(doc, "b")?.style == .doubleQuoted)
        #expect(value(doc, "c")?.style == .singleQuoted)
        #expect(value(doc, "d")?.style == .literal)
        #expect(value(doc, "d")?.scalar == "text\n")
        #expect(value(doc, "e")?.isNull == true)
        #expect(value(doc, "f")?.isNull == true)
        #expect(value(doc, "b")?.isNull == false)
    }

    @Test func explicitTagsAreRecorded() throws {
        let doc = try root("a: !!str 0755\nb: 0755\n")
        #expect(value(doc, "a")?.tag == "tag:yaml.org,2002:str")
        #expect(value(doc, "b")?.tag == nil)
    }

    @Test func aliasesAndMergeKeysResolve() throws {
        let text = """
            base: &base {sku: h100, count: 8}
            copy: *base
            merged:
              <<: *base
              count: 4
            many:
              <<: [{a: 1}, {a: 2, b: 2}]
            """
        let doc = try root(text)
        #expect(value(try #require(value(doc, "copy")), "sku")?.scalar == "h100")
        let merged = try #require(value(doc, "merged"))
        #expect(value(merged, "count")?.scalar == "4")
        #expect(value(merged, "sku")?.scalar == "h100")
        #expect(merged.pairs.count == 2)
        let many = try #require(value(doc, "many"))
        #expect(value(many, "a")?.scalar == "1")
        #expect(value(many, "b")?.scalar == "2")
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let doc = try root("m:\n  '<<': {a: 1}\n")
        let m = try #require(value(doc, "m"))
        #expect(m.pairs.first?.key.scalar == "<<")
    }
}

@Suite struct YAMLErrorTests {
    @Test func duplicateKeysNameBothPlaces() throws {
        let result = parse("a: 1\nb: 2\na: 3\n")
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "TS002")
        #expect(d.location?.line == 3)
        #expect(d.notes.first?.location?.line == 1)
        #expect(result.document == nil)
    }

    @Test func duplicatesAreFoundInLargeMappings() throws {
        var text = (0..<40).map { "key\($0): \($0)\n" }.joined()
        text += "key7: again\n"
        let result = parse(text)
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "TS002")
        #expect(d.location?.line == 41)
        #expect(d.notes.first?.location?.line == 8)
        let clean = parse((0..<40).map { "k\($0): \($0)\n" }.joined())
        #expect(clean.diagnostics.isEmpty)
        #expect(clean.document?.root.pairs.count == 40)
    }

    /// Aliases are references, never copies: the ten-line bomb costs about as many libyaml events
    /// as it has tokens (counted, not timed), not the 10^9 nodes it stands for.
    @Test func billionLaughsIsRefusedWithoutExpanding() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let (result, work) = WorkCounter.counting { parse(text) }
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "TS003")
        #expect(d.location?.line == 6)  // a5 holds ten copies of a4 (111,111 nodes each)
        // Stream, document and 6 mappings of 10 pairs before the refusal: ~130 events.
        #expect(work[.yamlEvents] > 0)
        #expect(work[.yamlEvents] <= 150, "\(work[.yamlEvents]) events")
    }

    @Test func mergeKeyBombIsRefused() throws {
        var text = "m0: &m0 {k0: 1, k1: 1, k2: 1, k3: 1}\n"
        var limits = YAMLParser.Limits()
        limits.aliasExpansion = 50
        for level in 1...20 {
            text += "m\(level): &m\(level)\n  <<: *m\(level - 1)\n  x\(level): 1\n"
        }
        let result = parse(text, limits: limits)
        #expect(result.diagnostics.first?.code == "TS003")
    }

    @Test func deepNestingIsRefused() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let result = parse(text)
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "TS004")
        #expect(d.location?.column == 129)
    }

    @Test func unknownAndRecursiveAnchors() throws {
        #expect(parse("a: *nope\n").diagnostics.first?.code == "TS009")
        let recursive = parse("a: &r [1, *r]\n")
        #expect(recursive.diagnostics.first?.code == "TS009")
        #expect(recursive.diagnostics.first?.message.contains("recursive") == true)
    }

    @Test func multipleDocumentsAreRefused() throws {
        let result = parse("a: 1\n---\nb: 2\n")
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "TS006")
        #expect(d.location?.line == 2)
    }

    @Test func emptyStreamIsReportedAsEmpty() {
        let result = parse("# only a comment\n")
        #expect(result.isEmpty)
        #expect(result.document == nil)
        #expect(result.diagnostics.isEmpty)
        #expect(parse("").isEmpty)
    }

    @Test func invalidUTF8IsLocated() throws {
        var bytes = Array("a: 1\nb: x".utf8)
        bytes.append(0xC3)
        bytes.append(0x28)
        let result = YAMLParser().parse(bytes, file: "t.yaml")
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "TS005")
        #expect(d.location?.line == 2)
        #expect(d.location?.column == 5)
    }

    @Test func nulIsLocated() throws {
        let result = YAMLParser().parse(Array("a: 1\nbb: \u{0}\n".utf8), file: "t.yaml")
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "TS005")
        #expect(d.location?.line == 2)
        #expect(d.location?.column == 5)
        #expect(d.message.contains("NUL"))
    }

    @Test func utf16IsExplained() throws {
        let result = YAMLParser().parse([0xFF, 0xFE, 0x61, 0x00], file: "t.yaml")
        #expect(result.diagnostics.first?.message.contains("UTF-16") == true)
    }

    @Test func utf8BOMAndCRLFAreAccepted() throws {
        let result = YAMLParser().parse([0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: 2\r\n".utf8), file: "t.yaml")
        #expect(result.diagnostics.isEmpty)
        let doc = try #require(result.document)
        #expect(doc.root.pairs[1].key.location.line == 2)
    }

    @Test func libyamlErrorsCarryProblemAndContext() throws {
        let result = parse("a:\n  b: 1\n c: 2\n")
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "TS001")
        #expect(d.message.contains("YAML syntax error"))
        #expect(d.location?.line == 3)
        #expect(!d.notes.isEmpty)
    }

    @Test func tabIndentationGetsAHint() throws {
        let result = parse("a:\n\tb: 1\n")
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "TS001")
        #expect(d.help?.contains("tabs") == true)
    }

    @Test func unclosedQuoteIsLocated() throws {
        let result = parse("a: \"open\nb: 2\n")
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "TS001")
        #expect(d.message.contains("end of stream"))
        #expect(d.notes.first?.message.contains("quoted scalar") == true)
        #expect(d.notes.first?.location?.line == 1)
    }

    @Test func oversizedInputIsRefused() throws {
        var limits = YAMLParser.Limits()
        limits.bytes = 10
        #expect(parse("a: 123456789012\n", limits: limits).diagnostics.first?.code == "TS018")
    }
}
