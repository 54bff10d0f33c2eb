import TopoDiagnostics

/// What an importer produces: the spec it wrote (YAML text, deterministic) and what it noticed
/// in the input on the way (defects, guesses), each located in the input file. `spec` is nil when
/// the input could not be imported; `findings` then holds at least one error saying why.
public struct ImportResult: Sendable {
    public var spec: String?
    public var findings: [Diagnostic]
    /// The input files, for rendering the findings with their source lines.
    public var sources: [SourceText]

    public init(spec: String?, findings: [Diagnostic], sources: [SourceText]) {
        self.spec = spec
        self.findings = findings
        self.sources = sources
    }

    /// True when a spec was written.
    public var succeeded: Bool { spec != nil }

    /// Findings at error level.
    public var errors: [Diagnostic] { findings.filter { $0.severity == .error } }
}
