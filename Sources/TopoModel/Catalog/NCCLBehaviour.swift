/// What NCCL does by default on a topology, by NCCL version: the defaults the peer-to-peer,
/// GPUDirect RDMA and NVLink SHARP rules and their texts depend on. Each fact names the NCCL source
/// file and function it was read from (NVIDIA/nccl, tags v2.17.1-1 … v2.27.3-1 and master).
public struct NCCLBehaviour: Sendable, Hashable {
    /// `P2P`, `GDR`, `NVLS`.
    public var topic: String
    /// The versions the fact holds for, e.g. `≥ 2.23`.
    public var versions: String
    public var fact: String
    /// NCCL source file and function.
    public var source: String

    /// The facts, in topic and version order.
    public static let all: [NCCLBehaviour] = [
        NCCLBehaviour(
            topic: "P2P", versions: "< 2.23",
            fact: "PCIe peer-to-peer up to PXB on Intel, Arm and Zhaoxin hosts; up to SYS on AMD hosts",
            source: "src/graph/paths.cc, ncclTopoCheckP2p (p2pLevel = PATH_SYS, lowered to PATH_PXB by CPU vendor)"),
        NCCLBehaviour(
            topic: "P2P", versions: "≥ 2.23",
            fact:
                "PCIe peer-to-peer up to PXB on every host: off for pairs that meet at a CPU host bridge (PHB), between host bridges (NODE) or across sockets (SYS); an AMD x86 host with at most two GPUs keeps SYS",
            source:
                "src/graph/paths.cc, ncclTopoCheckP2p (p2pLevel = PATH_PXB; PATH_SYS for AMD with <= 2 GPUs); NCCL_P2P_LEVEL overrides"
        ),
        NCCLBehaviour(
            topic: "GDR", versions: "all",
            fact: "GPUDirect RDMA for PCIe-attached GPUs only when the GPU-NIC path is at most PXB",
            source: "src/graph/paths.cc, ncclTopoCheckGdr (netGdrLevel = PATH_PXB); NCCL_NET_GDR_LEVEL overrides"),
        NCCLBehaviour(
            topic: "GDR", versions: "2.26",
            fact:
                "GPUDirect RDMA through the CPU for NVLink-C2C GPUs (GH200, GB200, GB300) exists but is off by default",
            source: "src/graph/paths.cc, NCCL_NET_GDR_C2C default 0"),
        NCCLBehaviour(
            topic: "GDR", versions: "≥ 2.27",
            fact:
                "GPUDirect RDMA for NVLink-C2C GPUs to NICs on their Grace CPU's root ports by default (GPU-C2C-CPU-PCIe, PATH_P2C)",
            source: "src/graph/paths.cc, ncclTopoCheckGdr (NCCL_NET_GDR_C2C default 1, netGdrLevel = PATH_P2C)"),
        NCCLBehaviour(
            topic: "NVLS", versions: "2.17",
            fact: "NVLink SHARP (NVLS) introduced, on by default, single node only",
            source: "src/transport/nvls.cc, NCCL_NVLS_ENABLE default 1, ncclNvlsInit"),
        NCCLBehaviour(
            topic: "NVLS", versions: "≥ 2.18",
            fact:
                "NVLS used where the GPUs report multicast support (NVSwitch with NVLink SHARP, CUDA 12.1+) and more than 2 GPUs share the node",
            source: "src/transport/nvls.cc, NCCL_NVLS_ENABLE default 2 (auto: CU_DEVICE_ATTRIBUTE_MULTICAST_SUPPORTED)"),
    ]
}
