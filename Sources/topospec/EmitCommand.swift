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
            try fail("--conf goes with --block (the tree topology is always topology.conf)")
        }
        let decoded = try loadSpec(spec)
        if block {
            let text = try exitOnFailure {
                conf
                    ? try SlurmTopologyEmitter.blockConf(spec: decoded, source: displayName(spec))
                    : try SlurmTopologyEmitter.blockYAML(spec: decoded, source: displayName(spec))
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
            try fail(
                "--labels must be one of \(KubernetesLabelsEmitter.LabelPreset.allCases.map(\.rawValue).joined(separator: ", ")), not `\(labels)`"
            )
        }
        guard let target = KubernetesLabelsEmitter.Scheduler(rawValue: scheduler) else {
            try fail(
                "--scheduler must be one of \(KubernetesLabelsEmitter.Scheduler.allCases.map(\.rawValue).joined(separator: ", ")), not `\(scheduler)`"
            )
        }
        let decoded = try loadSpec(spec)
        let options = KubernetesLabelsEmitter.Options(labels: preset, scheduler: target)
        let text = try exitOnFailure {
            try KubernetesLabelsEmitter.script(spec: decoded, source: displayName(spec), options: options)
        }
        try deliver(text, to: output)
    }
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
        var files = try exitOnFailure { try IMEXEmitter.files(spec: decoded, jobIndex: jobIndex) }
        if let domain {
            guard let file = files.first(where: { $0.domain == domain }) else {
                try fail(
                    "no file for NVLink domain `\(domain)`\(Suggestion.hint(for: domain, in: files.map(\.domain))); domains: \(files.map(\.domain).joined(separator: ", "))"
                )
            }
            files = [file]
        }
        guard let output else {
            guard files.count == 1 else {
                try fail(
                    "\(files.count) NVLink domains (\(files.map(\.domain).joined(separator: ", "))): choose one with --domain, or write them all with -o DIR"
                )
            }
            print(files[0].contents, terminator: "")
            return
        }
        for file in files {
            try exitOnFailure {
                try AtomicFile.write(file.contents, to: output + "/" + file.domain + "/nodes_config.cfg")
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
        let text = try exitOnFailure {
            try ComputeDomainEmitter.manifests(spec: decoded, source: displayName(spec), jobIndex: jobIndex)
        }
        try deliver(text, to: output)
    }
}
