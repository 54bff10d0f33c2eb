import Foundation
import Testing
import TopoEmit
import TopoLint
import TopoModel
import TopoTopology

/// Every element of every emitted NCCL topology file carries every attribute NCCL's reader
/// requires, and every attribute a rank would otherwise fill from its own machine (which would stop
/// the ranks' copies from fusing). The required set is NCCL 2.30.7's:
/// - `<cpu>`: `numaid` (topo.cc `ncclTopoAddCpu`), `arch` (same), on x86 `vendor` (same) and
///   `familyid`/`modelid` (required for Intel by `ncclTopoAddCpu`, filled for every x86 CPU by xml.cc
///   `ncclTopoGetXmlFromCpu`), and `affinity` (filled by `ncclTopoGetXmlFromCpu`).
/// - `<pci>`: `busid`, `class`, `link_speed`, `link_width` (topo.cc `ncclTopoAddPci`), `link_speed`
///   one of NCCL's strings (`kvDictPciGen`) or `""` (NCCL's own "unknown").
/// - `<gpu>`: `dev`, `sm`, `gdr` (topo.cc `ncclTopoAddGpu`; `rank` is set by NCCL per process).
/// - `<net>`: `name` (xml.cc `ncclTopoFillNet` matches by it), `dev` (topo.cc `ncclTopoAddNet`),
///   `speed`, `port`, `gdr`.
/// - `<nvlink>`: `target`, `count`, `tclass` (topo.cc `ncclTopoAddNvLinks`); `<c2c>`: `bw`, `count`
///   (topo.cc `ncclTopoAddC2c`).
@Suite struct NCCLTopologyCompletenessTests {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// Names of the enclosing elements, outermost first.
        var ancestors: [String]
        var ancestorAttributes: [[String: String]]
    }

    /// The elements of `xml` in document order (comments skipped).
    static func elements(_ xml: String) -> [Element] {
        var out: [Element] = []
        var stack: [(String, [String: String])] = []
        for match in xml.matches(of: /<(\/?)([a-z0-9]+)((?:\s+[a-z_]+="[^"]*")*)\s*(\/?)>/) {
            let name = String(match.output.2)
            if !match.output.1.isEmpty {
                if stack.last?.0 == name { stack.removeLast() }
                continue
            }
            var attributes: [String: String] = [:]
            for a in match.output.3.matches(of: /([a-z_]+)="([^"]*)"/) {
                attributes[String(a.output.1)] = String(a.output.2)
            }
            out.append(
                Element(
                    name: name, attributes: attributes, ancestors: stack.map(\.0), ancestorAttributes: stack.map(\.1)))
            if match.output.4.isEmpty { stack.append((name, attributes)) }
        }
        return out
    }

    /// A spec from text, linted with no configuration file.
    static func inline(_ text: String) -> ClusterSpec? {
        Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "inline.yaml").spec
    }

    static let required: [String: [String]] = [
        "cpu": ["numaid", "affinity", "arch"],
        "pci": ["busid", "class", "link_speed", "link_width"],
        "gpu": ["dev", "sm", "gdr"],
        "net": ["name", "dev", "speed", "port", "gdr"],
        "nvlink": ["target", "count", "tclass"],
        "c2c": ["bw", "count"],
    ]
    static let linkSpeeds: Set<String> = [
        "", "2.5 GT/s PCIe", "5.0 GT/s PCIe", "8.0 GT/s PCIe", "16.0 GT/s PCIe", "32.0 GT/s PCIe", "64.0 GT/s PCIe",
    ]

    @Test(arguments: NCCLTopologyEmitterTests.specFiles)
    func everyElementHasWhatNCCLRequires(file: String) throws {
        let spec = try Golden.spec(file)
        for t in spec.nodeTypes.typeIDs where NCCLTopologyEmitter.unsupported(spec: spec, typeID: t) == nil {
            let type = spec.nodeTypes[t]
            let elements = Self.elements(NCCLTopologyEmitter.render(spec: spec, typeID: t, source: file))
            #expect(elements.filter { $0.name == "gpu" }.count == type.gpus.count, "\(file) \(type.name)")
            #expect(elements.filter { $0.name == "cpu" }.count == max(1, type.sockets), "\(file) \(type.name)")
            for element in elements {
                var needed = Self.required[element.name] ?? []
                if element.name == "cpu" {
                    if NCCLTopologyInputs.cpuModel(spec: spec, typeID: t) == nil {
                        // Only a single-socket node may leave the CPU to NCCL (every rank fills it alike).
                        #expect(type.sockets <= 1, "\(file) \(type.name): a multi-socket node needs the CPU model")
                        needed = ["numaid"]
                    } else if element.attributes["arch"] == "x86_64" {
                        needed += ["vendor", "familyid", "modelid"]
                    }
                }
                for attribute in needed {
                    #expect(
                        element.attributes[attribute] != nil,
                        "\(file) \(type.name): <\(element.name)> lacks \(attribute)")
                }
                if element.name == "pci", let speed = element.attributes["link_speed"] {
                    #expect(
                        Self.linkSpeeds.contains(speed),
                        "\(file) \(type.name): link_speed \"\(speed)\" is not one of NCCL's strings")
                }
            }
        }
    }

    /// The GB200 tray as NCCL sees a real one: each Grace holds its two GPUs, which reach it over
    /// NVLink-C2C, and its bay's NICs; the GPUs' NVLinks leave the tray for the rack's switches.
    @Test func gb200TrayHasC2CLinksToItsGraces() throws {
        let spec = try Golden.spec("gb200-nvl72.yaml")
        let elements = Self.elements(
            NCCLTopologyEmitter.render(spec: spec, typeID: NodeTypeID(0), source: "gb200-nvl72.yaml"))
        let cpus = elements.filter { $0.name == "cpu" }
        #expect(cpus.map { $0.attributes["arch"] } == ["arm64", "arm64"])
        #expect(cpus.allSatisfy { $0.attributes["vendor"] == nil }, "NCCL reads vendor only on x86")
        let gpus = elements.filter { $0.name == "gpu" }
        func grace(_ e: Element) -> String? {
            e.ancestors.firstIndex(of: "cpu").flatMap { e.ancestorAttributes[$0]["numaid"] }
        }
        let graceOfGPU = gpus.map(grace)
        #expect(graceOfGPU == ["0", "0", "1", "1"])
        let c2c = elements.filter { $0.name == "c2c" }
        #expect(c2c.count == 4)
        #expect(
            c2c.allSatisfy {
                $0.attributes["bw"] == "44712" && $0.attributes["count"] == "5" && $0.ancestors.last == "gpu"
            })
        // 5 × 44.712 GB/s = 223.6 GB/s per GPU: half of one Grace's 450 GB/s each way.
        let nvlinks = elements.filter { $0.name == "nvlink" }
        #expect(
            nvlinks.count == 4
                && nvlinks.allSatisfy { $0.attributes["target"] == "fffffff:ff:ff.0" && $0.attributes["count"] == "18" }
        )
        let nicsOfGrace1 = elements.filter { $0.name == "net" && grace($0) == "1" }.compactMap { $0.attributes["name"] }
        #expect(nicsOfGrace1 == ["mlx5_4", "mlx5_5", "mlx5_6"])
    }

    @Test func cpuModelsCarryCpuidValues() throws {
        let h100 = try Golden.spec("dgx-h100-superpod.yaml")
        let intel = Self.elements(NCCLTopologyEmitter.render(spec: h100, typeID: NodeTypeID(0), source: "x")).first {
            $0.name == "cpu"
        }
        #expect(
            intel?.attributes == [
                "numaid": "0", "affinity": "00000000", "arch": "x86_64", "vendor": "GenuineIntel", "familyid": "6",
                "modelid": "143",
            ])
        let a100 = try Golden.spec("dgx-a100.yaml")
        let amd = Self.elements(NCCLTopologyEmitter.render(spec: a100, typeID: NodeTypeID(0), source: "x")).first {
            $0.name == "cpu"
        }
        // EPYC 7742 (Rome): AuthenticAMD, display family 17h = 23, model 49. NCCL writes the family as
        // family + (extended family << 4) = 0xF + (0x8 << 4) = 143 (src/graph/xml.cc
        // ncclTopoGetXmlFromCpu), as RCCL's own dumps do (175 for the 19h EPYCs of its MI250X file).
        #expect(
            amd?.attributes["vendor"] == "AuthenticAMD" && amd?.attributes["familyid"] == "143"
                && amd?.attributes["modelid"] == "49")
    }

    /// Without a CPU model a multi-socket node gets no file; a single-socket one a bare <cpu>
    /// that NCCL fills.
    @Test func missingCPUModel() throws {
        func spec(_ sockets: Int) throws -> ClusterSpec {
            try #require(
                Self.inline(
                    """
                    topospec: 1
                    cluster: c
                    node_types:
                      box: {gpus: {sku: h100-pcie-80gb, count: 2}, sockets: \(sockets)}
                    nodes:
                      n1: {type: box}
                    """))
        }
        let two = try spec(2)
        #expect(
            NCCLTopologyEmitter.unsupported(spec: two, typeID: NodeTypeID(0))?.contains("names no CPU model") == true)
        #expect(
            NCCLTopologyInputs.invented(spec: two, typeID: NodeTypeID(0)).contains(
                "the CPU model (`sockets: {cpu: …}`)"))
        let one = try spec(1)
        #expect(NCCLTopologyEmitter.unsupported(spec: one, typeID: NodeTypeID(0)) == nil)
        #expect(
            NCCLTopologyEmitter.render(spec: one, typeID: NodeTypeID(0), source: "x").contains("  <cpu numaid=\"0\">\n")
        )
    }

    /// The header names what is invented; a fully specified node type has no such line.
    @Test func inventedValuesAreNamed() throws {
        let dgx = try Golden.spec("dgx-h100-superpod.yaml")
        #expect(
            NCCLTopologyEmitter.render(spec: dgx, typeID: NodeTypeID(0), source: "x").contains(
                "<!-- Invented, so not valid on a real node: GPU bus ids"))
        let p4d = try Golden.spec("aws-p4d.yaml")
        #expect(NCCLTopologyInputs.invented(spec: p4d, typeID: NodeTypeID(0)).isEmpty)
        #expect(!NCCLTopologyEmitter.render(spec: p4d, typeID: NodeTypeID(0), source: "x").contains("Invented"))
    }
}
