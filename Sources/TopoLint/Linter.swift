import Dispatch
import TopoDiagnostics
import TopoModel
import TopoRules
import TopoYAML

/// Runs the whole lint pipeline on one spec: libyaml parse → typed decode → rules. The CLI, the
/// benchmark and the tests all go through here.
public struct Linter: Sendable {
    /// Where the configuration comes from.
    public enum ConfigurationSource: Sendable {
        /// The nearest `.topospec.yml` above each spec.
        case discover
        /// This file, for every spec.
        case file(String)
        /// None: every rule that is not opt-in, at its default severity.
        case none
    }

    public var configurationSource: ConfigurationSource

    /// A linter that takes each spec's configuration from `configuration`.
    ///
    /// - Parameter configuration: Where the `.topospec.yml` comes from: discovered per spec, one file, or
    ///   none.
    public init(configuration: ConfigurationSource = .discover) {
        self.configurationSource = configuration
    }

    /// Seconds spent in each stage.
    public struct Timings: Sendable {
        public var parse = 0.0
        public var decode = 0.0
        public var rules = 0.0
        public var total: Double { parse + decode + rules }
    }

    /// The outcome for one file.
    public struct FileReport: Sendable {
        public var source: SourceText
        /// Other files diagnostics point into (the configuration file).
        public var otherSources: [SourceText] = []
        /// The decoded spec, when the input was usable.
        public var spec: ClusterSpec?
        public var diagnostics: [Diagnostic]
        public var timings = Timings()
        /// True when a configuration `exclude` pattern skipped the file.
        public var excluded = false
        /// The configuration file that governed the file, if any (shown in the text summary, so
        /// a nested `.topospec.yml` that disables rules or excludes files is visible).
        public var configurationPath: String?

        /// True when the file could not be used (I/O, YAML, schema, reference or configuration errors).
        public var inputFailed: Bool { spec == nil && !excluded }
        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
        public var sources: [SourceText] { [source] + otherSources }
    }

    /// Lints the file at `path` with its configuration.
    ///
    /// - Parameter path: The spec's path.
    /// - Returns: The report: the findings, or the I/O or configuration diagnostics that stopped it (with
    ///   the configuration file as another source), or `excluded` set when a pattern skips the file.
    public func lint(path: String) -> FileReport {
        var configuration = LintConfiguration()
        var configSource: SourceText?
        let configPath: String?
        switch configurationSource {
        case .discover: configPath = LintConfiguration.discover(for: path)
        case let .file(file): configPath = file
        case .none: configPath = nil
        }
        if let configPath {
            let loaded = LintConfiguration.load(configPath)
            configSource = loaded.source
            guard let c = loaded.configuration else {
                return FileReport(
                    source: SourceText(path: path, bytes: []), otherSources: [loaded.source], spec: nil,
                    diagnostics: loaded.diagnostics)
            }
            configuration = c
            if configuration.excludes(path) {
                var report = FileReport(source: SourceText(path: path, bytes: []), spec: nil, diagnostics: [])
                report.excluded = true
                report.configurationPath = configPath
                return report
            }
        }
        var report: FileReport
        do {
            report = lint(bytes: try SpecLoader.read(path), path: path, configuration: configuration)
        } catch {
            report = FileReport(source: SourceText(path: path, bytes: []), spec: nil, diagnostics: [error])
        }
        if let configSource { report.otherSources.append(configSource) }
        report.configurationPath = configPath
        return report
    }

    /// Lints `bytes` as if read from `path`.
    ///
    /// - Parameters:
    ///   - bytes: The spec's text, UTF-8.
    ///   - path: The name the report and its locations carry; nothing is read from it.
    ///   - configuration: The rules, severities and `exclude` patterns; `exclude` is not applied here.
    /// - Returns: The report with parse, decode and rule diagnostics (after inline suppressions and the
    ///   per-code cap), sorted, with each stage's time; `emptySpec` for an empty file.
    public func lint(bytes: [UInt8], path: String, configuration: LintConfiguration = LintConfiguration()) -> FileReport
    {
        var report = FileReport(source: SourceText(path: path, bytes: bytes), spec: nil, diagnostics: [])
        var start = DispatchTime.now().uptimeNanoseconds
        func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { start = now }
            return Double(now - start) / 1e9
        }
        let parsed = YAMLParser().parse(bytes, file: path)
        report.timings.parse = lap()
        guard let document = parsed.document else {
            var diagnostics = parsed.diagnostics
            if parsed.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        code: DiagnosticCode.emptySpec,
                        message:
                            "the file is empty; a spec needs at least `topospec: 1`, `cluster`, `node_types` and `nodes`",
                        location: SourceLocation(file: path, line: 1, column: 1)))
            }
            report.diagnostics = diagnostics.sorted()
            return report
        }
        let decoded = SpecDecoder.decode(document)
        report.timings.decode = lap()
        report.diagnostics = decoded.diagnostics
        if let spec = decoded.spec {
            report.spec = spec
            var findings = RuleEngine(rules: configuration.rules()).run(spec)
            for i in findings.indices {
                if let severity = configuration.severities[findings[i].code] { findings[i].severity = severity }
            }
            var suppressions = Suppressions(source: report.source)
            report.diagnostics += DiagnosticCap.apply(suppressions.apply(to: findings).sorted())
            report.timings.rules = lap()
        }
        report.diagnostics.sort()
        return report
    }
}

/// The outcome of linting several files, and the process exit status it implies.
public struct LintSummary: Sendable {
    public var files: [Linter.FileReport]

    public init(files: [Linter.FileReport]) {
        self.files = files
    }

    /// 2 when any input (or its configuration) could not be used, 1 when any finding is an error
    /// (or, with `strict`, a warning), 0 otherwise.
    ///
    /// - Parameter strict: Whether warnings fail the run too.
    /// - Returns: 2, 1 or 0.
    public func exitCode(strict: Bool = false) -> Int32 {
        LintTally(files: files).exitCode(strict: strict)
    }

    /// One line: "3 files: no findings." / "4 files: 2 errors, 1 warning in 2 files."
    public var line: String { LintTally(files: files).line }
}
