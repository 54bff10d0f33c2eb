import TopoDiagnostics

/// What kind of problem a rule finds.
public enum RuleCategory: String, Sendable, CaseIterable {
    /// Physically impossible or contradictory hardware and wiring.
    case hardware
    /// Jobs whose shape cannot run as declared.
    case job
    /// Works, but slow.
    case performance
    /// Driver, virtualization and platform traps.
    case platform
    /// Advice and housekeeping.
    case style
}

/// Everything a user or a tool needs to know about a rule, SwiftLint-style: a stable code and
/// slug, the category and default severity, a one-line summary, the rationale with its numbers,
/// and example specs that must (and must not) trigger it. The examples run as tests.
public struct RuleMetadata: Sendable {
    public var code: String
    public var slug: String
    public var category: RuleCategory
    public var severity: Severity
    public var summary: String
    public var rationale: String
    /// Specs that must produce at least one finding of this rule.
    public var triggering: [String]
    /// Specs that must produce none.
    public var nonTriggering: [String]
    /// Opt-in rules run only when `.topospec.yml` enables them.
    public var optIn: Bool

    public init(code: String, slug: String, category: RuleCategory, severity: Severity, summary: String,
                rationale: String, triggering: [String], nonTriggering: [String], optIn: Bool = false) {
        self.code = code
        self.slug = slug
        self.category = category
        self.severity = severity
        self.summary = summary
        self.rationale = rationale
        self.triggering = triggering
        self.nonTriggering = nonTriggering
        self.optIn = optIn
    }
}
