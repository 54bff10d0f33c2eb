import TopoDiagnostics
import TopoModel

/// Imports `rocm-smi --showtopo` (AMD Instinct) as a spec with xGMI links: `infinity_fabric:
/// {mesh: all}` when every pair is `XGMI`, explicit links when only some are, `none` when the
/// table shows PCIe only. The output names neither the GPU model nor the PCIe tree: the GPUs are a
/// placeholder AMD entry (or the catalog SKU given with `sku`), the sockets are the GPUs' NUMA
/// nodes, and no PCIe tree is written.
public struct RocmSmiImporter: Sendable {
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

    /// Imports the file at `path`.
    ///
    /// - Parameter path: The `rocm-smi --showtopo` output; `-` reads standard input.
    /// - Returns: The spec and the findings on the input, as `importText(_:path:)` gives them; a file
    ///   that cannot be read is one `unreadableInput` finding and no spec.
    public func importFile(path: String) -> ImportResult {
        switch InputText.read(path: path) {
        case let .success(bytes): return importText(bytes, path: path)
        case let .failure(d): return ImportResult(spec: nil, findings: [d], sources: [])
        }
    }

    /// Imports `bytes` as if read from `path`.
    ///
    /// - Parameters:
    ///   - bytes: The `rocm-smi --showtopo` output.
    ///   - path: The name its findings are located in.
    /// - Returns: The spec, with findings on guesses and defects; or no spec and the errors that stopped
    ///   the import (an invalid `typeName`, unusable text, tables that do not parse).
    public func importText(_ bytes: [UInt8], path: String) -> ImportResult {
        let text: InputText
        switch InputText.loadForImport(bytes, path: path, what: "`rocm-smi --showtopo` output", typeName: typeName) {
        case let .success(t): text = t
        case let .failure(refusal): return refusal.result
        }
        let sources = [text.source]
        let topology: RocmSmiTopology
        switch RocmSmiTopology.parse(text) {
        case let .success(t): topology = t
        case let .failure(failure): return ImportResult(spec: nil, findings: failure.diagnostics, sources: sources)
        }
        var findings: [Diagnostic] = []
        let n = topology.gpuCount
        let file = path.split(separator: "/").last.map(String.init) ?? path
        var draft = DraftSpec(typeName: typeName, description: "")
        draft.scaleUpKey = "infinity_fabric"

        var skuEntry: GPUSKU?
        if let sku {
            if let entry = catalog.gpus[sku], entry.scaleUp?.kind == .infinityFabric || entry.scaleUp == nil {
                skuEntry = entry
            } else {
                findings.append(
                    ImportCodes.unknownGPUName.diagnostic(
                        "`\(sku)` is not an AMD GPU in the catalog; the GPUs get the placeholder `unidentified-gpu`",
                        at: text.location(line: 1)))
            }
        }

        // xGMI links: XGMI cells; `XXXX` (unreadable) leaves the pair unknown.
        var pairs: [(Int, Int)] = []
        var unreadable = 0
        for a in 0..<n {
            for b in (a + 1)..<max(a + 1, n) {
                switch topology.linkType[a][b] {
                case "XGMI": pairs.append((a, b))
                case "PCIE": break
                default: unreadable += 1
                }
            }
        }
        let decided = XGMIWiring(
            gpus: n, direct: pairs, unreadable: unreadable, tool: "`rocm-smi`", unreadableForm: "`XXXX`",
            unreadableCause: "`XXXX`: a partitioned GPU or an unsupported query")
        draft.wiring = decided.wiring
        var comment = decided.comment
        if case .links = decided.wiring { comment += " Other pairs are PCIe." }
        draft.wiringComments = [comment]
        if let message = decided.unreadableFinding {
            findings.append(ImportCodes.inferred.diagnostic(message, at: topology.linkTableLocation))
        }

        // GPUs.
        if skuEntry == nil {
            var placeholder = DraftSpec.PlaceholderGPU(
                name: "AMD GPU not identified (rocm-smi --showtopo)", formFactor: "oam", hostGeneration: 5)
            placeholder.vendor = "amd"
            if !pairs.isEmpty || unreadable > 0 {
                placeholder.nvlink = DraftSpec.Capability(
                    generation: 4, links: max(1, n - 1), linkGBs: 128, nvswitch: false,
                    bridgeMaxGPUs: nil, maxDomain: max(2, n))
                placeholder.nvlinkNote =
                    "one xGMI link to each peer; generation 4 and 128 GB/s per link (MI300X's) are guesses"
            } else {
                placeholder.nvlinkNote = "the table shows PCIe only"
            }
            placeholder.hostNote = "unknown: rocm-smi --showtopo does not show the host link"
            placeholder.comments = [
                "rocm-smi --showtopo does not name the GPU model: replace `unidentified-gpu` with a catalog SKU "
                    + "(`topospec catalog`: mi300x, mi325x, mi355x, …), or import again with --sku; lint warns (TS404) until then."
            ]
            draft.placeholderGPU = placeholder
        }
        draft.gpuGroups = [
            DraftSpec.GPUGroup(sku: skuEntry?.id ?? "unidentified-gpu", count: n, busIDs: nil, note: nil)
        ]

        // Sockets: the GPUs' NUMA nodes.
        let nodes = Set(topology.numaNode.compactMap { $0 }).sorted()
        if nodes.isEmpty {
            draft.setSocketsUnknown()
        } else {
            draft.setSockets(numaDomains: nodes.count)
        }
        draft.socketsNote =
            nodes.isEmpty
            ? "unknown: the output has no NUMA section"
            : "one per NUMA node of the GPUs (" + nodes.map(String.init).joined(separator: ", ") + ")"
                + (draft.unknownSocketsCaveat.map { "; " + $0 } ?? "")

        let gpuWord = "\(n) GPU\(n == 1 ? "" : "s")"
        draft.description =
            "Imported from rocm-smi --showtopo (\(file)): \(gpuWord), \(draft.socketsPhrase)"
        draft.header = [
            "Imported by `topospec import rocm-smi` from \(file).",
            "Input: `rocm-smi --showtopo` of one node: \(gpuWord), link types (XGMI / PCIE), NUMA nodes. It shows no PCIe tree and "
                + "no NICs, so the spec has neither; add them from `lstopo --of xml` (topospec import hwloc) if you need them.",
        ]
        return ImportResult(spec: SpecWriter.write(draft), findings: findings.sorted(), sources: sources)
    }
}
