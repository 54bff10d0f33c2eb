import TopoDiagnostics
import TopoImport
import TopoRules

/// Every code topospec reports, with slug, kind and documentation: input errors, importer
/// findings, configuration and suppression codes, and rules. Backs `topospec rules`, `explain`, JSON and SARIF output.
public enum CodeCatalog {
    /// One documented code.
    public struct Entry: Sendable {
        public var code: String
        public var slug: String
        /// `input`, `configuration`, or the rule category.
        public var kind: String
        public var severity: Severity
        public var summary: String
        public var explanation: String
        public var optIn: Bool
        public var triggering: [String]
        public var nonTriggering: [String]
    }

    /// Input errors, importer codes, configuration codes, then rules, each in code order.
    public static let entries: [Entry] = {
        InputError.all.map {
            Entry(code: $0.code, slug: $0.slug, kind: "input", severity: .error, summary: $0.summary,
                  explanation: $0.explanation, optIn: false, triggering: [], nonTriggering: [])
        } + ImportCodes.all.map {
            Entry(code: $0.code, slug: $0.slug, kind: "import", severity: $0.severity, summary: $0.summary,
                  explanation: $0.explanation, optIn: false, triggering: [], nonTriggering: [])
        } + VerifyCodes.all.map {
            Entry(code: $0.code, slug: $0.slug, kind: "verify", severity: $0.severity, summary: $0.summary,
                  explanation: $0.explanation, optIn: false, triggering: [], nonTriggering: [])
        } + LintCodes.all.map {
            Entry(code: $0.code, slug: $0.slug, kind: "configuration", severity: $0.severity, summary: $0.summary,
                  explanation: $0.explanation, optIn: false, triggering: [], nonTriggering: [])
        } + RuleRegistry.all.map { rule in
            let m = rule.metadata
            return Entry(code: m.code, slug: m.slug, kind: m.category.rawValue, severity: m.severity, summary: m.summary,
                         explanation: m.rationale, optIn: m.optIn, triggering: m.triggering, nonTriggering: m.nonTriggering)
        }
    }()

    /// The entry with this code or slug, case-insensitively.
    public static func entry(named name: String) -> Entry? {
        let key = name.lowercased()
        return entries.first { $0.code.lowercased() == key || $0.slug == key }
    }

    public static func slug(for code: String) -> String? {
        entries.first { $0.code == code }?.slug
    }
}
