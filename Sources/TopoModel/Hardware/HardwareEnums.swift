/// Who makes a part.
public enum Vendor: String, Sendable, CaseIterable {
    case nvidia, amd, intel, other
}

/// A GPU's physical package. `pcie` cards cannot attach to NVSwitch; `superchip` parts (GH200,
/// GB200) reach their CPU over NVLink-C2C.
public enum FormFactor: String, Sendable, CaseIterable {
    case sxm, oam, pcie, superchip
}

/// The scale-up link family of a GPU: NVIDIA NVLink or AMD Infinity Fabric (xGMI). They do not
/// interoperate, and the DSL names them separately (`nvlink:` / `infinity_fabric:`).
public enum LinkKind: String, Sendable, CaseIterable {
    case nvlink
    case infinityFabric = "infinity_fabric"

    /// The name engineers use: "NVLink", "Infinity Fabric".
    public var displayName: String {
        switch self {
        case .nvlink: "NVLink"
        case .infinityFabric: "Infinity Fabric"
        }
    }

    /// The DSL key that declares this kind: `nvlink` or `infinity_fabric`.
    public var key: String { rawValue }
}

/// A scale-out network technology a NIC can speak and a network can be built from.
public enum Fabric: String, Sendable, CaseIterable {
    case infiniband, roce, ethernet, efa

    public var displayName: String {
        switch self {
        case .infiniband: "InfiniBand"
        case .roce: "RoCE"
        case .ethernet: "Ethernet"
        case .efa: "EFA"
        }
    }
}
