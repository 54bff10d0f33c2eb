import ArgumentParser
import TopoDiagnostics
import TopoEmit
import TopoLint
import TopoModel

/// `topospec emit …`: files generated from a reviewed spec.
struct EmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emit",
        abstract: "Generate files from a spec: NCCL topology XML, Slurm topology, Kubernetes labels.",
        subcommands: [EmitNCCLTopology.self, EmitSlurmTopology.self, EmitKubernetesLabels.self])
}

/// Loads a spec for a command, printing its problems and exiting 2 when it cannot be used.
func loadSpec(_ path: String) throws -> ClusterSpec {
    let report = Linter().lint(path: path)
    guard let spec = report.spec else {
        let renderer = DiagnosticRenderer(sources: report.sources, useColor: Terminal.wantsColor(.auto))
        for diagnostic in report.diagnostics { Terminal.error(renderer.render(diagnostic) + "\n") }
        throw ExitCode(2)
    }
    if report.errorCount > 0 {
        Terminal.error("topospec: warning: \(path) has \(report.errorCount) error\(report.errorCount == 1 ? "" : "s") (see `topospec lint \(path)`); the output follows the spec as written\n")
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
    if case let .failure(failure) = AtomicFile.write(text, to: output, executable: text.hasPrefix("#!")) {
        Terminal.error("topospec: \(failure)\n")
        throw ExitCode(2)
    }
}

/// Resolves `--type` / `--node` to a node type (and node), or exits 2 with the choices.
func chooseType(_ spec: ClusterSpec, type: String?, node: String?) throws -> (Int, Node?) {
    let names = spec.nodeTypes.map(\.name)
    if let node {
        guard let n = spec.nodeIndex[node] else {
            Terminal.error("topospec: no node `\(node)`\(Suggestion.hint(for: node, in: spec.nodes.prefix(10_000).map(\.name)))\n")
            throw ExitCode(2)
        }
        let typeName = spec.nodeTypes[spec.nodes[n].typeIndex].name
        if let type, type != typeName {
            Terminal.error("topospec: node `\(node)` is of type `\(typeName)`, not `\(type)`; give --node or --type, not both\n")
            throw ExitCode(2)
        }
        return (spec.nodes[n].typeIndex, spec.nodes[n])
    }
    if let type {
        guard let t = spec.nodeTypeIndex[type] else {
            Terminal.error("topospec: no node type `\(type)`\(Suggestion.hint(for: type, in: names)); types: \(names.joined(separator: ", "))\n")
            throw ExitCode(2)
        }
        return (t, nil)
    }
    if names.count == 1 { return (0, nil) }
    Terminal.error("topospec: the spec has \(names.count) node types; choose one with --type (\(names.joined(separator: ", "))) or --node\n")
    throw ExitCode(2)
}

/// `topospec emit nccl-topo SPEC --type T | --node N [-o FILE]`.
struct EmitNCCLTopology: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nccl-topo", abstract: "An NCCL topology file (for NCCL_TOPO_FILE) of a node type or node.")

    @Argument(help: "A spec file.") var spec: String
    @Option(help: "The node type.") var type: String?
    @Option(help: "A node: its type, without its failed GPUs and NICs.") var node: String?
    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.") var output: String?

    func run() throws {
        let decoded = try loadSpec(spec)
        let (typeIndex, node) = try chooseType(decoded, type: type, node: node)
        if let refusal = NCCLTopologyEmitter.unsupported(spec: decoded, typeIndex: typeIndex) {
            Terminal.error("topospec: \(refusal)\n")
            throw ExitCode(2)
        }
        try deliver(NCCLTopologyEmitter.render(spec: decoded, typeIndex: typeIndex, node: node, source: displayName(spec)), to: output)
    }
}

/// `topospec emit slurm-topology SPEC [--block] [-o FILE]`.
struct EmitSlurmTopology: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm-topology",
        abstract: "Slurm topology: topology.conf (tree, one leaf switch per rack) or, with --block, topology.yaml with NVLink-domain blocks.")

    @Argument(help: "A spec file.") var spec: String
    @Flag(help: "Write topology.yaml (Slurm 25.05+) with a block topology of the NVLink domains and the rack tree.") var block = false
    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.") var output: String?

    func run() throws {
        let decoded = try loadSpec(spec)
        if block {
            switch SlurmTopologyEmitter.blockYAML(spec: decoded, source: displayName(spec)) {
            case let .success(text): try deliver(text, to: output)
            case let .failure(failure):
                Terminal.error("topospec: \(failure)\n")
                throw ExitCode(2)
            }
        } else {
            try deliver(SlurmTopologyEmitter.treeConf(spec: decoded, source: displayName(spec)), to: output)
        }
    }
}

/// `topospec emit k8s-labels SPEC [-o FILE]`.
struct EmitKubernetesLabels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s-labels",
        abstract: "A shell script that labels Kubernetes nodes with NVLink domain and rack and applies a Kueue Topology.")

    @Argument(help: "A spec file.") var spec: String
    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.") var output: String?

    func run() throws {
        let decoded = try loadSpec(spec)
        try deliver(KubernetesLabelsEmitter.script(spec: decoded, source: displayName(spec)), to: output)
    }
}
