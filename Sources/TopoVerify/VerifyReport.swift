import TopoDiagnostics
import TopoLint
import TopoModel

/// The outcome of `topospec verify`: findings located in the spec, the fleet summary (nodes
/// grouped by identical deviation), the nccl-tests runs, and the captures that could not be used.
public struct VerifyReport: Sendable {
    /// Nodes that share one deviation.
    public struct Group: Sendable {
        public var code: VerifyCodes.Code
        public var message: String
        public var nodes: [String]
        public var location: SourceLocation
    }

    /// One nccl-tests run and its judgement.
    public struct Run: Sendable {
        public var file: String
        public var collective: String
        public var nodes: String
        public var ranks: Int
        public var bytes: Int
        public var busbw: Double
        public var predicted: Double?
        public var basis: String?
        /// nil when there is no prediction.
        public var passed: Bool?
    }

    public var specPath: String
    public var diagnostics: [Diagnostic] = []
    /// Captures that cannot be used (exit status 2).
    public var inputErrors: [Diagnostic] = []
    public var fleet: [Group] = []
    public var runs: [Run] = []
    /// Nodes with at least one capture compared.
    public var verified = 0
    public var drifted: [String] = []
    public var missing: [String] = []
    public var undeclared: [String] = []
    public var suspects: [String] = []
    /// Distinct capture contents read, and comparisons made (identical captures count once).
    public var distinctCaptures = 0
    public var comparisons = 0
    /// Texts of captures with input errors, for rendering them.
    public var sources: [SourceText] = []

    public init(specPath: String) {
        self.specPath = specPath
    }

    /// 2 when a capture could not be used, 1 when anything differs from the spec, else 0.
    public var exitCode: Int32 {
        if !inputErrors.isEmpty { return 2 }
        return diagnostics.contains { $0.severity != .info } ? 1 : 0
    }

    /// The fleet summary: one line per distinct deviation with the nodes that show it.
    public var summaryText: String {
        var out = ""
        let matched = verified - drifted.count
        out +=
            "\(verified) node\(verified == 1 ? "" : "s") verified: \(matched) match\(matched == 1 ? "es" : ""), \(drifted.count) differ"
        if !missing.isEmpty { out += "; \(missing.count) without captures" }
        if !undeclared.isEmpty { out += "; \(undeclared.count) undeclared" }
        out += ".\n"
        let groups = fleet.sorted {
            ($0.nodes.count, $1.code.code, $1.message) > ($1.nodes.count, $0.code.code, $0.message)
        }
        if !groups.isEmpty {
            out += "Fleet summary (nodes grouped by identical deviation):\n"
            for g in groups {
                out +=
                    "  \(g.code.code) \(String(g.nodes.count).leftPadded(5)) node\(g.nodes.count == 1 ? " " : "s") \(Hostlist.compress(g.nodes)): \(g.message)\n"
            }
        }
        if !runs.isEmpty {
            out += "nccl-tests runs:\n"
            for r in runs {
                let verdict: String
                if let p = r.predicted, let passed = r.passed {
                    verdict =
                        "\(BusBandwidthPrediction.percent(r.busbw / p)) % of predicted \(BusBandwidthPrediction.format(p)) GB/s, \(passed ? "pass" : "BELOW")"
                } else {
                    verdict = r.basis ?? "no prediction"
                }
                out +=
                    "  \(r.collective) on \(r.nodes) (\(r.ranks) ranks): busbw \(BusBandwidthPrediction.format(r.busbw)) GB/s, \(verdict)\n"
            }
            if !suspects.isEmpty { out += "  the shortfall narrows to \(Hostlist.compress(suspects))\n" }
        }
        return out
    }

    struct JSONGroup: Encodable {
        var code: String
        var severity: String
        var message: String
        var count: Int
        var nodes: String
    }

    struct JSONRun: Encodable {
        var file: String
        var collective: String
        var nodes: String
        var ranks: Int
        var bytes: Int
        var busbw: Double
        var predicted_busbw: Double?
        var basis: String?
        var passed: Bool?
    }

    struct JSONFinding: Encodable {
        var code: String
        var severity: String
        var message: String
        var path: String?
        var line: Int?
        var column: Int?
        var notes: [String]
        var help: String?
    }

    struct JSONDocument: Encodable {
        /// The shape's version: grammar/outputs/verify.schema.json, and grammar/outputs/README.md says when it changes.
        var schema_version = 1
        var spec: String
        var verified: Int
        var matched: Int
        var drifted: String
        var missing: String
        var undeclared: String
        var findings: [JSONFinding]
        var input_errors: [JSONFinding]
        var fleet: [JSONGroup]
        var runs: [JSONRun]
        var suspects: String
        var exit_code: Int32
    }

    /// `--format json`: findings, fleet summary and runs in one document (keys sorted).
    public var json: String {
        func finding(_ d: Diagnostic) -> JSONFinding {
            JSONFinding(
                code: d.code, severity: d.severity.rawValue, message: d.message, path: d.location?.file,
                line: d.location?.line,
                column: d.location?.column,
                notes: d.notes.map { ($0.location.map { "\($0): " } ?? "") + $0.message }, help: d.help)
        }
        let groups = fleet.sorted {
            ($0.nodes.count, $1.code.code, $1.message) > ($1.nodes.count, $0.code.code, $0.message)
        }
        return JSONText.encode(
            JSONDocument(
                spec: specPath, verified: verified, matched: verified - drifted.count,
                drifted: Hostlist.compress(drifted),
                missing: Hostlist.compress(missing), undeclared: Hostlist.compress(undeclared),
                findings: diagnostics.map(finding), input_errors: inputErrors.map(finding),
                fleet: groups.map {
                    JSONGroup(
                        code: $0.code.code, severity: $0.code.severity.rawValue, message: $0.message,
                        count: $0.nodes.count, nodes: Hostlist.compress($0.nodes))
                },
                runs: runs.map {
                    JSONRun(
                        file: $0.file, collective: $0.collective, nodes: $0.nodes, ranks: $0.ranks, bytes: $0.bytes,
                        busbw: $0.busbw, predicted_busbw: $0.predicted, basis: $0.basis, passed: $0.passed)
                },
                suspects: Hostlist.compress(suspects), exit_code: exitCode))
    }

    /// The findings as a lint summary (the spec as the file), for SARIF and GitHub output.
    ///
    /// - Parameters:
    ///   - spec: The decoded spec the captures were compared with.
    ///   - specSource: The spec's text; `diagnostics` are reported against it.
    /// - Returns: A summary of the spec's report and one report per capture file with input errors
    ///   (sorted by path, marked unusable).
    public func lintSummary(spec: ClusterSpec, specSource: SourceText) -> LintSummary {
        var files = [Linter.FileReport(verified: specSource, spec: spec, diagnostics: diagnostics)]
        if !inputErrors.isEmpty {
            var byFile: [String: [Diagnostic]] = [:]
            for d in inputErrors { byFile[d.location?.file ?? "", default: []].append(d) }
            for (path, list) in byFile.sorted(by: { $0.key < $1.key }) {
                files.append(
                    Linter.FileReport(verified: SourceText(path: path, bytes: []), spec: nil, diagnostics: list))
            }
        }
        return LintSummary(files: files)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
