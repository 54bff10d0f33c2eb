import ArgumentParser
import TopoDiagnostics
import TopoEmit
import TopoLint
import TopoModel
import TopoTopology

/// `topospec emit …`: files generated from a reviewed spec.
struct EmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emit",
        abstract:
            "Generate files from a spec: NCCL topology XML, Slurm topology, Kubernetes labels, IMEX and ComputeDomain configuration.",
        subcommands: [
            EmitNCCLTopology.self, EmitSlurmTopology.self, EmitKubernetesLabels.self, EmitIMEX.self,
            EmitComputeDomain.self,
        ])
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
    do {
        try AtomicFile.write(text, to: output, executable: text.hasPrefix("#!"))
    } catch {
        try fail("\(error)")
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
            Terminal.error(
                "topospec: node `\(node)` is of type `\(typeName)`, not `\(type)`; give --node or --type, not both\n")
            throw ExitCode(2)
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

/// `topospec emit nccl-topo SPEC --type T | --node N [-o FILE]`.
struct EmitNCCLTopology: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nccl-topo", abstract: "An NCCL topology file (for NCCL_TOPO_FILE) of a node type or node.")

    @Argument(help: "A spec file.") var spec: String
    @Option(help: "The node type.") var type: String?
    @Option(help: "A node: its type, without its failed GPUs and NICs.") var node: String?
    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.") var output:
        String?

    func run() throws {
        let decoded = try loadSpec(spec)
        let (typeID, node) = try chooseType(decoded, type: type, node: node)
        if let refusal = NCCLTopologyEmitter.unsupported(spec: decoded, typeID: typeID) {
            try fail("\(refusal)")
        }
        let invented = NCCLTopologyInputs.invented(spec: decoded, typeID: typeID)
        if !invented.isEmpty {
            Terminal.error(
                "topospec: warning: node type `\(decoded.nodeTypes[typeID].name)`: the file invents \(invented.joined(separator: "; ")); NCCL matches devices by exact bus id and name, so do not point NCCL_TOPO_FILE at it on a real node\n"
            )
        }
        try deliver(
            NCCLTopologyEmitter.render(spec: decoded, typeID: typeID, node: node, source: displayName(spec)),
            to: output)
    }
}

/// `topospec emit slurm-topology SPEC [--block [--conf]] [-o FILE]`.
struct EmitSlurmTopology: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm-topology",
        abstract:
            "Slurm topology: topology.conf (tree, one leaf switch per rack) or, with --block, NVLink-domain blocks (topology.yaml, or topology.conf with --conf)."
    )

    @Argument(help: "A spec file.") var spec: String
    @Flag(help: "Write topology.yaml (Slurm 25.05+) with a block topology of the NVLink domains and the rack tree.")
    var block = false
    @Flag(
        help:
            "With --block: write the block topology as topology.conf (BlockName=, BlockSizes=; TopologyPlugin=topology/block) instead of topology.yaml."
    ) var conf = false
    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.") var output:
        String?

    func run() throws {
        if conf && !block {
            Terminal.error("topospec: --conf goes with --block (the tree topology is always topology.conf)\n")
            throw ExitCode(2)
        }
        let decoded = try loadSpec(spec)
        if block {
            let text: String
            do {
                text =
                    conf
                    ? try SlurmTopologyEmitter.blockConf(spec: decoded, source: displayName(spec))
                    : try SlurmTopologyEmitter.blockYAML(spec: decoded, source: displayName(spec))
            } catch {
                try fail("\(error)")
            }
            try deliver(text, to: output)
        } else {
            try deliver(SlurmTopologyEmitter.treeConf(spec: decoded, source: displayName(spec)), to: output)
        }
    }
}

/// `topospec emit k8s-labels SPEC [--labels P] [--scheduler S] [-o FILE]`.
struct EmitKubernetesLabels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s-labels",
        abstract:
            "A shell script that labels Kubernetes nodes with NVLink domain, rack and switch tier and applies the scheduler's Topology (Kueue v1beta2 by default, or KAI)."
    )

    @Argument(help: "A spec file.") var spec: String
    @Option(
        help:
            "Label keys: topospec (topospec.io/…), topograph (accelerator.topograph.run/domain, fabric.topograph.run/tier-N) or gfd (nvidia.com/gpu.clique, written by the GPU Operator)."
    )
    var labels: String = KubernetesLabelsEmitter.LabelPreset.topospec.rawValue
    @Option(
        help:
            "Scheduler objects: kueue (Topology and ResourceFlavor, kueue.x-k8s.io/v1beta2), kueue-v1alpha1, kai (kai.scheduler/v1 Topology) or none."
    )
    var scheduler: String = KubernetesLabelsEmitter.Scheduler.kueue.rawValue
    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.") var output:
        String?

    func run() throws {
        guard let preset = KubernetesLabelsEmitter.LabelPreset(rawValue: labels) else {
            Terminal.error(
                "topospec: --labels must be one of \(KubernetesLabelsEmitter.LabelPreset.allCases.map(\.rawValue).joined(separator: ", ")), not `\(labels)`\n"
            )
            throw ExitCode(2)
        }
        guard let target = KubernetesLabelsEmitter.Scheduler(rawValue: scheduler) else {
            Terminal.error(
                "topospec: --scheduler must be one of \(KubernetesLabelsEmitter.Scheduler.allCases.map(\.rawValue).joined(separator: ", ")), not `\(scheduler)`\n"
            )
            throw ExitCode(2)
        }
        let decoded = try loadSpec(spec)
        let options = KubernetesLabelsEmitter.Options(labels: preset, scheduler: target)
        let text: String
        do {
            text = try KubernetesLabelsEmitter.script(spec: decoded, source: displayName(spec), options: options)
        } catch {
            try fail("\(error)")
        }
        try deliver(text, to: output)
    }
}

/// Resolves `--job` to a job index, or exits 2 with the choices.
func chooseJob(_ spec: ClusterSpec, _ name: String?) throws -> Int? {
    guard let name else { return nil }
    guard let j = spec.jobs.firstIndex(where: { $0.name == name }) else {
        let names = spec.jobs.map(\.name)
        Terminal.error(
            "topospec: no job `\(name)`\(Suggestion.hint(for: name, in: names)); jobs: \(names.isEmpty ? "none" : names.joined(separator: ", "))\n"
        )
        throw ExitCode(2)
    }
    return j
}

/// `topospec emit imex SPEC [--job J] [--domain D] [-o DIR]`.
struct EmitIMEX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imex",
        abstract:
            "IMEX nodes_config.cfg (node IP addresses) per multi-node NVLink domain, or for the domains a job uses.",
        discussion:
            "Nodes need `address:` in the spec. Without -o, prints the file of the one domain (choose it with --domain when there are several); with -o DIR, writes DIR/DOMAIN/nodes_config.cfg for each."
    )

    @Argument(help: "A spec file.") var spec: String
    @Option(help: "Only the nodes of this job (IMEX's per-job deployment).") var job: String?
    @Option(help: "Only this NVLink domain.") var domain: String?
    @Option(name: .shortAndLong, help: "Write DIR/DOMAIN/nodes_config.cfg (atomically) for every domain.") var output:
        String?

    func run() throws {
        let decoded = try loadSpec(spec)
        let jobIndex = try chooseJob(decoded, job)
        var files: [IMEXEmitter.File]
        do {
            files = try IMEXEmitter.files(spec: decoded, jobIndex: jobIndex)
        } catch {
            try fail("\(error)")
        }
        if let domain {
            guard let file = files.first(where: { $0.domain == domain }) else {
                Terminal.error(
                    "topospec: no file for NVLink domain `\(domain)`\(Suggestion.hint(for: domain, in: files.map(\.domain))); domains: \(files.map(\.domain).joined(separator: ", "))\n"
                )
                throw ExitCode(2)
            }
            files = [file]
        }
        guard let output else {
            guard files.count == 1 else {
                Terminal.error(
                    "topospec: \(files.count) NVLink domains (\(files.map(\.domain).joined(separator: ", "))): choose one with --domain, or write them all with -o DIR\n"
                )
                throw ExitCode(2)
            }
            print(files[0].contents, terminator: "")
            return
        }
        for file in files {
            do {
                try AtomicFile.write(file.contents, to: output + "/" + file.domain + "/nodes_config.cfg")
            } catch {
                try fail("\(error)")
            }
        }
    }
}

/// `topospec emit k8s-compute-domain SPEC [--job J] [-o FILE]`.
struct EmitComputeDomain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s-compute-domain",
        abstract:
            "Kubernetes DRA ComputeDomain manifests (resource.nvidia.com/v1beta1) sized to each job's nodes in multi-node NVLink domains."
    )

    @Argument(help: "A spec file.") var spec: String
    @Option(help: "Only this job.") var job: String?
    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.") var output:
        String?

    func run() throws {
        let decoded = try loadSpec(spec)
        let jobIndex = try chooseJob(decoded, job)
        let text: String
        do {
            text = try ComputeDomainEmitter.manifests(spec: decoded, source: displayName(spec), jobIndex: jobIndex)
        } catch {
            try fail("\(error)")
        }
        try deliver(text, to: output)
    }
}
