import ArgumentParser
import TopoDiagnostics
import TopoEmit
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

    @Option(help: "A node whose type to print, its failed GPUs and NICs marked FAIL.")
    var node: String?

    @Flag(help: "Print bottleneck bandwidth (GB/s per direction) instead of path classes.")
    var bandwidth = false

    func run() throws {
        let decoded = try loadSpec(spec)
        let (typeID, chosen) = try chooseType(decoded, type: type, node: node)
        print(
            TopologyMatrix.render(spec: decoded, typeID: typeID, bandwidth: bandwidth, node: chosen), terminator: "")
    }
}
