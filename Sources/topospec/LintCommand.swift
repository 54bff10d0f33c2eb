import ArgumentParser
import TopoCodes
import TopoDiagnostics
import TopoLint

extension ColorChoice: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

/// `topospec lint FILE...`: parse, decode and run the rules; print diagnostics in the chosen
/// format.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check specs: YAML, schema, references and the rules.",
        discussion: """
            Directories are searched for .yaml and .yml files. The nearest .topospec.yml above each spec \
            configures rules (disable, enable, severity, exclude). Exit status: 0 clean, 1 a finding at \
            error level (or a warning with --strict), 2 an input or configuration that cannot be used.
            """
    )

    @Argument(help: "Spec files or directories.")
    var paths: [String]

    @Option(help: "Output: text, json, sarif (SARIF 2.1.0) or github (workflow annotations).")
    var format: OutputFormat = .text

    @Flag(help: "Exit 1 on warnings too.")
    var strict = false

    @Option(help: "Use this configuration file instead of the nearest .topospec.yml.")
    var config: String?

    @Flag(name: .customLong("no-config"), help: "Ignore .topospec.yml files.")
    var noConfig = false

    @Option(help: "Colour (text format): auto (terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Text format: print only the findings, not the summary line.")
    var quiet = false

    func run() throws {
        let files = SpecLoader.expand(paths)
        if files.isEmpty {
            try fail("no .yaml or .yml files found in \(paths.joined(separator: " "))")
        }
        let source: Linter.ConfigurationSource = noConfig ? .none : config.map { .file($0) } ?? .discover
        let linter = Linter(configuration: source)
        let useColor = format == .text && Terminal.wantsColor(color, for: .standardOutput)
        // Every format is written as the files are linted; only counts are kept (issue 12: a
        // run over many files held every file, its spec and its diagnostics until the end).
        var tally = LintTally()
        var json = JSONOutput.Stream()
        var sarif = SARIFOutput.Stream(codes: format == .sarif ? CodeCatalog.codes : [])
        switch format {
        case .json: print(json.head, terminator: "")
        case .sarif: print(sarif.head, terminator: "")
        case .text, .github: break
        }
        var governed: [String: (excluded: Int, count: Int)] = [:]
        for file in files {
            let report = linter.lint(path: file)
            tally.add(report)
            if let path = report.configurationPath {
                let current = governed[path] ?? (0, 0)
                governed[path] = (current.excluded + (report.excluded ? 1 : 0), current.count + 1)
            }
            switch format {
            case .text:
                let renderer = DiagnosticRenderer(sources: report.sources, useColor: useColor)
                for diagnostic in report.diagnostics { print(renderer.render(diagnostic)) }
            case .json: print(json.file(report), terminator: "")
            case .sarif: print(sarif.file(report), terminator: "")
            case .github: print(GitHubOutput.render(LintSummary(files: [report])), terminator: "")
            }
        }
        switch format {
        case .text:
            if !quiet {
                // Each configuration that turned something off says so (issue 12: a nested
                // `.topospec.yml` with `exclude: ["**"]` made lint exit 0 without a word).
                for path in governed.keys.sorted() {
                    guard let counts = governed[path] else { continue }
                    if let note = LintConfiguration.visibilityNote(
                        path: path, excluded: counts.excluded, of: counts.count)
                    {
                        print("note: configuration " + note)
                    }
                }
                print(tally.line)
            }
        case .json: print(json.end(strict: strict), terminator: "")
        case .sarif: print(sarif.end(), terminator: "")
        case .github: break
        }
        let code = tally.exitCode(strict: strict)
        if code != 0 { throw ExitCode(code) }
    }
}
