/// One collective a parallel dimension runs per iteration: `count` calls of `operation` on
/// buffers of `bytes` (nccl-tests' size: the all-reduce buffer, the all-gather output, the
/// all-to-all send buffer, one send/recv message).
public struct DimensionCollective: Sendable, Equatable {
    public var operation: CollectiveOperation
    public var bytes: Double
    public var count: Double

    public init(operation: CollectiveOperation, bytes: Double, count: Double) {
        self.operation = operation
        self.bytes = bytes
        self.count = count
    }

    /// The collectives of `dimension`: those the job's model and batch gave, else one call
    /// carrying the dimension's bytes per rank (`traffic:` figures give bytes only, so their
    /// message size is unknown and latency is left out): an all-reduce for TP and DP, an
    /// all-gather for CP, an all-to-all for EP (bytes per rank = bus factor × buffer), and for PP
    /// one send/recv of half the pair's bytes in each direction.
    ///
    /// - Parameters:
    ///   - dimension: The parallel dimension.
    ///   - volumes: The job's volumes; their `collectives` for `dimension` are returned as they are.
    ///   - layout: The job's layout, for the dimension's group size.
    /// - Returns: The collectives; empty when the group size is 1 or the dimension carries no bytes.
    public static func of(
        _ dimension: JobLayout.Dimension, volumes: TrafficModel.Volumes, layout: JobLayout
    ) -> [DimensionCollective] {
        if let given = volumes.collectives[dimension] { return given }
        let n = layout.groupSize(dimension)
        let perRank = volumes[dimension]
        guard n > 1, perRank > 0 else { return [] }
        let operation: CollectiveOperation
        switch dimension {
        case .tp, .dp: operation = .allReduce
        case .cp: operation = .allGather
        case .ep: operation = .alltoall
        case .pp: return [DimensionCollective(operation: .sendrecv, bytes: perRank / 2, count: 1)]
        }
        let factor = operation.busFactor(ranks: n)
        return [DimensionCollective(operation: operation, bytes: factor > 0 ? perRank / factor : perRank, count: 1)]
    }
}
