import Foundation
import Testing
import TopoEmit
import TopoImport
import TopoLint
import TopoModel

/// The NCCL topology emitter: golden files for an NVSwitch node, a multi-node NVLink domain and a
/// PCIe box, and every node type of every real spec read back through topospec's NCCL importer.
@Suite struct NCCLTopologyEmitterTests {
    @Test(
        arguments: [
            ("dgx-h100-superpod.yaml", "dgx-h100"), ("gb200-nvl72.yaml", nil), ("rtx4090-8x.yaml", nil),
            ("dgx-1v-cube-mesh.yaml", nil),
        ] as [(String, String?)])
    func golden(file: String, type: String?) throws {
        let spec = try Golden.spec(file)
        let t = try #require(type.map { spec.nodeTypeIndex[$0] } ?? NodeTypeID(0))
        let text = NCCLTopologyEmitter.render(spec: spec, typeID: t, source: file)
        Golden.check(text, file.replacingOccurrences(of: ".yaml", with: ".nccl.xml"))
        #expect(!text.contains("<?xml"), "NCCL's parser rejects an XML declaration")
    }

    static let specFiles = ((try? FileManager.default.contentsOfDirectory(atPath: Golden.root + "/specs")) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    /// Every node type of every real spec: the XML imports cleanly with the same GPUs, NICs and
    /// bus ids, and NVLink where the spec has it.
    @Test(arguments: specFiles)
    func everyNodeTypeReadsBack(file: String) throws {
        let spec = try Golden.spec(file)
        for (t, type) in spec.nodeTypesWithIDs {
            let xml = NCCLTopologyEmitter.render(spec: spec, typeID: t, source: file)
            let result = NCCLTopologyImporter().importText(Array(xml.utf8), path: "\(type.name).xml")
            let text = try #require(result.spec, "\(file) \(type.name): \(result.findings.map(\.message))")
            let back = try #require(Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "back.yaml").spec)
            let imported = back.nodeTypes[0]
            #expect(imported.gpus.count == type.gpus.count, "\(file) \(type.name)")
            #expect(imported.nics.count == type.nics.count, "\(file) \(type.name)")
            #expect(
                Set(imported.gpus.compactMap(\.busID)).count == type.gpus.count,
                "\(file) \(type.name): unique GPU bus ids")
            let declared = type.gpus.compactMap(\.busID).map { $0.lowercased() }
            if declared.count == type.gpus.count { #expect(imported.gpus.compactMap(\.busID) == declared) }
            if let wiring = type.scaleUp, wiring.kind == .nvlink {
                #expect(imported.scaleUp?.kind == .nvlink, "\(file) \(type.name): NVLink lost")
            }
            #expect(imported.sockets == max(1, type.sockets))
        }
    }

    /// A node's failed GPUs and NICs are left out of its file.
    @Test func nodeWithoutFailedDevices() throws {
        let spec = try Golden.spec("mixed-cluster-failed-gpu.yaml")
        let node = try #require(spec.nodes.first { !$0.failedGPUs.isEmpty })
        let xml = NCCLTopologyEmitter.render(spec: spec, typeID: node.typeID, node: node, source: "x.yaml")
        let gpus = xml.components(separatedBy: "<gpu ").count - 1
        #expect(gpus == spec.nodeTypes[node.typeID].gpus.count - node.failedGPUs.count)
        #expect(xml.contains("(node \(node.name))"))
    }

    @Test func deterministic() throws {
        let a = NCCLTopologyEmitter.render(
            spec: try Golden.spec("gb200-nvl72.yaml"), typeID: NodeTypeID(0), source: "x")
        let b = NCCLTopologyEmitter.render(
            spec: try Golden.spec("gb200-nvl72.yaml"), typeID: NodeTypeID(0), source: "x")
        #expect(a == b)
    }
}

/// The emitted XML against the real NCCL dumps in the shared data: every element and attribute
/// topospec writes appears, on the same element, in a file NCCL wrote; bus ids have NCCL's form.
@Suite struct NCCLDumpConformanceTests {
    static let dumpFolder = Golden.root + "/Tests/Fixtures/shared/nccl-xml/"

    /// element → attribute names, from a flat scan of the tags.
    static func attributes(_ xml: String) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        var rest = Substring(xml)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            guard let close = rest.firstIndex(of: ">") else { break }
            let tag = rest[..<close]
            rest = rest[rest.index(after: close)...]
            guard let first = tag.first, first.isLetter else { continue }
            let parts = tag.split(separator: " ", maxSplits: 1)
            let name = String(parts[0]).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            var names = result[name] ?? []
            if parts.count > 1 {
                for piece in parts[1].split(separator: "\"").enumerated() where piece.offset % 2 == 0 {
                    let attribute = piece.element.trimmingCharacters(in: CharacterSet(charactersIn: " =/"))
                    if !attribute.isEmpty { names.insert(attribute) }
                }
            }
            result[name] = names
        }
        return result
    }

    @Test func elementsAndAttributesAreNCCLs() throws {
        var real: [String: Set<String>] = [:]
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: Self.dumpFolder)) ?? []).filter({
            $0.hasSuffix(".xml")
        }) {
            let text = try String(contentsOfFile: Self.dumpFolder + file, encoding: .utf8)
            real.merge(Self.attributes(text)) { $0.union($1) }
        }
        #expect(real["gpu"]?.contains("sm") == true, "the shared dumps hold GPU elements")
        // No shared dump is of a Grace machine; NCCL writes <c2c bw count> itself (xml.cc
        // ncclTopoGetXmlFromGpu) and reads both (topo.cc ncclTopoAddC2c).
        real["c2c", default: []].formUnion(["bw", "count"])
        for file in NCCLTopologyEmitterTests.specFiles {
            let spec = try Golden.spec(file)
            for t in spec.nodeTypes.typeIDs where NCCLTopologyEmitter.unsupported(spec: spec, typeID: t) == nil {
                let xml = NCCLTopologyEmitter.render(spec: spec, typeID: t, source: file)
                for (element, names) in Self.attributes(xml) {
                    let known = try #require(real[element], "\(file): <\(element)> is not an element NCCL writes")
                    #expect(
                        names.isSubset(of: known),
                        "\(file): <\(element)> has \(names.subtracting(known).sorted()), not in NCCL's dumps")
                }
                for line in xml.split(separator: "\n") where line.contains("<pci busid=\"") {
                    let id = line.split(separator: "\"")[1]
                    #expect(
                        id.wholeMatch(of: /[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]/) != nil, "\(file): bus id \(id)")
                }
            }
        }
    }
}
