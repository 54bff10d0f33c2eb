import ArgumentParser
import TopoDiagnostics
import TopoLint
import TopoModel

/// `topospec matrix SPEC [--type T | --node N]`: a node type's topology as `nvidia-smi topo -m`
/// prints it.
struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Print a node type's GPU/NIC topology matrix, like `nvidia-smi topo -m`.")

    @Argument(help: "A spec file.")
    var spec: String

    @Option(help: "The node type to print.")
    var type: String?

    @Option(help: "A node whose type to print.")
    var node: String?

    @Flag(help: "Print bottleneck bandwidth (GB/s per direction) instead of path classes.")
    var bandwidth = false

    func run() throws {
        let report = Linter().lint(path: spec)
        guard let decoded = report.spec else {
            let renderer = DiagnosticRenderer(sources: [report.source], useColor: Terminal.wantsColor(.auto))
            for diagnostic in report.diagnostics { Terminal.error(renderer.render(diagnostic) + "\n") }
            throw ExitCode(2)
        }
        let names = decoded.nodeTypes.map(\.name)
        var index: Int?
        if let node {
            guard let n = decoded.nodeIndex[node] else {
                Terminal.error("topospec: no node `\(node)` in \(spec)\n")
                throw ExitCode(2)
            }
            index = decoded.nodes[n].typeIndex
        } else if let type {
            guard let t = decoded.nodeTypeIndex[type] else {
                Terminal.error("topospec: no node type `\(type)` in \(spec)\(Suggestion.hint(for: type, in: names)); types: \(names.joined(separator: ", "))\n")
                throw ExitCode(2)
            }
            index = t
        } else if names.count == 1 {
            index = 0
        }
        guard let index else {
            Terminal.error("topospec: \(spec) has \(names.count) node types; choose one with --type (\(names.joined(separator: ", ")))\n")
            throw ExitCode(2)
        }
        print(TopologyMatrix.render(spec: decoded, typeIndex: index, bandwidth: bandwidth), terminator: "")
    }
}
