import TopoDiagnostics

/// One network adapter (port) in a node type.
public struct NICPort: Sendable {
    public var name: String
    public var sku: String
    /// Port speed in use, Gb/s: as declared, else the network's, else the model's maximum.
    public var gbps: Double
    /// True when `gbps` was written on the NIC (not inherited).
    public var gbpsDeclared: Bool
    public var network: String?
    /// RDMA device name (`mlx5_0`), for `NCCL_IB_HCA`.
    public var device: String?
    /// The RDMA device's port (`port:`, 1 when not given), for NCCL_IB_HCA and `<net port>`.
    public var port: Int?
    public var busID: String?
    public var rail: Int?
    public var location: SourceLocation

    public init(
        name: String, sku: String, gbps: Double, gbpsDeclared: Bool, network: String?, device: String?,
        busID: String?, rail: Int?, location: SourceLocation
    ) {
        self.name = name
        self.sku = sku
        self.gbps = gbps
        self.gbpsDeclared = gbpsDeclared
        self.network = network
        self.device = device
        self.busID = busID
        self.rail = rail
        self.location = location
    }
}
