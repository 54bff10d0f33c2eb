import TopoDiagnostics

/// An NVLink fabric spanning several nodes (a GB200 NVL72 rack): the member nodes and the
/// NVSwitch chips that join their GPUs.
public struct NVLinkDomain: Sendable {
    public var name: String
    /// Indices into `ClusterSpec.nodes`.
    public var nodes: [Int]
    public var switchSKU: String
    public var switchCount: Int
    public var location: SourceLocation

    public init(name: String, nodes: [Int], switchSKU: String, switchCount: Int, location: SourceLocation) {
        self.name = name
        self.nodes = nodes
        self.switchSKU = switchSKU
        self.switchCount = switchCount
        self.location = location
    }
}
