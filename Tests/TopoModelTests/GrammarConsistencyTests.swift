import Foundation
import Testing
import TopoTestSupport

@testable import TopoModel

/// The decoder, the JSON Schema and the reference describe the same keys: a key added to one and
/// not the others fails here.
@Suite struct GrammarConsistencyTests {
    static let root = RepositoryPaths.root

    static func schema() -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: root + "/grammar/topospec.schema.json"),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }

    /// The property names of a schema definition (nil = the top level), or of a property nested
    /// in it (`"nvlinkDomain.switches"`): `$ref`s are followed, and a `oneOf` / `anyOf` contributes
    /// its object branch (`sockets: 2` or `{count, link_gbs}`).
    static func schemaKeys(_ definition: String?) -> Set<String> {
        let schema = schema()
        let definitions = schema["definitions"] as? [String: Any] ?? [:]
        func resolve(_ object: [String: Any]?) -> [String: Any]? {
            guard let ref = object?["$ref"] as? String else { return object }
            return definitions[String(ref.split(separator: "/").last ?? "")] as? [String: Any]
        }
        func properties(_ object: [String: Any]?) -> [String: Any] {
            guard let object = resolve(object) else { return [:] }
            if let own = object["properties"] as? [String: Any] { return own }
            for key in ["oneOf", "anyOf"] {
                for branch in object[key] as? [[String: Any]] ?? [] where !properties(branch).isEmpty {
                    return properties(branch)
                }
            }
            return [:]
        }
        guard let definition else { return Set(properties(schema).keys) }
        let path = definition.split(separator: ".").map(String.init)
        var object = definitions[path[0]] as? [String: Any]
        for name in path.dropFirst() { object = properties(object)[name] as? [String: Any] }
        return Set(properties(object).keys)
    }

    /// Decoder key list ↔ schema definition (nil = the top level).
    static let pairs: [(keys: [String], definition: String?)] = [
        (SpecDecoder.topLevelKeys, nil),
        (SpecDecoder.gpuKeys, "gpuSku"),
        (SpecDecoder.scaleUpKeys, "scaleUpCapability"),
        (SpecDecoder.nvswitchKeys, "nvswitchSku"),
        (SpecDecoder.nicKeys, "nicSku"),
        (SpecDecoder.nodeTypeKeys, "nodeType"),
        (SpecDecoder.wiringKeys, "scaleUpWiring"),
        (SpecDecoder.pcieKeys, "pcieEntry"),
        (SpecDecoder.nicPortKeys, "nic"),
        (SpecDecoder.platformKeys, "platform"),
        (SpecDecoder.nodeEntryKeys, "nodeEntry"),
        (SpecDecoder.exceptionKeys, "nodeException"),
        (SpecDecoder.networkKeys, "network"),
        (SpecDecoder.tierKeys, "tier"),
        (SpecDecoder.jobKeys, "job"),
        (SpecDecoder.parallelismKeys, "parallelism"),
        (SpecDecoder.modelKeys, "model"),
        (SpecDecoder.batchKeys, "batch"),
        (SpecDecoder.trainingKeys, "training"),
        (SpecDecoder.trafficKeys, "traffic"),
        (SpecDecoder.pcieGenerationKeys, "pcieGeneration"),
        (SpecDecoder.bridgeKeys, "scaleUpCapability.bridge"),
        (SpecDecoder.socketsKeys, "sockets"),
        (SpecDecoder.gpuGroupKeys, "gpuGroup"),
        (SpecDecoder.nvswitchWiringKeys, "nvswitchWiring"),
        (SpecDecoder.meshKeys, "mesh"),
        (SpecDecoder.gpuLinkKeys, "gpuLink"),
        (SpecDecoder.nvlinkDomainKeys, "nvlinkDomain"),
        (SpecDecoder.domainSwitchesKeys, "nvlinkDomain.switches"),
        (SpecDecoder.ncclKeys, "nccl"),
    ]

    /// Decoder required keys ↔ the schema's `required` (the decoder is the source; an editor must
    /// not underline a spec the decoder takes).
    static let requiredPairs: [(keys: [String], definition: String?)] = [
        (SpecDecoder.topLevelRequired, nil),
        (SpecDecoder.gpuRequired, "gpuSku"),
        (SpecDecoder.nicRequired, "nicSku"),
        (SpecDecoder.nodeTypeRequired, "nodeType"),
        (SpecDecoder.nicPortRequired, "nic"),
        (SpecDecoder.networkRequired, "network"),
        (SpecDecoder.tierRequired, "tier"),
        (SpecDecoder.jobRequired, "job"),
        (SpecDecoder.modelRequired, "model"),
        (SpecDecoder.batchRequired, "batch"),
    ]

    @Test(arguments: requiredPairs.indices)
    func schemaRequiresWhatTheDecoderRequires(index: Int) {
        let (keys, definition) = Self.requiredPairs[index]
        let schema = Self.schema()
        var object: [String: Any]? = schema
        if let definition { object = (schema["definitions"] as? [String: Any])?[definition] as? [String: Any] }
        #expect(object != nil, "\(definition ?? "top level")")
        let required = Set((object?["required"] as? [String]) ?? [])
        #expect(required == Set(keys), "\(definition ?? "top level")")
    }

    /// REFERENCE.md marks as `required` exactly the decoder's required keys of a job's model.
    @Test func referenceRequiresWhatTheDecoderRequires() throws {
        let reference = try String(contentsOfFile: Self.root + "/grammar/REFERENCE.md", encoding: .utf8)
        for key in SpecDecoder.modelKeys + SpecDecoder.batchKeys {
            let rows = reference.split(separator: "\n").filter { $0.hasPrefix("| `\(key)` |") }
            let required = SpecDecoder.modelRequired.contains(key) || SpecDecoder.batchRequired.contains(key)
            for row in rows where required != row.contains("required") {
                Issue.record("REFERENCE.md row for `\(key)` \(required ? "does not say" : "says") required: \(row)")
            }
        }
    }

    /// The editor schema offers the catalog's model names for completion (`enum` with one
    /// description each), and a name declared under `hardware` still validates.
    @Test(arguments: ["catalogGpuName", "catalogNicName", "catalogNvswitchName"])
    func schemaCompletesCatalogNames(definition: String) throws {
        let catalog = BuiltinCatalog.catalog
        func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
        let expected: [(name: String, description: String)]
        switch definition {
        case "catalogGpuName":
            expected = catalog.gpuNames.compactMap { id in
                catalog.gpus[id].map { (id, "\($0.name), \(number($0.memoryGB)) GB") }
            }
        case "catalogNicName":
            expected = catalog.nics.keys.sorted().compactMap { id in
                catalog.nics[id].map { (id, "\($0.name), up to \(number($0.maxGbps)) Gb/s") }
            }
        default:
            expected = catalog.nvswitches.keys.sorted().compactMap { id in catalog.nvswitches[id].map { (id, $0.name) }
            }
        }
        let object = try #require((Self.schema()["definitions"] as? [String: Any])?[definition] as? [String: Any])
        let branches = try #require(object["anyOf"] as? [[String: Any]])
        let names = branches.first?["enum"] as? [String]
        let descriptions = branches.first?["enumDescriptions"] as? [String]
        #expect(!expected.isEmpty)
        #expect(names == expected.map(\.name), "regenerate the enum from `topospec catalog`")
        #expect(descriptions == expected.map(\.description))
        #expect(object["examples"] as? [String] == expected.map(\.name))
        #expect(branches.last?["$ref"] as? String == "#/definitions/name")
    }

    @Test func schemaIsDraft07() {
        #expect(Self.schema()["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
    }

    @Test(arguments: pairs.indices)
    func schemaHasTheDecodersKeys(index: Int) {
        let (keys, definition) = Self.pairs[index]
        #expect(Set(keys) == Self.schemaKeys(definition), "\(definition ?? "top level")")
    }

    @Test func referenceDocumentsEveryKey() throws {
        let reference = try String(contentsOfFile: Self.root + "/grammar/REFERENCE.md", encoding: .utf8)
        let missing = Set(Self.pairs.flatMap(\.keys)).filter { !reference.contains("`\($0)`") }.sorted()
        #expect(missing.isEmpty, "REFERENCE.md does not document: \(missing)")
    }
}
