import ArgumentParser
import TopoDiagnostics
import TopoLint

extension ColorChoice: ExpressibleByArgument {}

/// `topospec lint FILE...`: parse, decode and run the rules; print compiler-style diagnostics.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check specs: YAML, schema, references and the rules.",
        discussion: """
        Directories are searched for .yaml and .yml files. Exit status: 0 clean, 1 a finding at error \
        level (or a warning with --strict), 2 an input that cannot be used (I/O, YAML, schema, references).
        """
    )

    @Argument(help: "Spec files or directories.")
    var paths: [String]

    @Flag(help: "Exit 1 on warnings too.")
    var strict = false

    @Option(help: "Colour: auto (terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Print only the findings, not the summary line.")
    var quiet = false

    func run() throws {
        let files = SpecLoader.expand(paths)
        if files.isEmpty {
            Terminal.error("topospec: no .yaml or .yml files found in \(paths.joined(separator: " "))\n")
            throw ExitCode(2)
        }
        let linter = Linter()
        var reports: [Linter.FileReport] = []
        let useColor = Terminal.wantsColor(color)
        for file in files {
            let report = linter.lint(path: file)
            let renderer = DiagnosticRenderer(sources: [report.source], useColor: useColor)
            for diagnostic in report.diagnostics {
                print(renderer.render(diagnostic))
            }
            reports.append(report)
        }
        let summary = LintSummary(files: reports)
        if !quiet { print(summary.line) }
        let code = summary.exitCode(strict: strict)
        if code != 0 { throw ExitCode(code) }
    }
}
