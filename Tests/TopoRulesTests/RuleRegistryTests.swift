import Foundation
import Testing
import TopoRules

/// The registry is generated from the rule files (scripts/generate-rule-registry.sh), so adding a
/// rule is adding its file: these tests fail while the committed registry is stale, and keep the
/// naming convention the generator relies on (`Rules/TSnnnName.swift` holds the rule `TSnnn`).
@Suite struct RuleRegistryTests {
    static let folder = SpecFiles.root + "/Sources/TopoRules/Rules"

    /// (file name, rule type names declared in it), in file-name order.
    static func ruleFiles() -> [(file: String, types: [String])] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("TS") && $0.hasSuffix(".swift") }.sorted()
        return names.map { name in
            let text = (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
            let types = text.split(separator: "\n").compactMap { line -> String? in
                var words = line.split(separator: " ")
                if words.first == "public" || words.first == "package" { words.removeFirst() }
                guard words.count == 4, words[0] == "struct", words[2] == "Rule", words[3] == "{",
                    words[1].hasSuffix(":")
                else { return nil }
                return String(words[1].dropLast())
            }
            return (name, types)
        }
    }

    @Test func registryListsEveryRuleFileInOrder() {
        let files = Self.ruleFiles()
        #expect(files.count >= 50)
        let declared = files.flatMap(\.types)
        let registered = RuleRegistry.all.map { String(describing: type(of: $0)) }
        #expect(declared == registered, "RuleRegistry.swift is stale: run scripts/generate-rule-registry.sh")
    }

    @Test func oneRulePerFileNamedByItsCode() {
        let byType = Dictionary(
            RuleRegistry.all.map { (String(describing: type(of: $0)), $0.metadata.code) },
            uniquingKeysWith: { a, _ in a })
        for (file, types) in Self.ruleFiles() {
            #expect(types.count == 1, "\(file) declares \(types.count) rules")
            guard let type = types.first, let code = byType[type] else { continue }
            #expect(file == "\(code)\(type).swift", "\(type) (\(code)) lives in \(file)")
        }
    }
}
