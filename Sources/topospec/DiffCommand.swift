import ArgumentParser
import TopoEmit
import TopoLint

/// The formats `topospec diff` prints.
enum DiffFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

/// `topospec diff A B`: what changed between two versions of a spec, by meaning.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Compare two specs: hardware, node types, nodes, racks, domains, networks, jobs, findings, communication time.",
        discussion:
            "Exits 0 when the specs mean the same, 1 when they differ (like diff(1)), 2 when one cannot be read.")

    @Argument(help: "The spec before.") var before: String
    @Argument(help: "The spec after.") var after: String
    @Option(help: "text or json.") var format: DiffFormat = .text

    func run() throws {
        let a = Linter().lint(path: before), b = Linter().lint(path: after)
        try requireSpecs([a, b])
        guard let specA = a.spec, let specB = b.spec else { return }
        let diff = SpecDiff.compare(specA, a.diagnostics, specB, b.diagnostics)
        switch format {
        case .text: print(diff.text(before, after), terminator: "")
        case .json: print(diff.json(before, after), terminator: "")
        }
        if !diff.isEmpty { throw ExitCode(1) }
    }
}
