import Foundation
import Testing
@testable import TopoModel

/// The decoder, the JSON Schema and the reference describe the same keys: a key added to one and
/// not the others fails here.
@Suite struct GrammarConsistencyTests {
    static let root: String = {
        var path = #filePath
        for _ in 0..<3 {
            if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) }
        }
        return path
    }()

    static func schema() -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: root + "/grammar/topospec.schema.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    static func schemaKeys(_ definition: String?) -> Set<String> {
        let schema = schema()
        var object: [String: Any]? = schema
        if let definition { object = (schema["definitions"] as? [String: Any])?[definition] as? [String: Any] }
        return Set(((object?["properties"] as? [String: Any]) ?? [:]).keys)
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
        (SpecDecoder.ncclKeys, "nccl"),
    ]

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
