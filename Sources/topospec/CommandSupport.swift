import ArgumentParser
import TopoDiagnostics
import TopoLint
import TopoModel

/// The one way a command gives up on unusable input: `topospec: MESSAGE` on standard error, exit
/// status 2.
func fail(_ message: String) throws -> Never {
    Terminal.error("topospec: \(message)\n")
    throw ExitCode(2)
}

/// Prints diagnostics to standard error the way `lint` prints them, coloured when standard error
/// is a terminal.
func printToStandardError(_ diagnostics: [Diagnostic], sources: [SourceText], color: ColorChoice = .auto) {
    let renderer = DiagnosticRenderer(sources: sources, useColor: Terminal.wantsColor(color, for: .standardError))
    for diagnostic in diagnostics { Terminal.error(renderer.render(diagnostic) + "\n") }
}

/// Exits 2, after printing their diagnostics, when any of `reports` has no usable spec.
func requireSpecs(_ reports: [Linter.FileReport]) throws {
    let unusable = reports.filter { $0.spec == nil }
    guard !unusable.isEmpty else { return }
    for report in unusable { printToStandardError(report.diagnostics, sources: report.sources) }
    throw ExitCode(2)
}

/// Lints a spec once for a command: the decoded spec with its findings, or exit 2 with the
/// problems printed when it cannot be used.
func lintSpec(_ path: String) throws -> (spec: ClusterSpec, report: Linter.FileReport) {
    let report = Linter().lint(path: path)
    try requireSpecs([report])
    guard let spec = report.spec else { throw ExitCode(2) }
    return (spec, report)
}

/// Loads a spec for a command that writes from it; warns on standard error when the spec has
/// error-level findings (the output follows the spec as written).
func loadSpec(_ path: String) throws -> ClusterSpec {
    let (spec, report) = try lintSpec(path)
    if report.errorCount > 0 {
        Terminal.error(
            "topospec: warning: \(path) has \(Format.count(report.errorCount, "error")) (see `topospec lint \(path)`); the output follows the spec as written\n"
        )
    }
    return spec
}
