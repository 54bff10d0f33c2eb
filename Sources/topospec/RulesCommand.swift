import ArgumentParser
import TopoLint

/// `topospec rules`: every code topospec can report.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List every diagnostic code: input errors and rules.")

    func run() throws {
        print(RuleDocumentation.table, terminator: "")
    }
}

/// `topospec explain CODE|slug`: one code's rationale and examples.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Explain a diagnostic code (TS101) or slug (nvlink-unsupported-gpu).")

    @Argument(help: "A code or slug.")
    var name: String

    func run() throws {
        guard let entry = RuleDocumentation.entry(named: name) else {
            Terminal.error("topospec: no code or slug `\(name)`; `topospec rules` lists them\n")
            throw ExitCode(2)
        }
        print(RuleDocumentation.explain(entry), terminator: "")
    }
}
