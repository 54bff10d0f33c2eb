import TopoDiagnostics

/// A network adapter model in the catalog (`hardware.nics.NAME`).
public struct NICSKU: Sendable, Hashable {
    public var id: String
    public var name: String
    public var vendor: String
    /// Fastest port speed the adapter supports, Gb/s.
    public var maxGbps: Double
    public var host: HostInterface
    public var fabrics: [Fabric]
    public var builtin: Bool
    /// `placeholder: true`: an importer's stand-in for an adapter it could not identify; its
    /// `max_gbps` is a guess that findings do not quote.
    public var placeholder = false
    /// Fastest Ethernet (RoCE / plain Ethernet) port when it is slower than `maxGbps` (ConnectX-8:
    /// 800 Gb/s XDR InfiniBand, but 2 × 400GbE).
    public var ethernetMaxGbps: Double?

    /// The fastest port speed on `fabric`, Gb/s.
    ///
    /// - Parameter fabric: The network's fabric; nil when unknown, which gives `maxGbps`.
    /// - Returns: `ethernetMaxGbps` (capped at `maxGbps`) on RoCE and Ethernet when the adapter
    ///   has a slower Ethernet speed, otherwise `maxGbps`.
    public func maxGbps(on fabric: Fabric?) -> Double {
        switch fabric {
        case .roce?, .ethernet?: ethernetMaxGbps.map { min($0, maxGbps) } ?? maxGbps
        default: maxGbps
        }
    }
    public var location: SourceLocation

    public init(
        id: String, name: String, vendor: String, maxGbps: Double, host: HostInterface, fabrics: [Fabric],
        builtin: Bool, location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.vendor = vendor
        self.maxGbps = maxGbps
        self.host = host
        self.fabrics = fabrics
        self.builtin = builtin
        self.location = location
    }
}
