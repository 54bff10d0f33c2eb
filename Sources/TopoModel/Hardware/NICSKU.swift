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
    /// True for an entry standing for an adapter not yet identified (importers write one).
    public var placeholder = false
    public var location: SourceLocation

    public init(id: String, name: String, vendor: String, maxGbps: Double, host: HostInterface, fabrics: [Fabric],
                builtin: Bool, location: SourceLocation) {
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
