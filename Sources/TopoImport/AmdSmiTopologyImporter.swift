import TopoDiagnostics
import TopoModel

/// Imports `amd-smi topology` (AMD GPUs) as a spec with xGMI links. The link-type table gives which
/// pairs are on the Infinity Fabric; the weight table (15 per physical xGMI hop) tells direct links
/// from pairs reached through another GPU, which the hops table cannot (it says 1 for both); the
/// access table says whether PCIe pairs can do peer-to-peer; the hops table whether PCIe pairs share
/// a NUMA node. The GPU model comes from `--sku` or from `amd-smi`'s default view (`amdSmiPath`);
/// otherwise the GPUs are a placeholder AMD entry. The bus ids are kept; there is no PCIe tree.
public struct AmdSmiTopologyImporter: Sendable {
    /// The node type's name.
    public var typeName: String
    public var catalog: Catalog
    /// A catalog SKU for the GPUs (`mi300x`), when the caller knows it.
    public var sku: String?

    public init(typeName: String = "imported", sku: String? = nil, catalog: Catalog = BuiltinCatalog.catalog) {
        self.typeName = typeName
        self.sku = sku
        self.catalog = catalog
    }

    /// Imports the file at `path`, with the GPU names from `amd-smi`'s output at `amdSmiPath`.
    ///
    /// - Parameters:
    ///   - path: The `amd-smi topology` output; `-` reads standard input.
    ///   - amdSmiPath: The output of plain `amd-smi`, for the GPUs' model, or nil.
    /// - Returns: The spec and the findings on the input, as `importText(_:path:amdSmi:)` gives them; a
    ///   file that cannot be read is one `unreadableInput` finding and no spec.
    public func importFile(path: String, amdSmiPath: String? = nil) -> ImportResult {
        let bytes: [UInt8]
        switch InputText.read(path: path) {
        case let .success(b): bytes = b
        case let .failure(d): return ImportResult(spec: nil, findings: [d], sources: [])
        }
        var listBytes: [UInt8]?
        if let amdSmiPath {
            switch InputText.read(path: amdSmiPath) {
            case let .success(b): listBytes = b
            case let .failure(d): return ImportResult(spec: nil, findings: [d], sources: [])
            }
        }
        return importText(bytes, path: path, amdSmi: listBytes.map { ($0, amdSmiPath ?? "") })
    }

    /// Imports `bytes` as if read from `path`; `amdSmi` is the text of `amd-smi`'s default view and its path.
    ///
    /// - Parameters:
    ///   - bytes: The `amd-smi topology` output.
    ///   - path: The name its findings are located in.
    ///   - amdSmi: The text and path of plain `amd-smi`'s output, for the GPUs' model, or nil.
    /// - Returns: The spec, with findings on guesses and defects; or no spec and the errors that stopped
    ///   the import (an invalid `typeName`, unusable text, tables that do not parse or agree).
    public func importText(
        _ bytes: [UInt8], path: String, amdSmi: (bytes: [UInt8], path: String)? = nil
    ) -> ImportResult {
        let text: InputText
        switch InputText.loadForImport(bytes, path: path, what: "`amd-smi topology` output", typeName: typeName) {
        case let .success(t): text = t
        case let .failure(refusal): return refusal.result
        }
        var sources = [text.source]
        let topology: AmdSmiTopology
        switch AmdSmiTopology.parse(text) {
        case let .success(t): topology = t
        case let .failure(failure): return ImportResult(spec: nil, findings: failure.diagnostics, sources: sources)
        }
        var list: AmdSmiGPUList?
        if let amdSmi {
            let listText: InputText
            switch InputText.load(amdSmi.bytes, path: amdSmi.path, what: "`amd-smi` output") {
            case let .success(t): listText = t
            case let .failure(d): return ImportResult(spec: nil, findings: [d], sources: sources)
            }
            sources.append(listText.source)
            switch AmdSmiGPUList.parse(listText) {
            case let .success(l): list = l
            case let .failure(failure): return ImportResult(spec: nil, findings: failure.diagnostics, sources: sources)
            }
        }
        var findings: [Diagnostic] = []
        let n = topology.gpuCount
        let file = path.split(separator: "/").last.map(String.init) ?? path
        var draft = DraftSpec(typeName: typeName, description: "")
        draft.scaleUpKey = "infinity_fabric"
        let busIDs = topology.labels.map { GPUNamesFile.normalizedBusID($0) }

        // The model: --sku, else the names amd-smi prints for these bus ids.
        var skuEntry: GPUSKU?
        var printedName: String?
        if let sku {
            if let entry = catalog.gpus[sku], entry.vendor == .amd {
                skuEntry = entry
            } else {
                findings.append(
                    ImportCodes.unknownGPUName.diagnostic(
                        "`\(sku)` is not an AMD GPU in the catalog; the GPUs get the placeholder `unidentified-gpu`",
                        at: text.location(line: 1)))
            }
        } else if let list {
            let names = busIDs.map { $0.flatMap { list.names[$0] } }
            let table = GPUNameTable(catalog: catalog)
            if names.contains(where: { $0 == nil }) {
                let missing = zip(topology.labels, names).filter { $0.1 == nil }.map(\.0)
                findings.append(
                    ImportCodes.gpuNamesMismatch.diagnostic(
                        "`amd-smi` names no GPU at bus id\(missing.count == 1 ? "" : "s") "
                            + missing.joined(separator: ", ")
                            + "; the GPUs get the placeholder `unidentified-gpu`", at: topology.linkTableLocation))
            } else if Set(names.compactMap { $0 }).count > 1 {
                findings.append(
                    ImportCodes.gpuNamesMismatch.diagnostic(
                        "`amd-smi` names different models ("
                            + Set(names.compactMap { $0 }).sorted().joined(separator: ", ")
                            + "); the GPUs get the placeholder `unidentified-gpu`", at: topology.linkTableLocation))
            } else if let name = names.first ?? nil {
                printedName = name
                if let id = table.sku(for: name), let entry = catalog.gpus[id], entry.vendor == .amd {
                    skuEntry = entry
                } else {
                    let bus = busIDs.first.flatMap { $0 }
                    findings.append(
                        ImportCodes.unknownGPUName.diagnostic(
                            "`\(name)` is not a GPU the catalog knows; the GPUs get the placeholder `unidentified-gpu`",
                            at: bus.flatMap { list.locations[$0] } ?? topology.linkTableLocation))
                }
            }
        }

        // xGMI: the XGMI pairs; of those, the weight table's lightest are the direct links.
        var xgmi: [(Int, Int)] = []
        var pciePairs: [(Int, Int)] = []
        var unreadable = 0
        for a in 0..<n {
            for b in (a + 1)..<max(a + 1, n) {
                switch topology.linkType[a][b] {
                case "XGMI": xgmi.append((a, b))
                case "PCIE": pciePairs.append((a, b))
                default: unreadable += 1
                }
            }
        }
        let xgmiWeights = xgmi.map { topology.weight?[$0.0][$0.1] }
        let weightsKnown = !xgmi.isEmpty && xgmiWeights.allSatisfy { ($0 ?? 0) > 0 }
        let lightest = xgmiWeights.compactMap { $0 }.min() ?? 0
        let direct = weightsKnown ? zip(xgmi, xgmiWeights).filter { $0.1 == lightest }.map(\.0) : xgmi
        let weightNote =
            weightsKnown
            ? "the weight table gives \(lightest) to \(direct.count == xgmi.count ? "every XGMI pair" : "\(direct.count) of the \(xgmi.count) XGMI pairs")"
                + " (15 per physical xGMI hop)"
            : "the weight table \(topology.weight == nil ? "is missing" : "gives no weight (0) for the XGMI pairs"), so every XGMI pair is taken as a direct link"
        let decided = XGMIWiring(
            gpus: n, direct: direct, unreadable: unreadable, tool: "`amd-smi topology`",
            unreadableForm: "N/A or UNKNOWN", unreadableCause: "N/A or UNKNOWN", evidence: weightNote)
        draft.wiring = decided.wiring
        var comment = decided.comment
        if case .links = decided.wiring, direct.count < xgmi.count {
            comment +=
                " The other \(xgmi.count - direct.count) XGMI pairs (heavier weights) reach each other through another GPU."
        }
        draft.wiringComments = [comment]
        if let message = decided.unreadableFinding {
            findings.append(ImportCodes.inferred.diagnostic(message, at: topology.linkTableLocation))
        }
        if !weightsKnown, !xgmi.isEmpty, unreadable == 0 {
            findings.append(
                ImportCodes.inferred.diagnostic(
                    "the weight table gives no weight for the XGMI pairs (the driver does not report it); every XGMI pair is taken as a direct link",
                    at: topology.linkTableLocation))
        }

        // Peer-to-peer over PCIe: the access table.
        let accessDisabled = pciePairs.filter { topology.access?[$0.0][$0.1] == "DISABLED" }
        if !accessDisabled.isEmpty, skuEntry != nil {
            findings.append(
                ImportCodes.inferred.diagnostic(
                    "the access table shows peer-to-peer DISABLED for \(accessDisabled.count) PCIe pair\(accessDisabled.count == 1 ? "" : "s"); "
                        + "the spec cannot say so for a catalog GPU: set `platform: {pcie_p2p: disabled}` if NCCL_P2P_DISABLE=1 is what the machine runs with",
                    at: topology.accessTableLocation ?? topology.linkTableLocation))
        }

        // GPUs.
        if skuEntry == nil {
            let radeon = printedName?.lowercased().contains("radeon") ?? false
            var placeholder = DraftSpec.PlaceholderGPU(
                name: printedName ?? "AMD GPU not identified (amd-smi topology)",
                formFactor: radeon ? "pcie" : "oam", hostGeneration: radeon ? 4 : 5)
            placeholder.vendor = "amd"
            placeholder.formFactorNote = "a guess from the name"
            if !xgmi.isEmpty || unreadable > 0 {
                placeholder.nvlink = DraftSpec.Capability(
                    generation: 4, links: max(1, n - 1), linkGBs: 128, nvswitch: false,
                    bridgeMaxGPUs: nil, maxDomain: max(2, n))
                placeholder.nvlinkNote =
                    "one xGMI link to each peer; generation 4 and 128 GB/s per link (MI300X's) are guesses"
            } else {
                placeholder.nvlinkNote = "the link-type table shows PCIe only"
            }
            if !accessDisabled.isEmpty, accessDisabled.count == pciePairs.count {
                placeholder.pcieP2P = false
                placeholder.pcieP2PNote = "the access table shows peer-to-peer DISABLED for every PCIe pair"
            }
            placeholder.hostNote = "unknown: amd-smi topology does not show the host link"
            placeholder.comments = [
                (printedName.map { "`amd-smi` names the GPUs \"\($0)\", which the catalog does not know" }
                    ?? "`amd-smi topology` does not name the GPU model")
                    + ": replace `unidentified-gpu` with a catalog SKU (`topospec catalog`: mi300x, mi325x, mi355x, …), "
                    + "or import again with --sku or --amd-smi; lint warns (TS404) until then."
            ]
            draft.placeholderGPU = placeholder
        }
        let allBusIDs = busIDs.allSatisfy { $0 != nil } ? busIDs.compactMap { $0 } : nil
        draft.gpuGroups = [
            DraftSpec.GPUGroup(
                sku: skuEntry?.id ?? "unidentified-gpu", count: n, busIDs: allBusIDs,
                note: printedName.map { "amd-smi: " + $0 })
        ]

        // Sockets: PCIe pairs with hops 2 share a NUMA node, hops 3 do not; xGMI pairs (hops 1) say nothing.
        var numa = UnionFind(n)
        var separated = false
        for (a, b) in pciePairs {
            switch topology.hops?[a][b] {
            case 2: numa.union(a, b)
            case 3: separated = true
            default: break
            }
        }
        let groups = Set((0..<n).map { numa.find($0) }).count
        if !xgmi.isEmpty || unreadable > 0 || topology.hops == nil {
            draft.setSocketsUnknown()
            draft.socketsNote =
                "unknown: `amd-smi topology` shows no CPU"
                + (topology.hops == nil ? "" : ", and xGMI pairs (hops 1) do not show their NUMA nodes")
                + "; write the real count (`lscpu`)"
        } else if !separated {
            draft.sockets = 1
            draft.socketsNote = "the hops table puts every GPU pair within one CPU NUMA node (hops 2)"
        } else {
            draft.setSockets(numaDomains: groups)
            draft.socketsNote =
                "one per CPU NUMA node the GPUs hang off (the hops table's 3 = different NUMA nodes)"
                + (draft.unknownSocketsCaveat.map { "; " + $0 } ?? "")
        }

        let gpuWord = "\(n) GPU\(n == 1 ? "" : "s")"
        draft.description =
            "Imported from amd-smi topology (\(file)): \(gpuWord), \(draft.socketsPhrase)"
        draft.header = [
            "Imported by `topospec import amd-smi` from \(file)"
                + (amdSmi.map { " and " + ($0.path.split(separator: "/").last.map(String.init) ?? $0.path) } ?? "")
                + ".",
            "Input: `amd-smi topology` of one node: \(gpuWord) by PCI bus id, link types (XGMI / PCIE), weights, hops and peer-to-peer "
                + "access. It shows no PCIe tree, no CPU and no NICs; add them from `lstopo --of xml` (topospec import hwloc) if you need them.",
        ]
        return ImportResult(spec: SpecWriter.write(draft), findings: findings.sorted(), sources: sources)
    }
}
