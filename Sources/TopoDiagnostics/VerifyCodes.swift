/// Codes `topospec verify` reports (TS6xx): a running node that differs from its node type
/// (TS601–TS609, and from hwloc captures TS631–TS633), captures that do not match the spec's
/// node list (TS610–TS612), nccl-tests results below the prediction (TS620), and nodes that
/// differ from the majority when node types are learned from a fleet (TS630). Each finding is located at the spec line that
/// declares the node, so SARIF and GitHub annotations point at the spec.
public enum VerifyCodes {
    /// One verify code and its documentation (domain `verify`).
    public typealias Code = DiagnosticCode

    public static let gpuCount = Code(
        "TS601", "verify-gpu-count", .error, "A node shows a different number of GPUs than its node type declares.",
        "A GPU that fell off the bus (Xid 79, a failed riser, a GPU the driver could not initialize) disappears from `nvidia-smi` and from NCCL's topology. Declare it in the node's `failed_gpus` (the node then verifies) or fix the machine. When the count differs, the GPUs are renumbered, so verify does not compare them pair by pair."
    )
    public static let gpuModel = Code(
        "TS602", "verify-gpu-model", .error, "A GPU is a different model than the node type declares.",
        "The model comes from the GPU list (`NODE.gpus.csv`, nvidia-smi's `name`) or from the PCI device id in an NCCL dump, mapped to the catalog. A different model changes memory, NVLink and every estimate made from the spec."
    )
    public static let nvlinkLinks = Code(
        "TS603", "verify-nvlink-links", .error, "A GPU pair has fewer (or more) NVLinks than the node type declares.",
        "`nvidia-smi topo -m` prints NV# for a bonded set of # NVLinks; an NCCL dump lists `nvlink` elements with a `count`. A link that trained down (a bad cable, connector or NVSwitch port) lowers the count and the pair's bandwidth with it: 6 of 18 H100 links down is a third less bandwidth on every collective that crosses the pair. DCGM's diagnostics can pass while links are down; the count is the check. Reset the GPU or reseat the baseboard, or declare the real wiring."
    )
    public static let nvswitchUnreachable = Code(
        "TS604", "verify-nvswitch-unreachable", .error, "A GPU the node type attaches to NVSwitch reaches no NVSwitch.",
        "On an NVSwitch baseboard every GPU reaches every other over NVLink. A GPU with no NVLink to any peer (nvidia-smi shows only PCIe classes in its row) or with no link to an NVSwitch chip (NCCL dump) has lost the fabric: NCCL falls back to PCIe or the network for it, and every job that uses the GPU slows to that path. Often the fabric manager is not running or the GPU needs a reset."
    )
    public static let pciePlacement = Code(
        "TS605", "verify-pcie-placement", .warning,
        "A GPU or NIC sits elsewhere in the PCIe tree than the node type declares.",
        "The path classes a capture shows between GPUs and between GPUs and NICs (PIX, PXB, PHB, NODE, SYS) are compared with the ones the node type's `pcie:` tree gives. A NIC in another slot, under another switch or on the other socket changes the GPUDirect RDMA path; a GPU in another slot changes its peers' P2P path. The finding names the device whose relations changed and each relation as seen and as declared. NCCL dumps do not separate host bridges of one socket, so PHB and NODE are the same there."
    )
    public static let pcieLinkDegraded = Code(
        "TS606", "verify-pcie-link-degraded", .warning,
        "A GPU's PCIe link runs at a lower generation or width than declared.",
        "A link that trained at Gen4 instead of Gen5 or at x8 instead of x16 halves host-to-device and GPUDirect bandwidth. The declared link is the GPU model's host interface, capped by the slot when the GPU sits on a host bridge. The generation is taken from `pcie.link.gen.max` when the GPU list has it (an idle GPU lowers `pcie.link.gen.current` to save power), else from the current generation or the NCCL dump."
    )
    public static let nicCount = Code(
        "TS607", "verify-nic-count", .error, "A node shows a different number of NICs than its node type declares.",
        "NICs are counted as the capture lists them: nvidia-smi's NIC columns (RDMA devices) or the `net` ports of an NCCL dump. A missing NIC is a port NCCL cannot use (link down, driver not loaded, card not seated); an extra one is a device the spec does not know. NICs declared in the node's `failed_nics` may be missing."
    )
    public static let nicSpeed = Code(
        "TS608", "verify-nic-speed", .warning, "A NIC port runs slower than the node type declares.",
        "NCCL dumps give each `net` port's `speed` in Mb/s, as the port trained. A 400 Gb/s port at 200 Gb/s (a bad cable, a wrong transceiver, a switch port configured down) halves the node's share of every inter-node collective on that rail."
    )
    public static let numaAffinity = Code(
        "TS609", "verify-numa-affinity", .warning, "A GPU's NUMA node is not the socket its node type places it on.",
        "nvidia-smi prints each GPU's NUMA affinity; NCCL dumps give the `numaid` of the `cpu` above it. When the capture has as many NUMA nodes as the node type has sockets, NUMA node i is socket i, and a GPU on another NUMA node than declared means its CPU threads, pinned memory and NIC path are on the other socket."
    )
    public static let captureMissing = Code(
        "TS610", "verify-capture-missing", .warning, "A node the spec declares has no capture.",
        "Every node that is up or drained is expected to have at least one capture in the directory (`NODE.nvidia-smi.txt`, `NODE.nccl.xml`, `NODE.gpus.csv`, or the same names in `DIR/NODE/`). Nodes declared `state: down` are not expected."
    )
    public static let undeclaredNode = Code(
        "TS611", "verify-undeclared-node", .warning, "The directory has captures of a node the spec does not declare.",
        "A capture named after a host that no `nodes:` entry declares: a machine the spec has not caught up with, or a misnamed file."
    )
    public static let captureNotRead = Code(
        "TS612", "verify-capture-not-read", .info, "A capture in the directory shows less than verify compares.",
        "An hwloc capture recorded without I/O devices (`lstopo --no-io`, or an hwloc built without PCI support) shows the sockets but no GPU, NIC or PCIe switch, so only the sockets are compared. The nodes are listed so that nothing is silently ignored; capture again with `lstopo --of xml` (I/O devices are included by default)."
    )
    public static let ncclTestsUnreadable = Code(
        "TS613", "verify-nccl-tests-unreadable", .error, "An nccl-tests output has no result table verify can read.",
        "verify reads the output of nccl-tests (`all_reduce_perf`, `all_gather_perf`, …) as the tools print it: the `#  Rank … on HOST device N` lines, the header naming the `busbw` column, and one row per message size. Output cut before the first result row, or of another tool, cannot be compared; the message names the line."
    )
    public static let busBandwidthLow = Code(
        "TS620", "verify-busbw-below-prediction", .warning,
        "An nccl-tests run reached less bus bandwidth than predicted for its nodes.",
        "The busbw of the largest message size in an nccl-tests output is compared with the bandwidth topospec predicts for the same collective on the same nodes and GPUs (a ring bound over the spec's paths: NVLink or PCIe inside a node, the node's compute NICs across nodes). Below the threshold (default 80 %) the run is named, with the nodes the shortfall narrows to (nodes of failing runs that no passing run covered) and the pairwise runs that would narrow it further."
    )
    public static let socketCount = Code(
        "TS631", "verify-socket-count", .error,
        "A node shows a different number of CPU sockets than its node type declares.",
        "hwloc captures (`lstopo --of xml`) list the CPU packages. A node with fewer packages than declared is another machine model or runs with a CPU disabled; every GPU and NIC the node type places on the missing socket sits elsewhere, and the CPU threads, memory bandwidth and PCIe lanes of that socket are gone."
    )
    public static let pcieSwitchLink = Code(
        "TS632", "verify-pcie-switch-link", .warning, "A PCIe switch's uplink runs slower than the node type declares.",
        "hwloc gives each switch upstream port's link bandwidth as it trained (`pci_link_speed`, GB/s per direction). It is compared with the `generation` and `width` of the node type's `pcie:` entry for that switch (matched by bus id, else by the GPUs and NICs below it). An uplink at Gen4 instead of Gen5, or at x8 instead of x16, halves what every device below the switch can move to the CPU and to devices under other switches: host-to-device copies, GPUDirect RDMA through the NICs, P2P across switches. hwloc gives only the bandwidth, so equal-bandwidth pairs (Gen4 x8 and Gen3 x16) are named together. Reseat the riser or cable, check the BIOS's link settings, or declare the real link."
    )
    public static let nicLinkDegraded = Code(
        "TS633", "verify-nic-link-degraded", .warning, "A NIC's PCIe link runs slower than its model and slot allow.",
        "hwloc gives each NIC function's PCIe link bandwidth as it trained. It is compared with the NIC model's host interface from the catalog, capped by the generation and width declared for the `pcie:` entry the NIC sits under; NICs under an entry without a declared generation are not compared (the slot is unknown), nor are NICs hwloc identifies as another model than declared. A 400 Gb/s port needs about 50 GB/s: on a link that trained at half its width it cannot reach line rate, and GPUDirect RDMA traffic backs up. Unlike GPUs, which lower their link generation when idle, NICs keep their trained link; a slow one is a seating, riser or slot problem."
    )
    public static let learnedOutlier = Code(
        "TS630", "verify-learned-outlier", .warning, "A node's captures differ from the majority of its kind.",
        "`topospec verify --learn` groups nodes by identical captures and makes the largest groups node types. A smaller group that differs from a node type in a few places is an outlier of that type, not a type of its own: the differences are reported as this code, each with the node type's value."
    )

    /// Every verify code, in code order.
    public static let all: [Code] = [
        gpuCount, gpuModel, nvlinkLinks, nvswitchUnreachable, pciePlacement, pcieLinkDegraded, nicCount, nicSpeed,
        numaAffinity, captureMissing, undeclaredNode, captureNotRead, ncclTestsUnreadable, busBandwidthLow,
        learnedOutlier,
        socketCount, pcieSwitchLink, nicLinkDegraded,
    ]
}

extension DiagnosticCode {
    /// A verify code (domain `verify`).
    init(_ code: String, _ slug: String, _ severity: Severity, _ summary: String, _ explanation: String) {
        self.init(
            code: code, slug: slug, domain: .verify, severity: severity, summary: summary, explanation: explanation)
    }

}
