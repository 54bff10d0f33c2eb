import TopoDiagnostics

/// One PCIe generation's signalling rate and usable bandwidth (`hardware.pcie.genN`).
public struct PCIeGeneration: Sendable, Hashable {
    public var generation: Int
    /// GT/s per lane.
    public var transferGTs: Double
    /// Usable GB/s per lane, per direction, after line encoding.
    public var laneGBs: Double
    public var location: SourceLocation

    public init(generation: Int, transferGTs: Double, laneGBs: Double, location: SourceLocation) {
        self.generation = generation
        self.transferGTs = transferGTs
        self.laneGBs = laneGBs
        self.location = location
    }

    /// GB/s per direction of a link of `width` lanes.
    ///
    /// - Parameter width: The link's lane count.
    /// - Returns: `laneGBs` × `width`.
    public func gbs(width: Int) -> Double { laneGBs * Double(width) }
}
