import ArgumentParser
import TopoDiagnostics
import TopoEmit
import TopoLint
import TopoModel

/// The one way a command gives up on unusable input: `COMMAND: MESSAGE` on standard error, exit
/// status 2.
func fail(_ message: String, from command: String = "topospec") throws -> Never {
    Terminal.error("\(command): \(message)\n")
    throw ExitCode(2)
}

/// Runs an emitter or a file write; its refusal (an `EmitFailure`, an `AtomicFile.Failure`)
/// becomes `topospec: MESSAGE` and exit status 2.
func exitOnFailure<Output>(_ body: () throws -> Output) throws -> Output {
    do {
        return try body()
    } catch {
        try fail("\(error)")
    }
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

/// The file name shown in generated headers: the spec's last path component, so output does not
/// depend on where the command ran.
func displayName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}

/// Prints `text`, or writes it atomically to `output`.
func deliver(_ text: String, to output: String?) throws {
    guard let output else {
        print(text, terminator: "")
        return
    }
    try exitOnFailure {
        try AtomicFile.write(text, to: output, executable: text.hasPrefix("#!"))
    }
}

/// Resolves `--type` / `--node` to a node type (and node), or exits 2 with the choices.
func chooseType(_ spec: ClusterSpec, type: String?, node: String?) throws -> (NodeTypeID, Node?) {
    let names = spec.nodeTypes.map(\.name)
    if let node {
        guard let n = spec.nodeIndex[node] else {
            try fail("no node `\(node)`\(Suggestion.hint(for: node, in: spec.nodes.prefix(10_000).map(\.name)))")
        }
        let typeName = spec.nodeTypes[spec.nodes[n].typeID].name
        if let type, type != typeName {
            try fail("node `\(node)` is of type `\(typeName)`, not `\(type)`; give --node or --type, not both")
        }
        return (spec.nodes[n].typeID, spec.nodes[n])
    }
    if let type {
        guard let t = spec.nodeTypeIndex[type] else {
            try fail(
                "no node type `\(type)`\(Suggestion.hint(for: type, in: names)); types: \(names.joined(separator: ", "))"
            )
        }
        return (t, nil)
    }
    if names.count == 1 { return (NodeTypeID(0), nil) }
    try fail(
        "the spec has \(names.count) node types; choose one with --type (\(names.joined(separator: ", "))) or --node")
}

/// Resolves `--job` to a job index, or exits 2 with the choices.
func chooseJob(_ spec: ClusterSpec, _ name: String?) throws -> Int? {
    guard let name else { return nil }
    guard let j = spec.jobs.firstIndex(where: { $0.name == name }) else {
        let names = spec.jobs.map(\.name)
        try fail(
            "no job `\(name)`\(Suggestion.hint(for: name, in: names)); jobs: \(names.isEmpty ? "none" : names.joined(separator: ", "))"
        )
    }
    return j
}
