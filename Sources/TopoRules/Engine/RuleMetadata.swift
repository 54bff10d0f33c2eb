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

extension RuleCategory {
    /// The diagnostic domain of the category (same name).
    public var domain: DiagnosticDomain {
        switch self {
        case .hardware: .hardware
        case .job: .job
        case .performance: .performance
        case .platform: .platform
        case .style: .style
        }
    }
}

/// Everything a user or a tool needs to know about a rule, SwiftLint-style: its documented
/// `DiagnosticCode` (stable code and slug, category, default severity, one-line summary, the
/// rationale with its numbers), and example specs that must (and must not) trigger it. The
/// examples run as tests.
public struct RuleMetadata: Sendable {
    /// The rule's code, with its documentation.
    public let diagnosticCode: DiagnosticCode
    public let category: RuleCategory
    /// Specs that must produce at least one finding of this rule.
    public let triggering: [String]
    /// Specs that must produce none.
    public let nonTriggering: [String]
    /// Opt-in rules run only when `.topospec.yml` enables them.
    public let optIn: Bool

    public init(
        code: String, slug: String, category: RuleCategory, severity: Severity, summary: String,
        rationale: String, triggering: [String], nonTriggering: [String], optIn: Bool = false
    ) {
        self.diagnosticCode = DiagnosticCode(
            code: code, slug: slug, domain: category.domain, severity: severity,
            summary: summary, explanation: rationale)
        self.category = category
        self.triggering = triggering
        self.nonTriggering = nonTriggering
        self.optIn = optIn
    }

    public var code: String { diagnosticCode.code }
    public var slug: String { diagnosticCode.slug }
    public var severity: Severity { diagnosticCode.severity }
    public var summary: String { diagnosticCode.summary }
    public var rationale: String { diagnosticCode.explanation }
}
