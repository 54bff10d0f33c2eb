import FoundationEssentials
import TopoDiagnostics
import TopoImport
import TopoModel
import TopoRules
import TopoTopology

/// Checks a fleet's captures against its spec, node by node. Captures with identical bytes are
/// parsed and compared once per node type (and overrides), so a fleet of identical machines
/// costs one comparison plus a file read per node.
public struct FleetVerifier: Sendable {
    /// Options of a run.
    public struct Options: Sendable {
        /// Only these nodes (nil: every node the spec declares or the directory has).
        public var nodes: Set<String>?
        /// Fraction of the predicted busbw below which an nccl-tests run is reported.
        public var threshold: Double = 0.8

        public init(nodes: Set<String>? = nil, threshold: Double = 0.8) {
            self.nodes = nodes
            self.threshold = threshold
        }
    }

    public let spec: ClusterSpec
    public let analysis: SpecAnalysis
    let expected: [ExpectedNodeType]

    /// A verifier for `spec`: analyses it and builds what each node type's captures are compared with.
    ///
    /// - Parameter spec: The decoded cluster spec.
    /// - Complexity: That of `SpecAnalysis(spec:)`, plus O(*t*) expected node types.
    public init(spec: ClusterSpec) {
        self.spec = spec
        let analysis = SpecAnalysis(spec: spec)
        self.analysis = analysis
        expected = spec.nodeTypes.typeIDs.map { t in
            ExpectedNodeType(
                type: spec.nodeTypes[t], skus: analysis.gpuSKUs[t], links: analysis.scaleUpLinks[t],
                topology: analysis.nodeTopologies[t], catalog: spec.catalog,
                networkGbps: { spec.network(named: $0)?.gbps })
        }
    }

    /// Verifies the captures in `directory`; `progress(done, total)` is called as nodes finish.
    ///
    /// - Parameters:
    ///   - directory: The captures, by node and kind, as `CaptureDirectory.scan(_:)` found them.
    ///   - options: Which nodes to check and the busbw threshold for nccl-tests runs.
    ///   - progress: Called with nodes done and nodes in all, every 256 nodes; nil for no reports.
    /// - Returns: The report: deviations per node merged into fleet groups, missing and undeclared
    ///   nodes, nccl-tests runs against their predictions, and unusable captures as input errors.
    /// - Complexity: One read per capture file, one parse and comparison per distinct content and node
    ///   type (with its failed devices), plus one prediction per nccl-tests run.
    public func verify(
        _ directory: CaptureDirectory, options: Options = Options(),
        progress: ((Int, Int) -> Void)? = nil
    ) -> VerifyReport {
        var report = VerifyReport(specPath: spec.file)
        var cache = CaptureCache()
        let wanted = options.nodes
        let declared = spec.nodes.indices.filter { wanted?.contains(spec.nodes[$0].name) ?? true }
        var perNode: [(node: Int, deviations: [(Deviation, String)])] = []
        var comparisons: [ComparisonKey: [Deviation]] = [:]
        var hwlocWithoutDevices: [String] = []
        var noIO = Set<Int>()
        var testFiles: [String] = []
        for (done, i) in declared.enumerated() {
            if let progress, done % 256 == 0 { progress(done, declared.count) }
            let node = spec.nodes[i]
            guard let files = directory.nodes[node.name] else {
                if node.state != .down {
                    perNode.append(
                        (i, [(Deviation(VerifyCodes.captureMissing, "has no capture in the directory"), "")]))
                    report.missing.append(node.name)
                }
                continue
            }
            if let path = files[.ncclTests] { testFiles.append(path) }
            var found: [(Deviation, String)] = []
            var seen = Set<String>()
            var compared = false
            for kind in [CaptureDirectory.Kind.nvidiaSmi, .ncclXML, .gpuList, .hwlocXML] {
                guard let path = files[kind], let content = cache.content(of: path, kind: kind, report: &report) else {
                    continue
                }
                compared = true
                let key = ComparisonKey(
                    type: node.typeID, failedGPUs: node.failedGPUs, failedNICs: node.failedNICs,
                    kind: kind, content: content)
                let deviations: [Deviation]
                if let cached = comparisons[key] {
                    deviations = cached
                } else {
                    let comparison = NodeComparison(
                        expected: expected[node.typeID], failedGPUs: Set(node.failedGPUs),
                        failedNICs: Set(node.failedNICs))
                    switch cache.parsed[content] {
                    case let .topology(capture)?:
                        deviations = comparison.compare(capture)
                        if !capture.showsDevices { noIO.insert(content) }
                    case let .gpuList(list)?: deviations = comparison.compare(list)
                    case nil: deviations = []
                    }
                    comparisons[key] = deviations
                    report.comparisons += 1
                }
                if noIO.contains(content) { hwlocWithoutDevices.append(node.name) }
                for d in deviations where seen.insert(d.sameness).inserted { found.append((d, path)) }
            }
            if compared { report.verified += 1 }
            if !found.isEmpty { perNode.append((i, found)) }
        }
        progress?(declared.count, declared.count)

        // Per-node findings, at the node's line in the spec; the fleet summary groups them.
        var groups: [String: Int] = [:]
        for (i, deviations) in perNode {
            let node = spec.nodes[i]
            var drift = false
            for (d, path) in deviations {
                var notes: [Diagnostic.Note] = []
                if let line = d.captureLine, !path.isEmpty {
                    notes.append(.init("seen here", at: SourceLocation(file: path, line: line, column: 1)))
                }
                report.diagnostics.append(
                    d.code.diagnostic("\(node.name): \(d.message)", at: node.location, notes: notes))
                if d.code != VerifyCodes.captureMissing { drift = true }
                if let g = groups[d.key] {
                    report.fleet[g].nodes.append(node.name)
                } else {
                    groups[d.key] = report.fleet.count
                    report.fleet.append(
                        VerifyReport.Group(
                            code: d.code, message: d.message, nodes: [node.name], location: node.location))
                }
            }
            if drift { report.drifted.append(node.name) }
        }

        // Captures of nodes the spec does not declare.
        let undeclared = directory.nodeNames.filter { spec.nodeIndex[$0] == nil && (wanted?.contains($0) ?? true) }
        if let first = undeclared.first, let files = directory.nodes[first], let path = files.values.sorted().first {
            report.undeclared = undeclared
            report.diagnostics.append(
                VerifyCodes.undeclaredNode.diagnostic(
                    "captures of \(undeclared.count) node\(undeclared.count == 1 ? "" : "s") the spec does not declare: \(Hostlist.compress(undeclared))",
                    at: SourceLocation(file: path, line: 1, column: 1),
                    help:
                        "add the node\(undeclared.count == 1 ? "" : "s") to `nodes:` in \(spec.file), or rename the capture files after the hosts"
                ))
        }
        if !hwlocWithoutDevices.isEmpty {
            let n = hwlocWithoutDevices.count
            report.diagnostics.append(
                VerifyCodes.captureNotRead.diagnostic(
                    "\(n) node\(n == 1 ? " has" : "s have") an hwloc capture without I/O devices (`lstopo --no-io`?); only \(n == 1 ? "its" : "their") sockets were compared: \(Hostlist.compress(hwlocWithoutDevices))",
                    at: nil))
        }

        // Performance acceptance over the nccl-tests runs.
        var acceptance = PerformanceAcceptance(verifier: self, threshold: options.threshold)
        for path in testFiles { acceptance.add(path: path, cache: &cache, report: &report) }
        acceptance.judge(into: &report)
        report.sources = cache.errorSources
        report.distinctCaptures = cache.distinct
        return report
    }
}

/// What identifies a comparison: the node type, the node's overrides and the capture content.
struct ComparisonKey: Hashable {
    var type: NodeTypeID
    var failedGPUs: [Int]
    var failedNICs: [String]
    var kind: CaptureDirectory.Kind
    var content: Int
}

/// Capture files read once per distinct content: each content gets an id, parsed once.
struct CaptureCache {
    enum Parsed {
        case topology(NodeCapture)
        case gpuList([GPUListEntry])
    }

    private var ids: [CaptureDirectory.Kind: [Data: Int]] = [:]
    var parsed: [Int: Parsed] = [:]
    var tests: [Int: NCCLTestsOutput] = [:]
    var failed: Set<Int> = []
    var errorSources: [SourceText] = []
    private var next = 0

    /// Distinct contents seen so far.
    var distinct: Int { next }

    /// The content id of the file at `path`, parsed on first sight; nil when it cannot be used
    /// (the error goes to `report.inputErrors`).
    mutating func content(of path: String, kind: CaptureDirectory.Kind, report: inout VerifyReport) -> Int? {
        guard let data = FileManager.default.contents(atPath: path) else {
            report.inputErrors.append(ImportCodes.unreadableInput.diagnostic("cannot read `\(path)`", at: nil))
            return nil
        }
        if let id = ids[kind]?[data] { return failed.contains(id) ? nil : id }
        let id = next
        next += 1
        ids[kind, default: [:]][data] = id
        let bytes = [UInt8](data)
        var failure: CaptureFailure?
        switch kind {
        case .nvidiaSmi:
            switch CaptureReader.nvidiaSmi(bytes, path: path) {
            case let .success(c): parsed[id] = .topology(c)
            case let .failure(f): failure = f
            }
        case .ncclXML:
            switch CaptureReader.ncclXML(bytes, path: path) {
            case let .success(c): parsed[id] = .topology(c)
            case let .failure(f): failure = f
            }
        case .gpuList:
            switch CaptureReader.gpuList(bytes, path: path) {
            case let .success(list): parsed[id] = .gpuList(list)
            case let .failure(f): failure = f
            }
        case .ncclTests:
            do {
                tests[id] = try NCCLTestsOutput.parse(bytes, path: path)
            } catch {
                failure = CaptureFailure(findings: [error], sources: [SourceText(path: path, bytes: bytes)])
            }
        case .hwlocXML:
            switch CaptureReader.hwloc(bytes, path: path) {
            case let .success(c): parsed[id] = .topology(c)
            case let .failure(f): failure = f
            }
        }
        if let failure {
            failed.insert(id)
            report.inputErrors += failure.findings.filter { $0.severity == .error }
            errorSources += failure.sources
            return nil
        }
        return id
    }
}
