/// How two devices reach each other, in the vocabulary of `nvidia-smi topo -m`, from closest to
/// farthest: NV# (a bonded set of NVLinks, or Infinity Fabric links on AMD), PIX (one PCIe
/// switch), PXB (several PCIe switches), PHB (a CPU host bridge), NODE (host bridges of one
/// socket), SYS (the socket interconnect), NET (different nodes, over the network). `unknown`
/// when the spec does not place a device in its PCIe tree.
public enum PathClass: Sendable, Hashable, Comparable, CustomStringConvertible {
    case nvlink(links: Int)
    case pix, pxb, phb, node, sys, net
    case unknown

    private var rank: Int {
        switch self {
        case .nvlink: 0
        case .pix: 1
        case .pxb: 2
        case .phb: 3
        case .node: 4
        case .sys: 5
        case .net: 6
        case .unknown: 7
        }
    }

    /// Orders path classes from closest to farthest: more bonded NVLinks before fewer, then PIX,
    /// PXB, PHB, NODE, SYS, NET, and `unknown` last.
    ///
    /// - Returns: True when `a` is the closer path class.
    public static func < (a: PathClass, b: PathClass) -> Bool {
        if case let .nvlink(x) = a, case let .nvlink(y) = b { return x > y }
        return a.rank < b.rank
    }

    /// `NV18`, `PIX`, … as `nvidia-smi topo -m` prints them (`?` when unknown).
    public var description: String {
        switch self {
        case let .nvlink(links): "NV\(links)"
        case .pix: "PIX"
        case .pxb: "PXB"
        case .phb: "PHB"
        case .node: "NODE"
        case .sys: "SYS"
        case .net: "NET"
        case .unknown: "?"
        }
    }

    /// True for NVLink / Infinity Fabric paths.
    public var isScaleUp: Bool {
        if case .nvlink = self { return true }
        return false
    }

    /// True for PCIe paths NCCL uses for P2P and GPUDirect RDMA by default (at most PXB; see
    /// `ncclTopoCheckP2p` / `ncclTopoCheckGdr`, whose default level is PATH_PXB).
    public var withinNCCLDefaultLevel: Bool {
        switch self {
        case .nvlink, .pix, .pxb: true
        default: false
        }
    }
}

/// A path between two devices: its class and its bottleneck bandwidth, GB/s per direction.
public struct DevicePath: Sendable, Hashable {
    public var pathClass: PathClass
    /// Slowest link on the path, GB/s per direction; nil when unknown.
    public var gbs: Double?

    public init(_ pathClass: PathClass, gbs: Double?) {
        self.pathClass = pathClass
        self.gbs = gbs
    }
}
