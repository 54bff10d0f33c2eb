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

    public var vm: Bool = false
    public var acs: ACS = .unknown
    public var iommu: IOMMU = .unknown
    public var driver: String?
    public var pcieP2P: P2P = .default
    /// The network interface NCCL's bootstrap and socket transport use (`NCCL_SOCKET_IFNAME`).
    public var socketInterface: String?
    public var location: SourceLocation?

    public init() {}
}
