/// A collective operation as nccl-tests names and measures it.
public enum CollectiveOperation: String, Sendable, CaseIterable {
    case allReduce = "all_reduce"
    case allGather = "all_gather"
    case reduceScatter = "reduce_scatter"
    case alltoall
    case broadcast
    case reduce
    case sendrecv

    /// nccl-tests' bus-bandwidth factor (doc/PERFORMANCE.md of NVIDIA/nccl-tests): busbw =
    /// algbw × factor, so that busbw compares with the hardware's link rate whatever the rank count.
    ///
    /// - Parameter n: Ranks in the collective; values below 1 count as 1.
    /// - Returns: 2(n−1)/n for all-reduce, (n−1)/n for all-gather, reduce-scatter and all-to-all, 1 otherwise.
    public func busFactor(ranks n: Int) -> Double {
        let n = Double(max(n, 1))
        switch self {
        case .allReduce: return 2 * (n - 1) / n
        case .allGather, .reduceScatter, .alltoall: return (n - 1) / n
        case .broadcast, .reduce, .sendrecv: return 1
        }
    }

    /// Steps of a ring implementation (NCCL `ncclTopoTuneModel`: 2(n−1) for all-reduce, n−1 for
    /// all-gather / reduce-scatter, n otherwise).
    func ringSteps(ranks n: Int) -> Int {
        switch self {
        case .allReduce: return 2 * (n - 1)
        case .allGather, .reduceScatter: return n - 1
        default: return n
        }
    }
}

/// How NCCL implements a collective (NCCL's `NCCL_ALGO` names, plus point-to-point for
/// all-to-all and send/recv, which NCCL runs as grouped sends and receives).
public enum CollectiveAlgorithm: String, Sendable, CaseIterable {
    case ring, tree, nvls, nvlstree, collnet, pat
    case p2p

    /// The name NCCL's logs use.
    public var displayName: String {
        switch self {
        case .ring: "Ring"
        case .tree: "Tree"
        case .nvls: "NVLS"
        case .nvlstree: "NVLSTree"
        case .collnet: "CollNet"
        case .pat: "PAT"
        case .p2p: "P2P"
        }
    }
}
