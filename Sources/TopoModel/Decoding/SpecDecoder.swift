import TopoDiagnostics
import TopoYAML

/// Turns a parsed YAML document into a `ClusterSpec`, checking every key, type, range and
/// reference. Reports all the errors it can find; returns no spec when there are any.
public struct SpecDecoder {
    var context = DecodeContext()
    var catalog: Catalog
    let file: String
    var networkNames: [String] = []
    /// Port speed of each network that declares one, for NICs that inherit it.
    var networkGbps: [String: Double] = [:]

    init(file: String, catalog: Catalog) {
        self.file = file
        self.catalog = catalog
    }

    /// The bandwidths (Gb/s) a spec may give a network, a NIC or a NIC model; importers keep to it.
    package static let gbpsRange: ClosedRange<Double> = 0.001...1_000_000

    static let topLevelRequired = ["topospec", "cluster", "node_types", "nodes"]
    /// The top-level keys of a spec.
    static let topLevelKeys = [
        "topospec", "cluster", "description", "hardware", "node_types", "nodes",
        "nvlink_domains", "networks", "jobs", "nccl",
    ]

    /// Decodes `document` against the built-in catalog (or `catalog`, for tests).
    ///
    /// Decoding goes on after an error, so one call reports every problem it can find (unknown
    /// keys with "did you mean", wrong types, ranges, unknown or duplicate names, reference
    /// cycles, hostlists); at most 100 diagnostics of one code and 1,000 in all are kept, the
    /// rest summed up in one closing diagnostic per code.
    ///
    /// - Parameters:
    ///   - document: A document from `YAMLParser`; its `file` names every location.
    ///   - catalog: The hardware the spec may name besides its own `hardware:` entries, which are
    ///     added to it (and may not reuse its names).
    /// - Returns: The spec, or nil when there is any diagnostic: the decoder reports only input
    ///   errors (domain `input`, exit status 2), in the order found.
    /// - Complexity: Linear in the document's expanded size plus the names its hostlists expand
    ///   to (at most `Hostlist.maximumNames` nodes); the checks within a node type are bounded by
    ///   the decoder's caps on GPUs, NICs and device pairs per node type.
    public static func decode(
        _ document: YAMLDocument, catalog: Catalog = BuiltinCatalog.catalog
    )
        -> (spec: ClusterSpec?, diagnostics: [Diagnostic])
    {
        var decoder = SpecDecoder(file: document.file, catalog: catalog)
        let spec = decoder.decodeRoot(document.root)
        let diagnostics = decoder.context.sink.diagnostics
        return (diagnostics.contains { $0.severity == .error } ? nil : spec, diagnostics)
    }

    mutating func decodeRoot(_ root: YAMLNode) -> ClusterSpec? {
        if root.isNull {
            context.sink.error(.emptySpec, "the spec is empty", at: root.location)
            return nil
        }
        guard root.kind == .mapping else {
            context.sink.error(
                .rootNotMapping,
                "a spec's top level must be a mapping (`topospec: 1`, `cluster: …`), found \(root.kindDescription)",
                at: root.location)
            return nil
        }
        guard
            let top = context.mapping(
                root, "the spec", allowed: Self.topLevelKeys,
                required: Self.topLevelRequired)
        else { return nil }
        var version = 1
        if let node = top["topospec"], let value = context.int(node, "`topospec` (the DSL version)", 0...Int.max) {
            version = value
            if value != 1 {
                context.sink.error(
                    .unsupportedVersion, "this topospec reads DSL version 1; the spec says `topospec: \(value)`",
                    at: node.location)
                return nil
            }
        }
        let name = top["cluster"].flatMap { context.name($0, "`cluster`") } ?? ""
        let description = top["description"].flatMap { context.string($0, "`description`", multiline: true) }
        if let hardware = top["hardware"] {
            decodeHardware(hardware, builtin: false)
        }
        let networks = top["networks"].map { decodeNetworks($0) } ?? []
        networkNames = networks.map(\.name)
        for network in networks { if let gbps = network.gbps { networkGbps[network.name] = gbps } }
        let nodeTypes = top["node_types"].map { decodeNodeTypes($0) } ?? []
        var racks: [Rack] = []
        var nodeIndex: [String: Int] = [:]
        var nodes = top["nodes"].map { decodeNodes($0, nodeTypes: nodeTypes, racks: &racks, index: &nodeIndex) } ?? []
        let domains = top["nvlink_domains"].map { decodeDomains($0, nodes: &nodes, nodeIndex: nodeIndex) } ?? []
        let jobs =
            top["jobs"].map {
                decodeJobs($0, nodes: nodes, nodeIndex: nodeIndex, gpusPerType: nodeTypes.map(\.gpus.count))
            } ?? []
        let nccl = top["nccl"].map { decodeNCCL($0) } ?? NCCLSettings()
        if context.sink.hasErrors { return nil }
        var spec = ClusterSpec(
            file: file, version: version, name: name, description: description, catalog: catalog,
            nodeTypes: nodeTypes, nodes: nodes, racks: racks, nvlinkDomains: domains,
            networks: networks, jobs: jobs, nodeIndex: nodeIndex)
        spec.nccl = nccl
        return spec
    }

    /// Reports a reference to an unknown name, suggesting the closest known one.
    mutating func unknown(
        _ kind: String, _ name: String, at node: YAMLNode, known: [String], help: String? = nil, byParts: Bool = false
    ) {
        let hint = context.hint(for: name, in: known, byParts: byParts)
        context.sink.error(
            .unknownReference, "unknown \(kind) `\(name)`\(hint)",
            at: node.location, help: help)
    }

    /// `make()` while "did you mean" suggestions are left (see `DecodeContext.hint`), else nothing:
    /// candidate lists that cost time to build are built only for the errors that get a hint.
    func candidates(_ make: () -> [String]) -> [String] {
        context.hintsLeft > 0 ? make() : []
    }

    /// Splits `count` items into `blocks` equal consecutive blocks, or reports why not.
    mutating func blockSize(items: Int, blocks: Int, what: String, at node: YAMLNode) -> Int? {
        guard blocks > 0, items % blocks == 0 else {
            context.sink.error(
                .blockMismatch, "\(what): \(blocks) names cannot split \(items) nodes into equal blocks",
                at: node.location, help: "give a number of names that divides \(items), or one name")
            return nil
        }
        return items / blocks
    }
}
