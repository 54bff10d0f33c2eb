import ArgumentParser
import TopoCodes
import TopoLint
import TopoModel

/// The formats `topospec rules` prints.
enum RulesFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, markdown
}

/// `topospec rules`: every code topospec can report.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List every diagnostic code: input errors, configuration codes and rules.")

    @Option(help: "text (a table), json, or markdown (docs/rules.md).")
    var format: RulesFormat = .text

    func run() throws {
        switch format {
        case .text: print(RuleDocumentation.table, terminator: "")
        case .json: print(RuleDocumentation.json, terminator: "")
        case .markdown: print(RuleDocumentation.markdown, terminator: "")
        }
    }
}

/// `topospec explain CODE|slug`: one code's rationale and examples.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Explain a diagnostic code (TS101) or slug (nvlink-unsupported-gpu).")

    @Argument(help: "A code or slug.")
    var name: String

    func run() throws {
        guard let entry = CodeCatalog.entry(named: name) else {
            let hint = Suggestion.namesHint(for: name, in: CodeCatalog.entries.map(\.slug))
            let code =
                hint.isEmpty ? Suggestion.hint(for: name.uppercased(), in: CodeCatalog.entries.map(\.code)) : hint
            try fail("no code or slug `\(name)`\(code)\(code.isEmpty ? ";" : "") `topospec rules` lists them")
        }
        print(RuleDocumentation.explain(entry), terminator: "")
    }
}
