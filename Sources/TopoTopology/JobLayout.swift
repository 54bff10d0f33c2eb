import TopoModel

/// The default rank order of a job, as Megatron-LM lays ranks out (`tp-cp-ep-dp-pp`): ranks fill
/// the job's nodes in order, each node's usable GPUs in index order; within the rank grid TP
/// varies fastest, then CP, then DP, then PP:
///
///     rank = tp_i + tp · (cp_i + cp · (dp_i + dp · pp_i))
///
/// Expert-parallel groups are consecutive blocks of `ep` ranks along the combined cp·dp index
/// (Megatron-core's expert grid `tp-ep-dp-pp` with ep × expert-dp = cp × dp).
public struct JobLayout: Sendable {
    /// One rank's place: an index into `ClusterSpec.nodes` and a GPU index in that node.
    public struct Slot: Sendable, Hashable {
        public var node: Int
        public var gpu: Int
    }

    /// Parallel dimensions.
    public enum Dimension: String, Sendable, CaseIterable {
        case tp, cp, ep, dp, pp

        public var name: String { rawValue.uppercased() }
    }

    public let slots: [Slot]
    public let tp: Int
    public let cp: Int
    public let ep: Int
    public let dp: Int
    public let pp: Int

    /// The layout of `job`, or nil when its parallel sizes do not multiply to its GPUs (TS113
    /// reports that) or EP does not divide CP × DP (TS120).
    ///
    /// - Parameters:
    ///   - job: The job; its nodes, `gpusPerNode` and parallel sizes are read (an unset DP is inferred
    ///     from the GPU count).
    ///   - spec: The cluster, for each node's healthy GPUs.
    /// - Complexity: O(*g*) for the job's GPUs.
    public init?(job: Job, spec: ClusterSpec) {
        var slots: [Slot] = []
        for index in job.nodes {
            let healthy = spec.healthyGPUs(of: spec.nodes[index])
            let used = job.gpusPerNode.map { Array(healthy.prefix($0)) } ?? healthy
            for gpu in used { slots.append(Slot(node: index, gpu: gpu)) }
        }
        let p = job.parallelism
        let base = p.tp * p.cp * p.pp
        guard base > 0, slots.count % base == 0, !slots.isEmpty else { return nil }
        let dp = p.dp ?? slots.count / base
        guard dp > 0, base * dp == slots.count, (p.cp * dp) % p.ep == 0 else { return nil }
        self.slots = slots
        tp = p.tp
        cp = p.cp
        ep = p.ep
        self.dp = dp
        pp = p.pp
    }

    public var size: Int { slots.count }

    /// The grid coordinates of a rank.
    ///
    /// - Parameter rank: A rank in `0..<size`.
    /// - Returns: Its TP, CP, DP and PP indices, the inverse of `rank(tp:cp:dp:pp:)`.
    public func coordinates(_ rank: Int) -> (tp: Int, cp: Int, dp: Int, pp: Int) {
        let t = rank % tp
        var rest = rank / tp
        let c = rest % cp
        rest /= cp
        let d = rest % dp
        return (t, c, d, rest / dp)
    }

    /// The rank at grid coordinates.
    ///
    /// - Parameters:
    ///   - t: The TP index, in `0..<tp`.
    ///   - c: The CP index, in `0..<cp`.
    ///   - d: The DP index, in `0..<dp`.
    ///   - p: The PP index (pipeline stage), in `0..<pp`.
    /// - Returns: `t + tp · (c + cp · (d + dp · p))`.
    public func rank(tp t: Int, cp c: Int, dp d: Int, pp p: Int) -> Int {
        t + tp * (c + cp * (d + dp * p))
    }

    /// Size of one group of `dimension`.
    ///
    /// - Parameter dimension: The parallel dimension.
    /// - Returns: The layout's size in that dimension (`tp`, `cp`, `ep`, `dp` or `pp`).
    public func groupSize(_ dimension: Dimension) -> Int {
        switch dimension {
        case .tp: tp
        case .cp: cp
        case .ep: ep
        case .dp: dp
        case .pp: pp
        }
    }

    /// Every group of `dimension`, each as its ranks in order. Groups of size 1 are included.
    ///
    /// - Parameter dimension: The parallel dimension; EP groups are blocks of `ep` along the combined
    ///   CP·DP index.
    /// - Returns: `size / groupSize(dimension)` groups that partition the ranks.
    /// - Complexity: O(`size`).
    public func groups(_ dimension: Dimension) -> [[Int]] {
        var result: [[Int]] = []
        switch dimension {
        case .tp:
            for start in stride(from: 0, to: size, by: tp) { result.append(Array(start..<(start + tp))) }
        case .cp:
            for p in 0..<pp {
                for d in 0..<dp {
                    for t in 0..<tp {
                        result.append((0..<cp).map { rank(tp: t, cp: $0, dp: d, pp: p) })
                    }
                }
            }
        case .dp:
            for p in 0..<pp {
                for c in 0..<cp {
                    for t in 0..<tp {
                        result.append((0..<dp).map { rank(tp: t, cp: c, dp: $0, pp: p) })
                    }
                }
            }
        case .pp:
            for d in 0..<dp {
                for c in 0..<cp {
                    for t in 0..<tp {
                        result.append((0..<pp).map { rank(tp: t, cp: c, dp: d, pp: $0) })
                    }
                }
            }
        case .ep:
            // Combined index k = c + cp · d runs over cp·dp; blocks of ep consecutive k.
            for p in 0..<pp {
                for t in 0..<tp {
                    for block in stride(from: 0, to: cp * dp, by: ep) {
                        result.append((block..<(block + ep)).map { k in rank(tp: t, cp: k % cp, dp: k / cp, pp: p) })
                    }
                }
            }
        }
        return result
    }
}
