import TopoDiagnostics
import TopoImport
import TopoLint
import TopoRules

/// Every code topospec reports, each a `DiagnosticCode` with its documentation: input errors,
/// importer findings, configuration and suppression codes, and rules (with their examples and
/// opt-in flag). Backs `topospec rules`, `explain`, SARIF and `docs/rules.md`.
public enum CodeCatalog {
    /// One documented code, with the rule's examples and opt-in flag where it is a rule.
    public struct Entry: Sendable {
        public let diagnosticCode: DiagnosticCode
        public let optIn: Bool
        public let triggering: [String]
        public let nonTriggering: [String]

        public var code: String { diagnosticCode.code }
        public var slug: String { diagnosticCode.slug }
        /// The domain's name: `input`, `import`, `configuration`, or the rule category.
        public var kind: String { diagnosticCode.domain.rawValue }
        public var severity: Severity { diagnosticCode.severity }
        public var summary: String { diagnosticCode.summary }
        public var explanation: String { diagnosticCode.explanation }
    }

    /// Input errors, importer codes, verify codes, configuration codes, then rules, each in code order.
    public static let entries: [Entry] = {
        let plain =
            DiagnosticCode.inputErrors + ImportCodes.all + VerifyCodes.all + LintCodes.all + [RuleBudget.checkSkipped]
        return plain.map { Entry(diagnosticCode: $0, optIn: false, triggering: [], nonTriggering: []) }
            + RuleRegistry.all.map { rule in
                let m = rule.metadata
                return Entry(
                    diagnosticCode: m.diagnosticCode, optIn: m.optIn, triggering: m.triggering,
                    nonTriggering: m.nonTriggering)
            }
    }()

    /// Every code, in catalog order: the table SARIF describes.
    public static var codes: [DiagnosticCode] { entries.map(\.diagnosticCode) }

    /// The entry with this code or slug, case-insensitively.
    ///
    /// - Parameter name: A code (`TS101`, `ts101`) or a slug (`nvlink-unsupported-gpu`).
    /// - Returns: The matching entry, or nil; callers suggest a close name with `Suggestion`.
    /// - Complexity: O(*k*) in the catalog's entries.
    public static func entry(named name: String) -> Entry? {
        let key = name.lowercased()
        return entries.first { $0.code.lowercased() == key || $0.slug == key }
    }
}
