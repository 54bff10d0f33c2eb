import Testing
import TopoImport
import TopoLint
import TopoModel

/// Every real capture under Tests/Fixtures (each folder's SOURCES.md says where it comes from),
/// imported without GPU names: the structure facts of the imported spec and the exact set of lint
/// findings. Each set is the machine's real problems (docs/importers-real-fixtures.md says why,
/// row by row): a finding added or lost here is a change of what topospec claims about a real
/// machine. The per-kind suites (NvidiaSmiRealFileTests, NCCLRealFileTests, HwlocRealFileTests,
/// RCCLRealFileTests, AmdSmiRealFileTests, RocmSmiRealFileTests) pin bus ids, path classes and
/// import findings in more detail.
@Suite struct RealCaptureFindingsTests {
    enum Kind: String, Sendable {
        case nvidiaSmi = "nvidia-smi", nccl = "nccl-xml", rccl = "rccl-xml", hwloc, amdSmi = "amd-smi",
            rocmSmi = "rocm-smi"
    }

    /// What a capture must import as, in the words of `facts(_:)`.
    struct Capture: Sendable, CustomTestStringConvertible {
        var kind: Kind
        var file: String
        /// `N sku` per GPU group.
        var gpus: String
        /// `none`, `unknown`, `nvlink nvswitch SKU xN`, `nvlink links P pairs`, `infinity_fabric mesh`, …
        var scaleUp: String
        /// `2`, or `unknown (N NUMA)` for `sockets: {count: unknown, numa_nodes: N}`.
        var sockets: String
        /// GPUs grouped by the PCIe entry (switch or host bridge) they sit under, `-` when none.
        var pcie: String
        /// NICs by network role and fabric, with the declared speed when the input gives one.
        var nics: String
        /// Lint codes on the imported spec, exactly.
        var codes: Set<String>

        var testDescription: String { "\(kind.rawValue) \(file)" }
    }

    // Imports without `--gpu-names` leave GPU models unnamed where the input has no PCI id (TS404),
    // and NICs the input names only by device (`mlx5_0`) placeholders (TS405): both say what to
    // fill in, not a defect. Frontend (management) ports are placeholders too.
    static let captures: [Capture] = [
        // 8 PCIe GPUs behind PLX switches, one NIC on the other socket from four of them; the
        // legend is cut, so NVLink is unknown and the P2P rule stays quiet.
        Capture(
            kind: .nvidiaSmi, file: "2018-8gpu-pcie-plx-pix-pxb-old-format-mlx5col.TRUNCATED.txt",
            gpus: "8 unidentified-gpu", scaleUp: "unknown", sockets: "2", pcie: "[0 1] [2 3] [4 5] [6 7]",
            nics: "compute infiniband x1", codes: ["TS206", "TS207", "TS208", "TS404", "TS405"]),
        // Two GPUs on one host bridge each: P2P there depends on the CPU vendor (NCCL keeps it on AMD
        // hosts with two GPUs), which the matrix does not give.
        Capture(
            kind: .nvidiaSmi, file: "2gpu-node-indented-wrapped-legend.txt", gpus: "2 unidentified-gpu",
            scaleUp: "none", sockets: "1", pcie: "[0] [1]", nics: "-", codes: ["TS404"]),
        Capture(
            kind: .nvidiaSmi, file: "2x-rtx5090-threadripper-phb.txt", gpus: "2 unidentified-gpu",
            scaleUp: "none", sockets: "1", pcie: "[0 1]", nics: "-", codes: ["TS404"]),
        // Four GPUs meeting at a host bridge: NCCL ≥ 2.23 turns P2P off beyond PXB.
        Capture(
            kind: .nvidiaSmi, file: "4gpu-mixed-rtx4090-a6000-rtx5090-phb.txt", gpus: "4 unidentified-gpu",
            scaleUp: "none", sockets: "1", pcie: "[0 1 2 3]", nics: "-", codes: ["TS211", "TS404"]),
        Capture(
            kind: .nvidiaSmi, file: "4x-l40s-dual-socket-node-sys-2nic.txt", gpus: "4 unidentified-gpu",
            scaleUp: "none", sockets: "2", pcie: "[0] [1] [2] [3]", nics: "compute infiniband x2",
            codes: ["TS206", "TS207", "TS208", "TS211", "TS404", "TS405"]),
        // NVLink mesh; the one NIC is on the other NUMA domain (SYS to every GPU).
        Capture(
            kind: .nvidiaSmi, file: "4x-v100-nvlink-mesh-nv1-nv2-mlx5col.TRUNCATED.txt", gpus: "4 unidentified-gpu",
            scaleUp: "nvlink links 6 pairs", sockets: "2", pcie: "[0 1 2 3]", nics: "compute infiniband x1",
            codes: ["TS206", "TS208", "TS404", "TS405"]),
        Capture(
            kind: .nvidiaSmi, file: "8x-rtx4090-pcie-switch-pix-1nic-bond.txt", gpus: "8 unidentified-gpu",
            scaleUp: "none", sockets: "2", pcie: "[0 1 2 3] [4 5 6 7]", nics: "compute roce x1",
            codes: ["TS206", "TS208", "TS211", "TS404", "TS405"]),
        Capture(
            kind: .nvidiaSmi, file: "h100-pcie-1gpu-kvm-vm-1nic.txt", gpus: "1 unidentified-gpu",
            scaleUp: "none", sockets: "1", pcie: "[0]", nics: "compute infiniband x1",
            codes: ["TS207", "TS404", "TS405"]),
        // A well-built HGX H100: nothing but the unnamed GPU and NIC models (TS404, TS405).
        Capture(
            kind: .nvidiaSmi, file: "hgx-h100-sxm-8gpu-8nic-mlx5.txt", gpus: "8 unidentified-gpu",
            scaleUp: "nvlink nvswitch nvswitch-gen3 x4", sockets: "2", pcie: "[0] [1] [2] [3] [4] [5] [6] [7]",
            nics: "compute infiniband x8", codes: ["TS404", "TS405"]),

        Capture(
            kind: .nccl, file: "aws-g5.48xlarge-a10g-8gpu-minimal-topo.xml", gpus: "8 unidentified-gpu",
            scaleUp: "unknown", sockets: "2", pcie: "[0 1 2 3] [4 5 6 7]", nics: "-", codes: ["TS404"]),
        // 4 EFA devices for 8 GPUs (Ethernet-class PCI devices; the file gives no model or speed).
        Capture(
            kind: .nccl, file: "aws-p4d.24xlarge-a100-8gpu-4efa-topo.xml", gpus: "8 unidentified-gpu",
            scaleUp: "unknown", sockets: "2", pcie: "[0 1] [2 3] [4 5] [6 7]", nics: "compute ethernet x4",
            codes: ["TS208", "TS404", "TS405"]),
        // One InfiniBand NIC for 8 GPUs, on one socket.
        Capture(
            kind: .nccl, file: "azure-ndv2-v100-8gpu-topo.xml", gpus: "8 unidentified-gpu", scaleUp: "unknown",
            sockets: "2", pcie: "[0 1 2 3] [4 5 6 7]", nics: "compute infiniband x1",
            codes: ["TS206", "TS207", "TS208", "TS404", "TS405"]),
        // Four `cpu` elements (two EPYC 7V12 shown to the VM as 4 NUMA nodes): the count is unknown.
        Capture(
            kind: .nccl, file: "azure-ndv4-a100-8gpu-topo.xml", gpus: "8 unidentified-gpu", scaleUp: "unknown",
            sockets: "unknown (4 NUMA)", pcie: "[2 3] [0 1] [6 7] [4 5]", nics: "compute infiniband x8",
            codes: ["TS404", "TS405"]),
        // The VM's virtual bridges report Gen1 x1; that is not the physical link, so no TS213. The
        // ConnectX-7 virtual functions (15b3:101e) do not tell the adapter (TS405).
        Capture(
            kind: .nccl, file: "ibm-cloud-gx3d-h100-8gpu-vsi-topo.xml", gpus: "8 h100-sxm5-80gb",
            scaleUp: "nvlink nvswitch nvswitch-gen3 x4", sockets: "2", pcie: "[0] [1] [2] [3] [4] [5] [6] [7]",
            nics: "compute roce x8@200", codes: ["TS405"]),

        // MI300A node: four APUs, each with a Slingshot NIC on its own host bridge (PHB: RCCL's
        // default GDR level is PXB). The APUs' PCI id 0x74a0 is the catalog's MI300A.
        Capture(
            kind: .rccl, file: "topo_4p_940.xml", gpus: "4 mi300a", scaleUp: "infinity_fabric mesh",
            sockets: "unknown (4 NUMA)", pcie: "[2] [3] [0] [1]", nics: "compute ethernet x4",
            codes: ["TS207", "TS405"]),
        // MI250X node (one EPYC in NPS4): the file's two NICs are a 1 GbE port and a veth.
        Capture(
            kind: .rccl, file: "topo_8p1h_2.xml", gpus: "8 mi250x", scaleUp: "infinity_fabric links 12 pairs",
            sockets: "unknown (4 NUMA)", pcie: "[4 5] [2 3] [6 7] [0 1]", nics: "management ethernet x2@1,10",
            codes: ["TS405"]),
        // MI300X with a ConnectX-7 per GPU: nothing to report.
        Capture(
            kind: .rccl, file: "topo_8p_940.xml", gpus: "8 mi300x", scaleUp: "infinity_fabric mesh", sockets: "2",
            pcie: "[0] [1] [2] [3] [4] [5] [6] [7]", nics: "compute infiniband x8@400", codes: []),

        // JURECA-DC, JUWELS Booster: every A100 shares a PCIe switch with its own HDR NIC; the
        // Intel i350 management ports are placeholders (TS405).
        Capture(
            kind: .hwloc, file: "topo.jrc0323.xml", gpus: "4 a100-sxm4-40gb", scaleUp: "nvlink links 6 pairs",
            sockets: "2", pcie: "[1] [0] [3] [2]", nics: "compute infiniband x4, management ethernet x2",
            codes: ["TS405"]),
        Capture(
            kind: .hwloc, file: "topo.jrc0386.xml", gpus: "4 a100-sxm4-40gb", scaleUp: "nvlink links 6 pairs",
            sockets: "2", pcie: "[1] [0] [3] [2]", nics: "compute infiniband x4, management ethernet x2",
            codes: ["TS405"]),
        // JUSUF: one V100 PCIe; its ConnectX-6 is on another host bridge of the socket (NODE).
        Capture(
            kind: .hwloc, file: "topo.jsfc005.xml", gpus: "1 v100-pcie-16gb", scaleUp: "none", sockets: "2",
            pcie: "[0]", nics: "compute infiniband x1, compute roce x1, management ethernet x2",
            codes: ["TS207", "TS405"]),
        Capture(
            kind: .hwloc, file: "topo.jwb0001.xml", gpus: "4 a100-sxm4-40gb", scaleUp: "nvlink links 6 pairs",
            sockets: "2", pcie: "[1] [0] [3] [2]", nics: "compute infiniband x4, management ethernet x2",
            codes: ["TS405"]),
        // JUWELS Cluster: 2 EDR NICs for 4 V100 SXM2 (whose per-pair NVLink counts are not implied).
        Capture(
            kind: .hwloc, file: "topo.jwc09n003.xml", gpus: "4 v100-sxm2-16gb", scaleUp: "unknown",
            sockets: "2", pcie: "[0 1] [2 3]", nics: "compute infiniband x2, management ethernet x4",
            codes: ["TS208", "TS405"]),
        // MeluXina: 2 HDR NICs for 4 GPUs; GPUs 0 and 3 reach theirs only through the CPU.
        Capture(
            kind: .hwloc, file: "topo.mel2001.xml", gpus: "4 a100-sxm4-40gb", scaleUp: "nvlink links 6 pairs",
            sockets: "2", pcie: "[1] [0] [3] [2]", nics: "compute infiniband x2, management ethernet x2",
            codes: ["TS207", "TS208", "TS405"]),

        // The output names no model (TS404); one NUMA node per APU, which it cannot tell from NPS4.
        Capture(
            kind: .rocmSmi, file: "mi300a-4apu-xgmi-showtopo.txt", gpus: "4 unidentified-gpu",
            scaleUp: "infinity_fabric mesh", sockets: "unknown (4 NUMA)", pcie: "-", nics: "-", codes: ["TS404"]),

        // amd-smi shows no CPU: `sockets: unknown`.
        Capture(
            kind: .amdSmi, file: "mi355x-8gpu-oci-pollara-topology.txt", gpus: "8 mi355x",
            scaleUp: "infinity_fabric mesh", sockets: "unknown", pcie: "-", nics: "-", codes: []),
        Capture(
            kind: .amdSmi, file: "mi300x-8gpu-amdsmi-changelog-topology.txt", gpus: "8 unidentified-gpu",
            scaleUp: "infinity_fabric mesh", sockets: "unknown", pcie: "-", nics: "-", codes: ["TS404"]),
        // Two Radeons whose driver reports peer-to-peer disabled (TS301); the catalog has no RX 7900 XTX.
        Capture(
            kind: .amdSmi, file: "2x-rx7900xtx-topology.txt", gpus: "2 unidentified-gpu",
            scaleUp: "none", sockets: "1", pcie: "-", nics: "-", codes: ["TS301", "TS404"]),
    ]

    /// Captures that must not import: the development VM's own topology has no GPU.
    static let refused: [(kind: Kind, file: String, code: String)] = [
        (.hwloc, "this-machine-no-gpu.xml", "TS507")
    ]

    static func folder(_ kind: Kind) -> String {
        switch kind {
        case .nvidiaSmi: Fixtures.nvidiaSmiFolder
        case .nccl: Fixtures.ncclFolder
        case .rccl, .hwloc, .amdSmi, .rocmSmi: Fixtures.root + "/Tests/Fixtures/\(kind.rawValue)/"
        }
    }

    static func importCapture(_ kind: Kind, _ file: String) -> ImportResult {
        let path = folder(kind) + file
        switch kind {
        case .nvidiaSmi: return NvidiaSmiTopoImporter().importFile(path: path)
        case .nccl, .rccl: return NCCLTopologyImporter().importFile(path: path)
        case .hwloc: return HwlocImporter().importFile(path: path)
        case .rocmSmi: return RocmSmiImporter().importFile(path: path)
        case .amdSmi:
            // amd-smi's default view of the same machine, where the fixture has one, names the GPUs.
            let view = path.replacingOccurrences(of: "-topology.txt", with: "-amd-smi.txt")
            let names = Fixtures.files(in: folder(kind), suffix: ".txt").contains(
                String(view.split(separator: "/").last ?? ""))
            return AmdSmiTopologyImporter().importFile(path: path, amdSmiPath: names ? view : nil)
        }
    }

    /// The facts `Capture` pins, read from the decoded spec.
    static func facts(
        _ spec: ClusterSpec
    ) -> (gpus: String, scaleUp: String, sockets: String, pcie: String, nics: String)? {
        guard let type = spec.nodeTypes.first else { return nil }
        let gpus = type.gpuGroups.map { "\($0.count) \($0.sku)" }.joined(separator: " + ")
        var scaleUp = type.scaleUpUnknown ? "unknown" : "none"
        if let wiring = type.scaleUp {
            let key = wiring.kind.rawValue
            if let switches = wiring.nvswitch {
                scaleUp = "\(key) nvswitch \(switches.sku) x\(switches.count)"
            } else if wiring.mesh != nil {
                scaleUp = "\(key) mesh"
            } else if wiring.external != nil {
                scaleUp = "\(key) external"
            } else {
                scaleUp = "\(key) links \(wiring.links.count) pairs"
            }
        }
        let sockets =
            !type.socketCountUnknown
            ? "\(type.sockets)" : type.sockets == 1 ? "unknown" : "unknown (\(type.sockets) NUMA)"
        let groups = type.pcie.entries.filter { !$0.gpus.isEmpty }.map {
            "[" + $0.gpus.map(String.init).joined(separator: " ") + "]"
        }
        var nicGroups: [String: (count: Int, speeds: Set<Int>)] = [:]
        var order: [String] = []
        for nic in type.nics {
            let network = nic.network.flatMap { spec.network(named: $0) }
            let key = "\(network?.role.rawValue ?? "none") \(network?.fabric.rawValue ?? "none")"
            if nicGroups[key] == nil { order.append(key) }
            nicGroups[key, default: (0, [])].count += 1
            if nic.gbpsDeclared { nicGroups[key, default: (0, [])].speeds.insert(Int(nic.gbps)) }
        }
        let nics = order.sorted().map { key in
            let group = nicGroups[key] ?? (0, [])
            let speeds = group.speeds.sorted().map(String.init).joined(separator: ",")
            return "\(key) x\(group.count)" + (speeds.isEmpty ? "" : "@" + speeds)
        }.joined(separator: ", ")
        return (gpus, scaleUp, sockets, groups.isEmpty ? "-" : groups.joined(separator: " "), nics.isEmpty ? "-" : nics)
    }

    @Test(arguments: captures)
    func capture(_ capture: Capture) throws {
        let result = Self.importCapture(capture.kind, capture.file)
        let spec = try #require(result.spec, "\(result.findings.map(\.message))")
        let report = Fixtures.lint(spec)
        let codes = Set(report.diagnostics.map(\.code))
        #expect(codes == capture.codes, "\(capture.file): \(codes.sorted())")
        let decoded = try #require(report.spec)
        let facts = try #require(Self.facts(decoded))
        #expect(facts.gpus == capture.gpus)
        #expect(facts.scaleUp == capture.scaleUp)
        #expect(facts.sockets == capture.sockets)
        #expect(facts.pcie == capture.pcie)
        #expect(facts.nics == capture.nics)
    }

    @Test func refusedCaptures() {
        for (kind, file, code) in Self.refused {
            let result = Self.importCapture(kind, file)
            #expect(result.spec == nil)
            #expect(result.findings.map(\.code) == [code], "\(file)")
        }
    }

    /// Every capture in every fixture folder is in one of the two tables.
    @Test func everyRealCaptureIsPinned() {
        let pinned = Set(
            Self.captures.map { "\($0.kind.rawValue)/\($0.file)" }
                + Self.refused.map { "\($0.kind.rawValue)/\($0.file)" })
        var present: Set<String> = []
        for kind in [Kind.nvidiaSmi, .nccl, .rccl, .hwloc, .rocmSmi] {
            for file in Fixtures.files(
                in: Self.folder(kind), suffix: kind == .nvidiaSmi || kind == .rocmSmi ? ".txt" : ".xml")
            {
                present.insert("\(kind.rawValue)/\(file)")
            }
        }
        // amd-smi: the `topology` outputs (the default views only name the GPUs of the same machines).
        for file in Fixtures.files(in: Self.folder(.amdSmi), suffix: "-topology.txt") {
            present.insert("amd-smi/\(file)")
        }
        #expect(present == pinned)
    }
}
