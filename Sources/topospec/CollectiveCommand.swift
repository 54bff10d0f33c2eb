import ArgumentParser
import FoundationEssentials
import TopoDiagnostics
import TopoModel
import TopoTopology

/// `topospec collective SPEC --op OP --nodes HOSTLIST …`: what NCCL would achieve for one
/// collective on the spec's hardware, printed like nccl-tests; `--compare FILE` checks a real
/// nccl-tests run against it.
struct CollectiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collective",
        abstract: "Predict nccl-tests results for a collective on a spec's GPUs, or compare a real run with them.")

    @Argument(help: "A spec file.") var spec: String
    @Option(
        help:
            "all_reduce, all_gather, reduce_scatter, alltoall, broadcast, reduce or sendrecv (with --compare: read from the file)."
    )
    var op: String?
    @Option(
        help:
            "The nodes, as a hostlist (`gpu[001-016]`); with --compare: the first nodes of the spec, as many as the run's hosts."
    )
    var nodes: String?
    @Option(name: .customLong("gpus-per-node"), help: "GPUs per node (default: every healthy GPU).") var gpusPerNode:
        Int?
    @Option(help: "Message size: bytes, or with K/M/G (powers of 2, as nccl-tests). Default 1G.") var bytes: String?
    @Option(help: "Sizes MIN:MAX:FACTOR, as nccl-tests' -b/-e/-f.") var sweep: String?
    @Option(help: "auto, ring, tree, nvls, nvlstree, collnet or pat.") var algo: String = "auto"
    @Option(help: "text or json.") var format: String = "text"
    @Option(help: "An nccl-tests output file to compare with the prediction.") var compare: String?
    @Option(help: "With --compare: flag sizes measured below this percentage of the prediction.") var threshold:
        Double = 80

    func run() throws {
        guard format == "text" || format == "json" else { try fail("--format must be text or json, not `\(format)`") }
        let algorithm: CollectiveAlgorithm?
        if algo == "auto" {
            algorithm = nil
        } else if let a = CollectiveAlgorithm(rawValue: algo), a != .p2p {
            algorithm = a
        } else {
            try fail("--algo must be auto, ring, tree, nvls, nvlstree, collnet or pat, not `\(algo)`")
        }
        guard threshold > 0, threshold <= 1000 else { try fail("--threshold must be a percentage above 0") }
        if compare != nil, bytes != nil || sweep != nil {
            try fail("--compare takes its sizes from the file; drop --bytes / --sweep")
        }
        if bytes != nil, sweep != nil { try fail("give --bytes or --sweep, not both") }
        var measured: NCCLTestsOutput?
        if let compare {
            guard let data = FileManager.default.contents(atPath: compare),
                let text = String(data: data, encoding: .utf8)
            else {
                try fail("cannot read \(compare)")
            }
            let parsed = NCCLTestsOutput(text: text)
            guard !parsed.rows.isEmpty else { try fail("\(compare): no nccl-tests result rows found") }
            measured = parsed
        }
        let opName = op ?? measured?.operation?.rawValue
        guard let opName else {
            try fail(
                measured == nil
                    ? "--op is required" : "\(compare ?? ""): the operation is not named in the file; give --op")
        }
        guard let operation = CollectiveOperation(rawValue: opName) else {
            try fail(
                "--op must be one of \(CollectiveOperation.allCases.map(\.rawValue).joined(separator: ", ")), not `\(opName)`"
            )
        }
        let decoded = try loadSpec(spec)
        let context = SpecAnalysis(spec: decoded)
        // Nodes.
        var nodeIndices: [Int] = []
        if let nodes {
            switch Hostlist.expand(nodes) {
            case let .failure(failure): try fail("--nodes: \(failure.message)")
            case let .success(names):
                for name in names {
                    guard let i = decoded.nodeIndex[name] else { try fail("--nodes: no node `\(name)` in \(spec)") }
                    nodeIndices.append(i)
                }
            }
        } else if let measured {
            let wanted = max(1, measured.hosts.count)
            nodeIndices = decoded.nodes.indices.filter { decoded.nodes[$0].state != .down }.prefix(wanted).map { $0 }
            guard nodeIndices.count == wanted else {
                try fail("the run used \(wanted) hosts; \(spec) has \(nodeIndices.count) usable nodes")
            }
        } else {
            try fail("--nodes is required")
        }
        let perNode = gpusPerNode ?? measured.flatMap { m in m.hosts.isEmpty ? nil : m.ranks / m.hosts.count }
        if let perNode, perNode < 1 { try fail("--gpus-per-node must be at least 1") }
        var slots: [(node: Int, gpu: Int)] = []
        for n in nodeIndices {
            let node = decoded.nodes[n]
            let healthy = decoded.nodeTypes[node.typeID].gpus.indices.filter { !node.failedGPUs.contains($0) }
            if let perNode, perNode > healthy.count {
                try fail("--gpus-per-node \(perNode): node `\(node.name)` has \(healthy.count) healthy GPUs")
            }
            slots += healthy.prefix(perNode ?? healthy.count).map { (node: n, gpu: $0) }
        }
        guard slots.count > 1 else { try fail("a collective needs at least 2 GPUs; the selection has \(slots.count)") }
        let group = CollectiveGroup(context: context, slots: slots)
        let model = CollectiveModel(group: group)
        if let algorithm, let reason = model.unavailableReason(algorithm, for: operation) {
            try fail("--algo \(algorithm.rawValue): \(reason)")
        }
        // Sizes.
        var sizes: [Int]
        if let measured {
            sizes = measured.rows.map(\.bytes)
        } else if let sweep {
            let parts = sweep.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let low = Self.parseSize(parts[0]), let high = Self.parseSize(parts[1]),
                let factor = Int(parts[2]),
                factor >= 2, low >= 1, low <= high
            else {
                try fail(
                    "--sweep must be MIN:MAX:FACTOR with sizes like 8, 64K, 1G and a factor of at least 2, not `\(sweep)`"
                )
            }
            sizes = []
            var s = low
            while s <= high && sizes.count < 64 {
                sizes.append(s)
                let (next, overflow) = s.multipliedReportingOverflow(by: factor)
                if overflow { break }
                s = next
            }
        } else {
            guard let size = Self.parseSize(bytes ?? "1G") else {
                try fail("--bytes must be a size like 8, 64K, 256M or 1G, not `\(bytes ?? "")`")
            }
            sizes = [size]
        }
        let estimates = sizes.compactMap { model.estimate(operation, bytes: $0, algorithm: algorithm) }
        guard estimates.count == sizes.count else { try fail("no estimate for this selection") }
        let explanation = Self.bottleneck(group)
        if let measured {
            let flagged = printComparison(measured, estimates, operation, group, explanation)
            if flagged > 0 { throw ExitCode(1) }
            return
        }
        if format == "json" {
            let results = estimates.map { e in
                PredictedSize(
                    bytes: e.bytes, time_us: Self.rounded(e.seconds * 1e6, 2), algbw_gbs: Self.rounded(e.algbwGBs, 2),
                    busbw_gbs: Self.rounded(e.busbwGBs, 2), algorithm: e.algorithm.displayName,
                    protocol: e.protocol.displayName)
            }
            print(
                JSONText.encode(
                    CollectivePredictionDocument(
                        op: operation.rawValue, ranks: group.ranks, nodes: group.networkNodes,
                        bottleneck: explanation, results: results)), terminator: "")
            return
        }
        print(
            "# topospec collective: \(operation.rawValue), \(group.ranks) ranks on \(group.networkNodes) node\(group.networkNodes == 1 ? "" : "s") (\(group.ranksPerNode) per node)"
        )
        print("# bottleneck: \(explanation)")
        print(
            "#" + Self.pad("size", 12) + Self.pad("count", 14) + Self.pad("type", 7) + Self.pad("time", 11)
                + Self.pad("algbw", 9) + Self.pad("busbw", 9) + "  algorithm/protocol")
        print(
            "#" + Self.pad("(B)", 12) + Self.pad("(elements)", 14) + Self.pad("", 7) + Self.pad("(us)", 11)
                + Self.pad("(GB/s)", 9) + Self.pad("(GB/s)", 9))
        for e in estimates {
            print(
                " " + Self.pad(String(e.bytes), 12) + Self.pad(String(e.bytes / 4), 14) + Self.pad("float", 7)
                    + Self.pad(Self.fixed(e.seconds * 1e6, 1), 11) + Self.pad(Self.fixed(e.algbwGBs, 2), 9)
                    + Self.pad(Self.fixed(e.busbwGBs, 2), 9) + "  \(e.algorithm.displayName)/\(e.protocol.displayName)")
        }
    }

    /// Prints measured vs predicted busbw per size; returns how many sizes fell below the threshold.
    private func printComparison(
        _ measured: NCCLTestsOutput, _ estimates: [CollectiveEstimate], _ op: CollectiveOperation,
        _ group: CollectiveGroup, _ explanation: String
    ) -> Int {
        if measured.ranks > 0 && measured.ranks != group.ranks {
            Terminal.error(
                "topospec: warning: the run has \(measured.ranks) ranks; the prediction uses \(group.ranks)\n")
        }
        var flagged = 0
        var lines: [String] = []
        var compared: [ComparedSize] = []
        for (row, e) in zip(measured.rows, estimates) {
            let ratio = e.busbwGBs > 0 ? row.busbwGBs / e.busbwGBs * 100 : 0
            let low = ratio < threshold
            if low { flagged += 1 }
            if format == "json" {
                compared.append(
                    ComparedSize(
                        bytes: row.bytes, measured_busbw_gbs: Self.rounded(row.busbwGBs, 2),
                        predicted_busbw_gbs: Self.rounded(e.busbwGBs, 2), percent: Self.rounded(ratio, 1),
                        algorithm: e.algorithm.displayName, protocol: e.protocol.displayName, flagged: low))
            } else {
                lines.append(
                    " " + Self.pad(String(row.bytes), 12) + Self.pad(Self.fixed(row.busbwGBs, 2), 10)
                        + Self.pad(Self.fixed(e.busbwGBs, 2), 11)
                        + Self.pad(Self.fixed(ratio, 0) + "%", 8)
                        + "  \(e.algorithm.displayName)/\(e.protocol.displayName)" + (low ? "  LOW" : ""))
            }
        }
        if format == "json" {
            print(
                JSONText.encode(
                    CollectiveComparisonDocument(
                        op: op.rawValue, ranks: group.ranks, nodes: group.networkNodes, bottleneck: explanation,
                        threshold_percent: Self.rounded(threshold, 1), flagged: flagged, results: compared)),
                terminator: "")
        } else {
            print(
                "# topospec collective --compare: \(op.rawValue), \(group.ranks) ranks on \(group.networkNodes) node\(group.networkNodes == 1 ? "" : "s"); bottleneck: \(explanation)"
            )
            print(
                "#" + Self.pad("size", 12) + Self.pad("measured", 10) + Self.pad("predicted", 11) + Self.pad("ratio", 8)
                    + "  algorithm/protocol   (busbw, GB/s)")
            lines.forEach { print($0) }
            print(
                flagged == 0
                    ? "# every size reaches \(Self.fixed(threshold, 0))% of the prediction"
                    : "# \(flagged) size\(flagged == 1 ? "" : "s") below \(Self.fixed(threshold, 0))% of the prediction"
            )
        }
        return flagged
    }

    /// One line on what limits the collective.
    static func bottleneck(_ g: CollectiveGroup) -> String {
        var parts: [String] = []
        if let intra = g.intraGBs { parts.append("\(g.intraLink.rawValue) \(fixed(intra, 0)) GB/s per GPU") }
        if g.networkNodes > 1 {
            parts.append(
                "\(g.nicLabel) per node (\(fixed(g.nicGBs, 1)) GB/s each, \(fixed(g.networkGBsPerNode, 0)) GB/s)")
        }
        if g.nvlsComputeCapability != nil { parts.append("NVLink SHARP") }
        if g.networkNodes > 1, g.netPluginLatency > 0 {
            parts.append("network plugin latency \(fixed(g.netPluginLatency, 0)) µs per hop")
        }
        if let allowed = g.protocols {
            parts.append(
                "NCCL_PROTO=" + NCCLProtocol.allCases.filter(allowed.contains).map(\.displayName).joined(separator: ",")
            )
        }
        return parts.joined(separator: "; ")
    }

    /// nccl-tests sizes: plain bytes or K/M/G (powers of 2).
    static func parseSize(_ text: String) -> Int? {
        guard let last = text.last else { return nil }
        let shifts: [Character: Int] = ["K": 10, "k": 10, "M": 20, "m": 20, "G": 30, "g": 30]
        let (digits, shift) = shifts[last].map { (String(text.dropLast()), $0) } ?? (text, 0)
        guard let value = Int(digits), value > 0 else { return nil }
        let (result, overflow) = value.multipliedReportingOverflow(by: 1 << shift)
        return overflow || result > 1 << 40 ? nil : result
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        Format.fixed(value, digits)
    }

    /// `value` rounded to `digits` decimals, for JSON.
    static func rounded(_ value: Double, _ digits: Int) -> Double {
        Double(Format.fixed(value, digits)) ?? value
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}

/// `topospec collective --format json` (grammar/outputs/collective.schema.json): a prediction per size.
struct CollectivePredictionDocument: Encodable {
    /// The shape's version (grammar/outputs/README.md says when it changes).
    var schema_version = 1
    var op: String
    var ranks: Int
    var nodes: Int
    var bottleneck: String
    var results: [PredictedSize]
}

/// One message size of a prediction.
struct PredictedSize: Encodable {
    var bytes: Int
    var time_us: Double
    var algbw_gbs: Double
    var busbw_gbs: Double
    var algorithm: String
    var `protocol`: String
}

/// `topospec collective --compare FILE --format json`: measured against predicted per size.
struct CollectiveComparisonDocument: Encodable {
    var schema_version = 1
    var op: String
    var ranks: Int
    var nodes: Int
    var bottleneck: String
    var threshold_percent: Double
    var flagged: Int
    var results: [ComparedSize]
}

/// One message size of a comparison.
struct ComparedSize: Encodable {
    var bytes: Int
    var measured_busbw_gbs: Double
    var predicted_busbw_gbs: Double
    var percent: Double
    var algorithm: String
    var `protocol`: String
    var flagged: Bool
}
