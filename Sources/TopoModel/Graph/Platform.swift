import TopoDiagnostics

/// What a node's software does to its topology (`platform:`): virtualization, ACS, IOMMU, driver
/// and peer-to-peer settings. The platform-pitfall rules read it.
public struct Platform: Sendable {
    /// PCIe Access Control Services state on the node's switches.
    public enum ACS: String, Sendable, CaseIterable { case enabled, disabled, unknown }
    /// IOMMU mode.
    public enum IOMMU: String, Sendable, CaseIterable { case enabled, passthrough, disabled, unknown }
    /// Peer-to-peer setting: `enabled` = verified working, `disabled` = `NCCL_P2P_DISABLE=1`.
    public enum P2P: String, Sendable, CaseIterable { case `default`, enabled, disabled }

    /// Whether launch files point NCCL at a topology file (`NCCL_TOPO_FILE`): `auto` = only when
    /// topospec can write it exactly (real bus ids, device names, CPU model), `always` = the spec
    /// asks for one (lint TS-rule `nccl-topo-file-inexact` says what is missing), `never`.
    public enum NCCLTopoFile: String, Sendable, CaseIterable { case auto, always, never }

    public var vm: Bool = false
    public var acs: ACS = .unknown
    public var iommu: IOMMU = .unknown
    public var driver: String?
    public var pcieP2P: P2P = .default
    /// The network interface NCCL's bootstrap and socket transport use (`NCCL_SOCKET_IFNAME`).
    public var socketInterface: String?
    public var ncclTopoFile: NCCLTopoFile = .auto
    /// Where `nccl_topo_file` is written, for diagnostics.
    public var ncclTopoFileLocation: SourceLocation?
    public var location: SourceLocation?

    public init() {}
}
