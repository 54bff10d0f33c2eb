import TopoDiagnostics
import TopoRules

/// Text for `topospec rules` and `topospec explain`: one table of every code (input errors and
/// rules) and the full explanation of one.
public enum RuleDocumentation {
    /// One listed code: input error or rule.
    public struct Entry: Sendable {
        public var code: String
        public var slug: String
        public var kind: String
        public var severity: Severity
        public var summary: String
        public var explanation: String
        public var examples: [(triggers: Bool, spec: String)]
    }

    /// Every code, input errors first, in code order.
    public static var entries: [Entry] {
        InputError.all.map {
            Entry(code: $0.code, slug: $0.slug, kind: "input", severity: .error, summary: $0.summary,
                  explanation: $0.explanation, examples: [])
        } + RuleRegistry.all.map { rule in
            let m = rule.metadata
            return Entry(code: m.code, slug: m.slug, kind: m.category.rawValue, severity: m.severity, summary: m.summary,
                         explanation: m.rationale,
                         examples: m.triggering.map { (true, $0) } + m.nonTriggering.map { (false, $0) })
        }
    }

    /// The entry with this code or slug, case-insensitively.
    public static func entry(named name: String) -> Entry? {
        let key = name.lowercased()
        return entries.first { $0.code.lowercased() == key || $0.slug == key }
    }

    /// The `topospec rules` table.
    public static var table: String {
        entries.map { e in
            let code = e.code.padding(toLength: 7, withPad: " ", startingAt: 0)
            let slug = e.slug.padding(toLength: 30, withPad: " ", startingAt: 0)
            let kind = e.kind.padding(toLength: 12, withPad: " ", startingAt: 0)
            let severity = e.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            return "\(code)\(slug)\(kind)\(severity)\(e.summary)"
        }.joined(separator: "\n") + "\n"
    }

    /// The `topospec explain` text of one entry.
    public static func explain(_ e: Entry) -> String {
        var out = "\(e.code) \(e.slug) (\(e.kind), \(e.severity.rawValue))\n\n\(e.summary)\n\n\(e.explanation)\n"
        for example in e.examples {
            out += "\n\(example.triggers ? "Triggers" : "Does not trigger"):\n\n"
            out += example.spec.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
        }
        return out
    }
}
