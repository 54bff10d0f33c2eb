import FoundationEssentials
import TopoDiagnostics
import TopoImport
import TopoModel

/// `topospec verify --learn`: node types from a fleet's captures. Nodes with identical captures
/// form a group; the largest groups become node types (written by the importers); a smaller group
/// that differs from an accepted node type in at most `outlierLimit` places is an outlier of that
/// type, and its differences are the first findings.
public enum TemplateLearner {
    /// Most differences a group may have from a node type and still be its outlier.
    public static let outlierLimit = 3

    /// What learning produced.
    public struct Outcome: Sendable {
        /// The spec text, or nil when a capture could not be used.
        public var spec: String?
        public var findings: [Diagnostic] = []
        public var inputErrors: [Diagnostic] = []
        public var sources: [SourceText] = []
        public var summary = ""
    }

    private struct Group {
        var signature: Data
        var nodes: [String]
        var files: [CaptureDirectory.Kind: String]
    }

    private struct LearnedType {
        var name: String
        var specText: String
        var expected: ExpectedNodeType
        var nodes: [String]
        var outliers: [(nodes: [String], deviations: [Deviation])] = []
    }

    /// Learns node types from the captures in `directory`.
    ///
    /// - Parameters:
    ///   - directory: The captures; nodes without an `nvidia-smi topo -m` or NCCL XML capture are
    ///     skipped and counted in the summary.
    ///   - specPath: The path the spec will be written to, where outlier findings are located.
    /// - Returns: The spec text with its findings, or no spec and the input errors of the captures that
    ///   could not be used; with a summary line.
    /// - Complexity: One read per capture; one import per distinct group of identical captures, and a
    ///   comparison of each smaller group with each accepted node type.
    public static func learn(_ directory: CaptureDirectory, specPath: String) -> Outcome {
        var outcome = Outcome()
        // Group nodes by the bytes of their topology captures.
        var groups: [Group] = []
        var index: [Data: Int] = [:]
        var skipped: [String] = []
        for node in directory.nodeNames {
            guard let files = directory.nodes[node] else { continue }
            let kinds = [CaptureDirectory.Kind.nvidiaSmi, .ncclXML, .gpuList].filter { files[$0] != nil }
            guard files[.nvidiaSmi] != nil || files[.ncclXML] != nil else {
                skipped.append(node)
                continue
            }
            var signature = Data()
            for kind in kinds {
                guard let path = files[kind], let data = FileManager.default.contents(atPath: path) else {
                    outcome.inputErrors.append(
                        ImportCodes.unreadableInput.diagnostic("cannot read `\(files[kind] ?? node)`", at: nil))
                    continue
                }
                signature.append(contentsOf: Array("\u{0}\(kind.rawValue)\u{0}\(data.count)\u{0}".utf8))
                signature.append(data)
            }
            if let g = index[signature] {
                groups[g].nodes.append(node)
            } else {
                index[signature] = groups.count
                groups.append(Group(signature: signature, nodes: [node], files: files))
            }
        }
        guard outcome.inputErrors.isEmpty else { return outcome }
        groups.sort { ($0.nodes.count, $1.nodes[0]) > ($1.nodes.count, $0.nodes[0]) }

        var types: [LearnedType] = []
        var usedNames = Set<String>()
        for group in groups {
            // The group's captures, parsed.
            var captures: [NodeCapture] = []
            var list: [GPUListEntry]?
            for kind in [CaptureDirectory.Kind.nvidiaSmi, .ncclXML] {
                guard let path = group.files[kind], let data = FileManager.default.contents(atPath: path) else {
                    continue
                }
                let result =
                    kind == .nvidiaSmi
                    ? CaptureReader.nvidiaSmi([UInt8](data), path: path)
                    : CaptureReader.ncclXML([UInt8](data), path: path)
                switch result {
                case let .success(c): captures.append(c)
                case let .failure(f):
                    outcome.inputErrors += f.findings.filter { $0.severity == .error }
                    outcome.sources += f.sources
                }
            }
            if let path = group.files[.gpuList], let data = FileManager.default.contents(atPath: path) {
                switch CaptureReader.gpuList([UInt8](data), path: path) {
                case let .success(l): list = l
                case let .failure(f):
                    outcome.inputErrors += f.findings
                    outcome.sources += f.sources
                }
            }
            guard outcome.inputErrors.isEmpty else { return outcome }
            // An outlier of an accepted type?
            var closest: (type: Int, deviations: [Deviation])?
            for (t, type) in types.enumerated() {
                let comparison = NodeComparison(expected: type.expected, failedGPUs: [], failedNICs: [])
                var deviations: [Deviation] = []
                var keys = Set<String>()
                for d in captures.flatMap({ comparison.compare($0) }) + (list.map { comparison.compare($0) } ?? [])
                where keys.insert(d.key).inserted {
                    deviations.append(d)
                }
                if deviations.count <= outlierLimit, deviations.count < closest?.deviations.count ?? Int.max {
                    closest = (t, deviations)
                }
            }
            if let closest {
                if closest.deviations.isEmpty {
                    types[closest.type].nodes += group.nodes
                } else {
                    types[closest.type].outliers.append((group.nodes, closest.deviations))
                }
                continue
            }
            // A node type of its own, written by the importer.
            guard let (name, text, expected) = importType(group, list: list, usedNames: &usedNames, outcome: &outcome)
            else {
                return outcome
            }
            types.append(LearnedType(name: name, specText: text, expected: expected, nodes: group.nodes))
        }
        guard !types.isEmpty else {
            outcome.inputErrors.append(
                VerifyCodes.captureMissing.diagnostic(
                    "no node has an nvidia-smi or NCCL topology capture to learn a node type from", at: nil))
            return outcome
        }
        let written = SpecMerger.merge(
            types.map { ($0.name, $0.specText) },
            nodes: types.map { type in (type.nodes, type.outliers.map { ($0.nodes, $0.deviations.map(\.message)) }) })
        outcome.spec = written.text
        // Findings: each outlier group, at its line of the written spec.
        for (t, type) in types.enumerated() {
            for (o, outlier) in type.outliers.enumerated() {
                let line = written.outlierLines[t][o]
                for d in outlier.deviations {
                    outcome.findings.append(
                        VerifyCodes.learnedOutlier.diagnostic(
                            "\(Hostlist.compress(outlier.nodes)): \(d.message)",
                            at: SourceLocation(file: specPath, line: line, column: 3),
                            notes: [
                                .init(
                                    "\(outlier.nodes.count) node\(outlier.nodes.count == 1 ? "" : "s") differ\(outlier.nodes.count == 1 ? "s" : "") from node type \(type.name) (\(type.nodes.count) identical nodes) (\(d.code.code) when verified)"
                                )
                            ]))
                }
            }
        }
        var summary =
            "Learned \(types.count) node type\(types.count == 1 ? "" : "s") from \(groups.reduce(0) { $0 + $1.nodes.count }) nodes:\n"
        for type in types {
            let outliers = type.outliers.reduce(0) { $0 + $1.nodes.count }
            summary +=
                "  \(type.name): \(type.nodes.count) node\(type.nodes.count == 1 ? "" : "s") \(Hostlist.compress(type.nodes))"
            summary +=
                outliers > 0
                ? ", \(outliers) outlier\(outliers == 1 ? "" : "s") \(Hostlist.compress(type.outliers.flatMap(\.nodes)))\n"
                : "\n"
        }
        if !skipped.isEmpty {
            summary +=
                "  \(skipped.count) node\(skipped.count == 1 ? "" : "s") without a topology capture (nvidia-smi or NCCL): \(Hostlist.compress(skipped))\n"
        }
        outcome.summary = summary
        return outcome
    }

    /// Imports a group's capture as a node type named after its GPUs (`h100-sxm5-80gb-x8`).
    private static func importType(
        _ group: Group, list: [GPUListEntry]?, usedNames: inout Set<String>,
        outcome: inout Outcome
    ) -> (String, String, ExpectedNodeType)? {
        func run(_ typeName: String) -> ImportResult? {
            if let path = group.files[.nvidiaSmi], let data = FileManager.default.contents(atPath: path) {
                var names: (bytes: [UInt8], path: String)?
                if let listPath = group.files[.gpuList], let listData = FileManager.default.contents(atPath: listPath) {
                    names = ([UInt8](listData), listPath)
                }
                return NvidiaSmiTopoImporter(typeName: typeName).importText([UInt8](data), path: path, gpuNames: names)
            }
            if let path = group.files[.ncclXML], let data = FileManager.default.contents(atPath: path) {
                return NCCLTopologyImporter(typeName: typeName).importText([UInt8](data), path: path)
            }
            return nil
        }
        guard let first = run("learned"), let text = first.spec,
            let decoded = try? SpecInput.decode(Array(text.utf8), path: "learned.yaml"),
            let type = decoded.spec.nodeTypes.first
        else {
            let failed = run("learned")
            outcome.inputErrors += failed?.errors ?? []
            outcome.sources += failed?.sources ?? []
            if outcome.inputErrors.isEmpty {
                outcome.inputErrors.append(
                    ImportCodes.unreadableInput.diagnostic(
                        "the captures of \(group.nodes[0]) cannot be imported", at: nil))
            }
            return nil
        }
        var base = "\(type.skus.first ?? "gpu")-x\(type.gpus.count)"
        if let sku = type.skus.first, decoded.spec.catalog.gpus[sku]?.placeholder == true {
            base = "gpu-x\(type.gpus.count)"
        }
        var name = base
        var n = 2
        while usedNames.contains(name) {
            name = "\(base)-\(n)"
            n += 1
        }
        usedNames.insert(name)
        guard let final = run(name), let finalText = final.spec,
            let finalDecoded = try? SpecInput.decode(Array(finalText.utf8), path: "learned.yaml")
        else { return nil }
        let verifier = FleetVerifier(spec: finalDecoded.spec)
        return (name, finalText, verifier.expected[0])
    }
}
