import ArgumentParser

/// The `topospec` command line: a thin layer over the TopoLint library.
@main
struct Topospec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topospec",
        abstract: "Describe GPU cluster topology in YAML, check it, and act on it.",
        version: "0.1.0",
        subcommands: [
            LintCommand.self, PlaceCommand.self, CollectiveCommand.self, MatrixCommand.self, ImportCommand.self,
            EmitCommand.self, GraphCommand.self, ReportCommand.self, DiffCommand.self, VerifyCommand.self,
            RulesCommand.self, ExplainCommand.self, CatalogCommand.self,
        ],
        defaultSubcommand: nil
    )
}
