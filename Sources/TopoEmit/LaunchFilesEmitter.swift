import TopoDiagnostics
import TopoModel
import TopoTopology

/// The files that start a placed job: the per-node environment (which GPUs, NICs and topology file
/// NCCL uses), the host lists of the common launchers, and the rank → host maps that make them
/// follow the placement. Every file is computed in memory; the caller writes them (atomically).
///
/// Decisions, so the files do what they say:
/// - GPU indices are the spec's, which are nvidia-smi's (PCI bus order), so the environment sets
///   `CUDA_DEVICE_ORDER=PCI_BUS_ID`; CUDA's default order (fastest first) can differ. A failed GPU
///   that has dropped off the bus shifts the indices after it; the spec must then be updated.
/// - `CUDA_VISIBLE_DEVICES` lists a node's GPUs in local-rank order: local rank *i* (the *i*-th
///   lowest global rank on the node) opens `cuda:i`, which is the GPU the placement chose. AMD
///   nodes get `HIP_VISIBLE_DEVICES` instead.
/// - `NCCL_IB_HCA` names, with `=` for exact matching (NCCL otherwise prefix-matches, and
///   `mlx5_1` would also select `mlx5_10`), the RDMA devices of the compute NICs nearest to the
///   node's used GPUs. It is left out when a NIC has no `device`, and for EFA, which NCCL reaches
///   through the aws-ofi-nccl plugin (`FI_PROVIDER=efa` is set instead).
/// - `NCCL_SOCKET_IFNAME` (exact, `=`) comes from the node type's `platform.socket_ifname`;
///   `NCCL_P2P_DISABLE=1` from `platform.pcie_p2p: disabled` or GeForce GPUs without NVLink bridges,
///   `NCCL_P2P_LEVEL=NVL` for bridged GeForce GPUs; `NCCL_CROSS_NIC=0` for a rail-optimized network
///   with no tier above the rails. Variables whose NCCL default is right are not set; a comment
///   says which default and where NCCL defines it.
/// - `NCCL_TOPO_FILE` points at the NCCL topology XML written beside it (`nccl/TYPE.xml`, or
///   `nccl/nodes/NODE.xml` for a node with failed GPUs or NICs), found relative to `env.sh`; in
///   `env/NODE.env` under `Placement.folder` (the install path). It is set only when the file
///   describes the real machine (`NCCLTopologyInputs.setsTopologyFile`: real bus ids, device names
///   and CPU model, or `platform.nccl_topo_file: always`); otherwise a comment says why not. Not
///   for AMD nodes (see `NCCLTopologyEmitter.unsupported`).
public enum LaunchFilesEmitter {
    /// The kinds of file `topospec place --emit` writes.
    public enum Kind: String, Sendable, CaseIterable {
        /// `env.sh` (bash, `source` it on any node), `env/NODE.env` per node, and the NCCL topology files.
        case env
        /// `hostfile`: `host slots=N` (Open MPI, DeepSpeed, Horovod).
        case hostfile
        /// `rankfile`: Open MPI rank → host and socket-local core.
        case rankfile
        /// `slurm-hostfile`: one host per rank in rank order, for `SLURM_HOSTFILE` with
        /// `srun --distribution=arbitrary`.
        case slurmHostfile = "slurm-hostfile"
        /// `torchrun.sh`: the torchrun command of each node (node rank, processes per node).
        case torchrun
        /// `ranks.json`: what frameworks read directly: Megatron-core's order string, a torch
        /// `DeviceMesh` shape in the same order, and every rank's node, node rank, local rank and GPU.
        case ranks
    }

    /// The rank contract every file states: ranks keep Megatron-LM's default numbering
    /// (`tp-cp-ep-dp-pp`, TP fastest); topospec chose which GPU each rank runs on. A framework that
    /// also reorders the dimensions (the "dimension order" `place` prints, or TS205's advice)
    /// would undo the placement.
    public static let megatronOrder = "tp-cp-ep-dp-pp"
    static let contract =
        "# Rank contract: rank numbers are Megatron-LM's default order \(megatronOrder) (TP fastest, PP slowest); topospec moved the ranks onto GPUs instead of renumbering them. Keep that order in the framework (Megatron-core order=\"\(megatronOrder)\"; a torch DeviceMesh of shape (pp, dp, cp, tp), see ranks.json); do not also apply the dimension order `topospec place` printed: that would undo the placement.\n"

    /// One file to write, relative to the output folder.
    public struct File: Sendable, Equatable {
        public var path: String
        public var contents: String
        /// Scripts (`torchrun.sh`) are written executable.
        public var executable: Bool { path.hasSuffix(".sh") && contents.hasPrefix("#!") }
    }

    /// Why a kind of file cannot be written for this placement.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var kind: Kind
        public var description: String
    }

    /// The placed job: rank r runs on `slots[r]`.
    public struct Placement: Sendable {
        public var spec: ClusterSpec
        public var context: SpecAnalysis
        public var job: Job
        public var slots: [JobLayout.Slot]
        /// The spec's file name, for headers.
        public var source: String
        /// The output folder as the user named it: `env/NODE.env` files give paths under it.
        public var folder: String

        /// The placement of `job` on `slots`.
        ///
        /// - Parameters:
        ///   - context: The analysed spec; `spec` is taken from it.
        ///   - job: The placed job.
        ///   - slots: Rank r's node and GPU at index r, as the planner's mapping gives them.
        ///   - source: The spec's file name, for headers.
        ///   - folder: The output folder as the user named it.
        public init(context: SpecAnalysis, job: Job, slots: [JobLayout.Slot], source: String, folder: String = ".") {
            self.spec = context.spec
            self.context = context
            self.job = job
            self.slots = slots
            self.source = source
            self.folder = folder
        }

        /// Node indices in the order of their lowest rank.
        var nodesInRankOrder: [Int] {
            var seen = Set<Int>()
            return slots.compactMap { seen.insert($0.node).inserted ? $0.node : nil }
        }

        /// For each node, its ranks in increasing order.
        var ranksByNode: [Int: [Int]] {
            var result: [Int: [Int]] = [:]
            for (rank, slot) in slots.enumerated() { result[slot.node, default: []].append(rank) }
            return result
        }

        var header: String {
            "# Job \(job.name) of cluster \(spec.name): \(slots.count) ranks on \(nodesInRankOrder.count) nodes, placed by topospec from \(UntrustedText.comment(source)).\n"
                + LaunchFilesEmitter.contract
        }
    }

    /// The files of `kinds`, in a fixed order, and the kinds that cannot be written with why.
    ///
    /// - Parameters:
    ///   - placement: The placed job.
    ///   - kinds: The kinds wanted; order and repeats do not matter.
    /// - Returns: The files in `Kind.allCases` order, and a failure per kind that cannot be written:
    ///   `rankfile` when a GPU's socket is unknown, `torchrun` when a node's ranks are not one
    ///   consecutive block of equal size, `ranks` when the parallel sizes do not fit (TS113, TS120).
    public static func files(_ placement: Placement, kinds: [Kind]) -> (files: [File], failures: [Failure]) {
        var files: [File] = []
        var failures: [Failure] = []
        for kind in Kind.allCases where kinds.contains(kind) {
            switch kind {
            case .env: files += environment(placement)
            case .hostfile: files.append(hostfile(placement))
            case .slurmHostfile: files.append(slurmHostfile(placement))
            case .rankfile:
                do { files.append(try rankfile(placement)) } catch { failures.append(error) }
            case .torchrun:
                do { files.append(try torchrun(placement)) } catch { failures.append(error) }
            case .ranks:
                do { files.append(try ranks(placement)) } catch { failures.append(error) }
            }
        }
        return (files, failures)
    }

    static func hostfile(_ p: Placement) -> File {
        let ranks = p.ranksByNode
        var out =
            p.header
            + "# Open MPI / DeepSpeed hostfile. For the rank order, give Open MPI the rankfile too (Open MPI 5: --map-by rankfile:file=rankfile; 4: --rankfile rankfile).\n"
        for n in p.nodesInRankOrder { out += "\(p.spec.nodes[n].name) slots=\(ranks[n]?.count ?? 0)\n" }
        return File(path: "hostfile", contents: out)
    }

    static func slurmHostfile(_ p: Placement) -> File {
        var out = ""
        for slot in p.slots { out += p.spec.nodes[slot.node].name + "\n" }
        // Slurm reads every line as a host name, so this file carries no comment header.
        return File(path: "slurm-hostfile", contents: out)
    }

    static func rankfile(_ p: Placement) throws(Failure) -> File {
        var out =
            p.header + "# Open MPI rankfile: each rank on its host, bound to a core of the socket its GPU hangs off.\n"
        var nextCore: [Int: [Int: Int]] = [:]
        for (rank, slot) in p.slots.enumerated() {
            let node = p.spec.nodes[slot.node]
            // `slot=S:C` names a CPU package; a spec that knows NUMA nodes only cannot name it.
            if p.spec.nodeTypes[node.typeID].socketCountUnknown {
                let type = p.spec.nodeTypes[node.typeID].name
                throw Failure(
                    kind: .rankfile,
                    description:
                        "rankfile: node type `\(type)` does not know its sockets (`sockets: {count: unknown, …}`), and a rankfile binds ranks to sockets; write the real count to bind ranks near their GPUs"
                )
            }
            guard let socket = p.context.nodeTopologies[node.typeID].gpuSockets[slot.gpu] else {
                let type = p.spec.nodeTypes[node.typeID].name
                throw Failure(
                    kind: .rankfile,
                    description:
                        "rankfile: node type `\(type)` does not say which socket GPU \(slot.gpu) hangs off (declare its `pcie` tree), so ranks cannot be bound near their GPUs"
                )
            }
            let core = nextCore[slot.node, default: [:]][socket, default: 0]
            nextCore[slot.node, default: [:]][socket] = core + 1
            out += "rank \(rank)=\(node.name) slot=\(socket):\(core)\n"
        }
        return File(path: "rankfile", contents: out)
    }

    static func torchrun(_ p: Placement) throws(Failure) -> File {
        let nodes = p.nodesInRankOrder
        let ranks = p.ranksByNode
        let perNode = ranks[nodes.first ?? 0]?.count ?? 0
        // torchrun numbers ranks node_rank × nproc_per_node + local_rank: every node must hold the
        // same number of consecutive ranks.
        for (nodeRank, n) in nodes.enumerated() {
            let expected = Array(nodeRank * perNode..<(nodeRank + 1) * perNode)
            if ranks[n] != expected {
                throw Failure(
                    kind: .torchrun,
                    description:
                        "torchrun: it numbers ranks node by node (node_rank × nproc_per_node + local_rank), but this placement puts ranks \(rangeList(ranks[n] ?? [])) on \(p.spec.nodes[n].name); launch with the rankfile or slurm-hostfile instead"
                )
            }
        }
        let master = nodes.first.map { p.spec.nodes[$0].name } ?? "localhost"
        var out = "#!/usr/bin/env bash\n" + p.header
        out += "# Run on every node (after sourcing env.sh): torchrun.sh TRAINING_SCRIPT [ARGS…]\n"
        out += "set -euo pipefail\n"
        out += "case \"${TOPOSPEC_NODE:-$(hostname -s)}\" in\n"
        for (nodeRank, n) in nodes.enumerated() {
            out += "  \(shellQuoted(p.spec.nodes[n].name))) NODE_RANK=\(nodeRank) ;;\n"
        }
        out += "  *) echo \"torchrun.sh: $(hostname -s) is not a node of job \(p.job.name)\" >&2; exit 1 ;;\n"
        out += "esac\n"
        out += "exec torchrun --nnodes=\(nodes.count) --nproc-per-node=\(perNode) --node-rank=\"$NODE_RANK\" \\\n"
        out += "  --master-addr=\"${MASTER_ADDR:-\(master)}\" --master-port=\"${MASTER_PORT:-29500}\" \"$@\"\n"
        return File(path: "torchrun.sh", contents: out)
    }

    /// `ranks.json`: the rank contract in the form frameworks read. `device_mesh` is row-major
    /// (`torch.distributed.device_mesh.init_device_mesh("cuda", mesh_shape, mesh_dim_names=…)`),
    /// which numbers ranks as Megatron's default order does; EP groups are blocks of `ep` along
    /// the combined cp·dp index, as in Megatron-core. `local_rank` is the rank's position among its
    /// node's ranks, i.e. the `cuda:local_rank` device `CUDA_VISIBLE_DEVICES` (env.sh) maps to `gpu`.
    static func ranks(_ p: Placement) throws(Failure) -> File {
        guard let layout = JobLayout(job: p.job, spec: p.spec), layout.size == p.slots.count else {
            throw Failure(
                kind: .ranks,
                description: "ranks.json: the job's parallel sizes do not lay out its GPUs (see TS113, TS120)")
        }
        let nodes = p.nodesInRankOrder
        let nodeRank = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        var localRank: [Int] = Array(repeating: 0, count: p.slots.count)
        for (_, ranks) in p.ranksByNode {
            for (i, rank) in ranks.enumerated() { localRank[rank] = i }
        }
        func quoted(_ text: String) -> String {
            "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
        }
        var out = "{\n"
        out += "  \"job\": \(quoted(p.job.name)),\n"
        out += "  \"cluster\": \(quoted(p.spec.name)),\n"
        out += "  \"source\": \(quoted(p.source)),\n"
        out +=
            "  \"contract\": \(quoted("rank numbers follow Megatron-LM's default order \(megatronOrder); topospec moved ranks onto GPUs. Keep this order in the framework; do not also reorder the dimensions.")),\n"
        out += "  \"megatron_order\": \(quoted(megatronOrder)),\n"
        out +=
            "  \"sizes\": {\"tp\": \(layout.tp), \"cp\": \(layout.cp), \"ep\": \(layout.ep), \"dp\": \(layout.dp), \"pp\": \(layout.pp)},\n"
        out +=
            "  \"device_mesh\": {\"mesh_shape\": [\(layout.pp), \(layout.dp), \(layout.cp), \(layout.tp)], \"mesh_dim_names\": [\"pp\", \"dp\", \"cp\", \"tp\"]},\n"
        out += "  \"ranks\": [\n"
        for (rank, slot) in p.slots.enumerated() {
            let comma = rank + 1 < p.slots.count ? "," : ""
            out +=
                "    {\"rank\": \(rank), \"node\": \(quoted(p.spec.nodes[slot.node].name)), \"node_rank\": \(nodeRank[slot.node] ?? 0), \"local_rank\": \(localRank[rank]), \"gpu\": \(slot.gpu)}\(comma)\n"
        }
        out += "  ]\n}\n"
        return File(path: "ranks.json", contents: out)
    }

    /// One line of a node's environment: a variable, or a comment saying why one is not set.
    enum Setting: Equatable {
        case variable(String, String)
        /// A path under the output folder (NCCL_TOPO_FILE).
        case path(String, String)
        case comment(String)
    }

    /// What node `n` needs, and the topology file it points at (path, contents) if any.
    static func settings(
        _ p: Placement, node n: Int, gpus: [Int]
    ) -> (settings: [Setting], topology: (String, () -> String)?) {
        let node = p.spec.nodes[n]
        let type = p.spec.nodeTypes[node.typeID]
        let devices = gpus.map(String.init).joined(separator: ",")
        var settings: [Setting] = []
        if p.context.gpuSKUs[node.typeID].first?.vendor == .amd {
            settings.append(.variable("HIP_VISIBLE_DEVICES", devices))
        } else {
            settings.append(.variable("CUDA_DEVICE_ORDER", "PCI_BUS_ID"))
            settings.append(.variable("CUDA_VISIBLE_DEVICES", devices))
        }
        settings += networkSettings(p, typeID: node.typeID, gpus: gpus, failedNICs: Set(node.failedNICs))
        if let interface = type.platform.socketInterface {
            // "=" makes NCCL match the name exactly; without it `eth1` also selects `eth10` (NCCL prefix-matches).
            settings.append(.comment("NCCL_SOCKET_IFNAME: platform.socket_ifname, exact match"))
            settings.append(
                .variable(
                    "NCCL_SOCKET_IFNAME",
                    interface.hasPrefix("=") || interface.hasPrefix("^") ? interface : "=" + interface))
        }
        settings += peerToPeerSettings(p, typeID: node.typeID, gpus: gpus)
        settings += scaleUpComments(p, typeID: node.typeID)
        if let refusal = NCCLTopologyEmitter.unsupported(spec: p.spec, typeID: node.typeID) {
            settings.append(.comment("NCCL_TOPO_FILE not set: \(refusal)"))
            return (settings, nil)
        }
        if !NCCLTopologyInputs.setsTopologyFile(spec: p.spec, typeID: node.typeID) {
            let invented = NCCLTopologyInputs.invented(spec: p.spec, typeID: node.typeID)
            let why =
                type.platform.ncclTopoFile == .never
                ? "platform.nccl_topo_file is never; NCCL reads the machine's own topology"
                : "its file would invent \(invented.joined(separator: "; ")), and NCCL matches devices by exact bus id and name; NCCL reads the machine's own topology instead"
            settings.append(.comment("NCCL_TOPO_FILE not set: \(why)"))
            return (settings, nil)
        }
        let damaged = !node.failedGPUs.isEmpty || !node.failedNICs.isEmpty
        let path = damaged ? "nccl/nodes/\(node.name).xml" : "nccl/\(type.name).xml"
        settings.append(
            .comment(
                "NCCL_TOPO_FILE: the node type's bus ids, device names and CPU model are real, so the file describes this machine"
            ))
        settings.append(.path("NCCL_TOPO_FILE", path))
        return (
            settings,
            (
                path,
                {
                    NCCLTopologyEmitter.render(
                        spec: p.spec, typeID: node.typeID, node: damaged ? node : nil, source: p.source)
                }
            )
        )
    }

    /// NCCL_P2P_DISABLE / NCCL_P2P_LEVEL: peer-to-peer the platform or the GPUs do not support.
    static func peerToPeerSettings(_ p: Placement, typeID: NodeTypeID, gpus: [Int]) -> [Setting] {
        let type = p.spec.nodeTypes[typeID]
        if type.platform.pcieP2P == .disabled {
            return [.comment("NCCL_P2P_DISABLE: platform.pcie_p2p is disabled"), .variable("NCCL_P2P_DISABLE", "1")]
        }
        guard gpus.count > 1 else { return [] }
        let skus = p.context.gpuSKUs[typeID]
        let used = gpus.filter { $0 < skus.count }
        guard !used.isEmpty, used.allSatisfy({ !skus[$0].pcieP2P && skus[$0].vendor == .nvidia }) else { return [] }
        // GeForce cards have no PCIe peer-to-peer; drivers that still report it make NCCL hang or
        // corrupt data (NVIDIA's documented workaround is NCCL_P2P_DISABLE=1).
        if let wiring = type.scaleUp, !wiring.bridges.isEmpty {
            return [
                .comment("NCCL_P2P_LEVEL: GeForce GPUs have no PCIe peer-to-peer; P2P only over their NVLink bridges"),
                .variable("NCCL_P2P_LEVEL", "NVL"),
            ]
        }
        return [
            .comment("NCCL_P2P_DISABLE: GeForce GPUs have no PCIe peer-to-peer (catalog pcie_p2p: false)"),
            .variable("NCCL_P2P_DISABLE", "1"),
        ]
    }

    /// Why NCCL's own NVLink defaults are left alone on NVSwitch and multi-node NVLink nodes.
    static func scaleUpComments(_ p: Placement, typeID: NodeTypeID) -> [Setting] {
        guard let wiring = p.spec.nodeTypes[typeID].scaleUp, wiring.kind == .nvlink else { return [] }
        var out: [Setting] = []
        if wiring.external != nil {
            out.append(
                .comment(
                    "NCCL_MNNVL_ENABLE not set: NCCL's default (2, init.cc) uses the multi-node NVLink domain when the driver reports its fabric clique (IMEX must be running)"
                ))
        }
        // NVLink SHARP (multicast) exists from third-generation NVSwitch (NVLink 4, H100) on.
        let sharp =
            wiring.nvswitch.flatMap { p.spec.catalog.nvswitches[$0.sku] }.map { $0.nvlinkGeneration >= 4 } ?? false
        if wiring.external != nil || sharp {
            out.append(
                .comment(
                    "NCCL_NVLS_ENABLE not set: NCCL's default (2, transport/nvls.cc) uses NVLink SHARP where the driver reports multicast support"
                ))
        }
        return out
    }

    /// `env.sh` (every node, chosen by host name), `env/NODE.env` (one node, `KEY=VALUE` as Docker's
    /// `--env-file` and systemd's `EnvironmentFile=` read it, with paths under `folder`), and the
    /// NCCL topology files they point at.
    static func environment(_ p: Placement) -> [File] {
        let ranks = p.ranksByNode
        var topologyFiles: [String: String] = [:]
        var perNode: [File] = []
        var out = "#!/usr/bin/env bash\n" + p.header
        out += "# Source on every node before launching: . env.sh (the node is TOPOSPEC_NODE, else hostname -s).\n"
        out += "TOPOSPEC_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\n"
        out += "case \"${TOPOSPEC_NODE:-$(hostname -s)}\" in\n"
        for n in p.nodesInRankOrder {
            let node = p.spec.nodes[n]
            let (settings, topology) = Self.settings(p, node: n, gpus: (ranks[n] ?? []).map { p.slots[$0].gpu })
            if let (path, render) = topology, topologyFiles[path] == nil { topologyFiles[path] = render() }
            out += "  \(shellQuoted(node.name)))\n"
            var dotenv =
                "# Node \(node.name) of job \(p.job.name), placed by topospec from \(UntrustedText.comment(p.source)).\n"
            for setting in settings {
                switch setting {
                case let .variable(name, value):
                    out += "    export \(name)=\(shellQuoted(value))\n"
                    dotenv += "\(name)=\(value)\n"
                case let .path(name, path):
                    out += "    export \(name)=\"$TOPOSPEC_DIR/\(path)\"\n"
                    dotenv += "\(name)=\(p.folder.hasSuffix("/") ? p.folder : p.folder + "/")\(path)\n"
                case let .comment(text):
                    out += "    # \(text)\n"
                    dotenv += "# \(text)\n"
                }
            }
            out += "    ;;\n"
            perNode.append(File(path: "env/\(node.name).env", contents: dotenv))
        }
        out +=
            "  *) echo \"env.sh: $(hostname -s) is not a node of job \(p.job.name)\" >&2; return 1 2>/dev/null || exit 1 ;;\n"
        out += "esac\n"
        return [File(path: "env.sh", contents: out)] + perNode
            + topologyFiles.keys.sorted().compactMap { path in
                topologyFiles[path].map { File(path: path, contents: $0) }
            }
    }

    /// NCCL_IB_HCA (or FI_PROVIDER for EFA) for the compute NICs nearest to `gpus`, NCCL_CROSS_NIC
    /// for rails that no switch joins, and why the other network defaults are right.
    static func networkSettings(_ p: Placement, typeID: NodeTypeID, gpus: [Int], failedNICs: Set<String>) -> [Setting] {
        let type = p.spec.nodeTypes[typeID]
        let candidates = p.context.computeNICs(ofType: typeID).filter { !failedNICs.contains(type.nics[$0].name) }
        guard !candidates.isEmpty else { return [] }
        let networks = Set(candidates.compactMap { type.nics[$0].network })
        let fabrics = Set(networks.compactMap { p.spec.network(named: $0)?.fabric })
        if fabrics.contains(.efa) {
            return [
                .comment("FI_PROVIDER: EFA is reached through the aws-ofi-nccl plugin"),
                .variable("FI_PROVIDER", "efa"),
            ]
        }
        guard fabrics.isSubset(of: [.infiniband, .roce]) else { return [] }
        var out: [Setting] = []
        let topology = p.context.nodeTopologies[typeID]
        var chosen = Set<Int>()
        for gpu in gpus {
            if let nic = topology.nearestNIC(to: gpu, among: candidates) { chosen.insert(nic) }
        }
        let nics = chosen.sorted().map { type.nics[$0] }
        if !nics.isEmpty, nics.allSatisfy({ $0.device != nil }) {
            let list = nics.compactMap { nic in nic.device.map { "\($0):\(nic.port ?? 1)" } }
            out.append(
                .comment(
                    "NCCL_IB_HCA: the compute NICs nearest to this node's GPUs; \"=\" = exact names (NCCL prefix-matches: mlx5_1 would also select mlx5_10)"
                ))
            out.append(.variable("NCCL_IB_HCA", "=" + list.joined(separator: ",")))
        } else {
            out.append(
                .comment(
                    "NCCL_IB_HCA not set: give the compute NICs of node type \(type.name) their RDMA `device` names"))
        }
        if fabrics.contains(.roce) {
            out.append(
                .comment(
                    "NCCL_IB_GID_INDEX not set: NCCL's default (-1, transport/net_ib/connect.cc) picks the RoCE v2 GID of each port itself"
                ))
        }
        let ports = candidates.map { type.nics[$0] }
        if hasDualPortCard(ports) {
            out.append(
                .comment(
                    "NCCL_IB_MERGE_NICS not set: NCCL's default (1, transport/net_ib/init.cc) joins the two ports of a dual-port card into one device, which suits ports on the same network"
                ))
        }
        for name in networks.sorted() {
            guard let network = p.spec.network(named: name), network.topology == .railOptimizedFatTree else { continue }
            if network.tiers.count == 1, (network.tiers[0].up ?? 0) == 0 {
                // Rails joined by no switch tier cannot reach each other: a ring must stay on its rail.
                out.append(
                    .comment(
                        "NCCL_CROSS_NIC: network \(name) is rail-optimized with no tier above the rail switches, so traffic cannot cross rails"
                    ))
                out.append(.variable("NCCL_CROSS_NIC", "0"))
            } else if network.tiers.count > 1 {
                out.append(
                    .comment(
                        "NCCL_CROSS_NIC not set: NCCL's default (2, graph/search.cc) keeps rings on one rail when it can; network \(name)'s upper tiers join the rails for the rest"
                    ))
            }
        }
        out.append(
            .comment(
                "NCCL_NET_GDR_LEVEL not set: NCCL's default (graph/paths.cc ncclTopoCheckGdr: PXB, or P2C on Grace) uses GPUDirect RDMA where GPU and NIC share a PCIe switch"
            ))
        return out
    }

    /// Whether two of `ports` are the two ports of one card: the same RDMA device with different
    /// port numbers, or bus ids that differ only in the PCI function.
    static func hasDualPortCard(_ ports: [NICPort]) -> Bool {
        var devices: [String: Set<Int>] = [:]
        var slots: [String: Set<String>] = [:]
        for nic in ports {
            if let device = nic.device { devices[device, default: []].insert(nic.port ?? 1) }
            if let bus = nic.busID, let dot = bus.lastIndex(of: ".") {
                slots[String(bus[..<dot]), default: []].insert(bus)
            }
        }
        return devices.values.contains { $0.count > 1 } || slots.values.contains { $0.count > 1 }
    }

    /// `0-3,8` for a sorted list of ranks.
    static func rangeList(_ ranks: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < ranks.count {
            var j = i
            while j + 1 < ranks.count && ranks[j + 1] == ranks[j] + 1 { j += 1 }
            parts.append(i == j ? "\(ranks[i])" : "\(ranks[i])-\(ranks[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// A value safe in a shell assignment: bare when it has only safe characters, else single-quoted.
    static func shellQuoted(_ value: String) -> String {
        let safe = value.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0)
                || "=:,._-/+".unicodeScalars.contains($0)
        }
        return safe && !value.isEmpty ? value : "'" + value.replacing("'", with: "'\\''") + "'"
    }
}
