import Testing
import TopoDiagnostics

@testable import TopoImport

/// The hand-written XML reader: structure, locations, what NCCL would refuse, and limits.
@Suite struct XMLTokenizerTests {
    func parse(_ text: String) -> Result<XMLDocument, ImportFailure> {
        do {
            return .success(try XMLTokenizer.parse(Array(text.utf8), path: "t.xml"))
        } catch {
            return .failure(error)
        }
    }

    @Test func elementsAttributesAndLocations() throws {
        let text =
            "<!-- head -->\n<system version='1'>\n  <cpu numaid=\"0\"  affinity=\"ff\"> <!-- after a tag -->\n    <pci busid=\"0000:01:00.0\"/>\n  </cpu>\n</system>\n"
        let document = try parse(text).get()
        #expect(document.root.name == "system")
        #expect(document.root["version"] == "1")
        let cpu = try #require(document.root.children.first)
        #expect(cpu.name == "cpu" && cpu.location.line == 3 && cpu.location.column == 3)
        let affinity = try #require(cpu.attribute("affinity"))
        #expect(affinity.value == "ff")
        #expect(affinity.location.line == 3 && affinity.location.column == 20)
        #expect(affinity.valueLocation.column == 30)
        #expect(cpu.children.first?["busid"] == "0000:01:00.0")
        #expect(cpu.children.first?.location.line == 4)
        #expect(document.ncclIncompatibilities.isEmpty)
    }

    @Test func declarationsAndCRLF() throws {
        let text =
            "<?xml version=\"1.0\"?>\r\n<!DOCTYPE system [ <!ELEMENT system ANY> ]>\r\n<system version=\"1\">\r\n  <cpu/>\r\n</system>\r\n"
        let document = try parse(text).get()
        #expect(document.root.children.first?.location.line == 4)
        #expect(document.ncclIncompatibilities.map(\.location.line) == [1, 2])
    }

    @Test func textAndMultilineTagsAreNCCLIncompatible() throws {
        let document = try parse("<system version=\"1\">hello\n  <cpu\n numaid=\"0\"/>\n</system>").get()
        let lines = document.ncclIncompatibilities.map(\.location.line)
        #expect(lines == [1, 2])
    }

    @Test func errorsAreLocated() {
        let cases: [(String, Int, Int)] = [
            ("<a>\n  <b>\n  </c>\n</a>", 3, 3),
            ("<a x=\"1\" y>\n</a>", 1, 10),
            ("<a>\n</a>\ntrailing", 3, 1),
            ("<a>\n  <", 2, 3),
            ("<a b=\"<\"/>", 1, 7),
            ("</a>", 1, 1),
        ]
        for (text, line, column) in cases {
            guard case let .failure(failure) = parse(text), let first = failure.diagnostics.first else {
                Issue.record("no error for \(text)")
                continue
            }
            #expect(first.code == "TS504")
            #expect(
                first.location?.line == line && first.location?.column == column,
                "\(text): \(first.message) at \(String(describing: first.location))")
        }
    }

    @Test func limits() {
        let wide = "<a " + (0..<70_000).map { "x\($0)=\"1\"" }.joined(separator: " ") + "/>"
        #expect((try? parse(wide).get()) != nil)  // many attributes are fine (NCCL ignores extras)
        let many = "<a>" + String(repeating: "<b/>", count: 100_001) + "</a>"
        guard case let .failure(failure) = parse(many) else {
            Issue.record("no element limit")
            return
        }
        #expect(failure.diagnostics.first?.message.contains("100000") == true)
        let longValue = "<a v=\"" + String(repeating: "x", count: 70_000) + "\"/>"
        #expect((try? parse(longValue).get()) == nil)
        let ncclLong = try? parse("<a v=\"" + String(repeating: "x", count: 300) + "\"/>").get()
        #expect(ncclLong?.ncclIncompatibilities.count == 1)
    }
}
