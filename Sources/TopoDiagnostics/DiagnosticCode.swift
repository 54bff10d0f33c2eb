/// Which layer reports a code, and for rules what kind of problem it finds. The raw value is the
/// `kind` column of `topospec rules`, SARIF's rule category and JSON's `kind`.
public enum DiagnosticDomain: String, Sendable, Hashable, CaseIterable {
    /// The spec cannot be used as written (I/O, YAML, schema, references); exit status 2.
    case input
    /// An importer's finding about its input (TS5xx).
    case `import`
    /// `topospec verify`: a running node that differs from the spec (TS6xx).
    case verify
    /// topospec's own configuration and suppression comments.
    case configuration
    /// A rule: physically impossible or contradictory hardware and wiring.
    case hardware
    /// A rule: a job whose shape cannot run as declared.
    case job
    /// A rule: works, but slow.
    case performance
    /// A rule: driver, virtualization and platform traps.
    case platform
    /// A rule: advice and housekeeping.
    case style
}

/// One documented diagnostic code, after swift-syntax's `MessageID`: the stable code (`TS101`)
/// and slug (`nvlink-unsupported-gpu`), the domain, the default severity, a one-line summary and
/// the explanation `topospec explain` prints. A `Diagnostic` carries its code, so a finding cannot
/// name a code that has no documentation. Two codes are equal when their `code` strings are.
public struct DiagnosticCode: Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let slug: String
    public let domain: DiagnosticDomain
    /// The severity findings get unless `.topospec.yml` overrides it.
    public let severity: Severity
    public let summary: String
    public let explanation: String

    public init(
        code: String, slug: String, domain: DiagnosticDomain, severity: Severity, summary: String,
        explanation: String
    ) {
        self.code = code
        self.slug = slug
        self.domain = domain
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
    }

    /// Compares codes by their `code` string alone (`TS101`); the texts do not take part.
    ///
    /// - Returns: True when `a` and `b` name the same code.
    public static func == (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.code == b.code }

    /// Hashes the `code` string alone, consistent with `==`.
    ///
    /// - Parameter hasher: The hasher that receives `code`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The code, `TS101`.
    public var description: String { code }

    /// A finding of this code at `location`, at the code's default severity.
    ///
    /// - Parameters:
    ///   - message: The one-line finding.
    ///   - location: Where it is; nil for a finding about a whole file or none.
    ///   - notes: Related places.
    ///   - help: A line saying how to fix it.
    /// - Returns: A `Diagnostic` carrying this code and `severity`.
    public func diagnostic(
        _ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = [],
        help: String? = nil
    ) -> Diagnostic {
        Diagnostic(code: self, message: message, location: location, notes: notes, help: help)
    }
}
