import TopoModel

/// One predicted nccl-tests row: time, algorithm and bus bandwidth (nccl-tests' definitions),
/// and the algorithm / protocol the model expects NCCL to choose.
public struct CollectiveEstimate: Sendable, Equatable {
    public var bytes: Int
    public var seconds: Double
    public var algorithm: CollectiveAlgorithm
    public var `protocol`: NCCLProtocol
    public var algbwGBs: Double
    public var busbwGBs: Double
}

/// NCCL's behaviour on a `CollectiveGroup`, as a cost model: for every algorithm NCCL would
/// consider for the operation (ring; tree and NVLSTree across nodes; NVLS on NVLink SHARP; PAT
/// for all-gather / reduce-scatter at one GPU per node; point-to-point for all-to-all and
/// send/recv) and every protocol (LL, LL128, Simple), time = latency (NCCL's per-step and
/// per-hop figures) + ramp + size ÷ algorithm bandwidth, and the fastest wins, as NCCL's tuner
/// picks by its own estimate. Constants: `AchievableRates`; docs/collective-model.md.
public struct CollectiveModel: Sendable {
    public let group: CollectiveGroup

    /// The model of NCCL on `group`.
    ///
    /// - Parameter group: The ranks, their links and NCCL settings that bound every algorithm.
    public init(group: CollectiveGroup) {
        self.group = group
    }

    /// Why a requested algorithm cannot run on this group; nil when it can.
    ///
    /// - Parameters:
    ///   - algorithm: The algorithm asked for (`NCCL_ALGO`).
    ///   - op: The collective it would run.
    /// - Returns: A sentence saying what the operation, GPUs, NCCL version, `sharp` flag or node count
    ///   lacks; nil when the algorithm applies.
    public func unavailableReason(_ algorithm: CollectiveAlgorithm, for op: CollectiveOperation) -> String? {
        if let allowed = group.protocols, !allowed.contains(.simple),
            [.nvls, .nvlstree, .collnet, .pat].contains(algorithm)
        {
            return "\(algorithm.displayName) runs the Simple protocol only, which `nccl.protocols` leaves out"
        }
        switch algorithm {
        case .ring:
            return op == .alltoall || op == .sendrecv ? "\(op.rawValue) runs point-to-point, not as a ring" : nil
        case .tree:
            return op == .allReduce ? nil : "NCCL runs tree for all_reduce only"
        case .nvls:
            if op != .allReduce { return "topospec models NVLS for all_reduce only" }
            return group.nvlsComputeCapability == nil
                ? "NVLS needs NVIDIA Hopper or later GPUs on NVSwitch (more than 2 per node)" : nil
        case .nvlstree:
            if op != .allReduce { return "NVLSTree runs all_reduce only" }
            if group.nvlsComputeCapability == nil {
                return "NVLSTree needs NVLink SHARP (Hopper or later on NVSwitch, NCCL 2.17+, `nccl.nvls` not false)"
            }
            if let v = group.ncclVersion, v < NCCLVersion(major: 2, minor: 18) {
                return "NVLSTree arrived in NCCL 2.18; the spec says \(v)"
            }
            return group.networkNodes > 1 ? nil : "NVLSTree needs more than one node"
        case .collnet:
            if op != .allReduce { return "topospec models CollNet for all_reduce only" }
            if !group.sharp {
                return "CollNet needs in-network reduction: declare `sharp: true` on the compute network"
            }
            return group.networkNodes > 1 ? nil : "CollNet needs more than one node"
        case .pat:
            if op != .allGather && op != .reduceScatter { return "PAT runs all_gather and reduce_scatter only" }
            if let v = group.ncclVersion, v < NCCLVersion(major: 2, minor: 23) {
                return "PAT arrived in NCCL 2.23; the spec says \(v)"
            }
            return group.networkNodes > 1 && group.ranksPerNode == 1
                ? nil : "PAT needs one GPU per node on several nodes"
        case .p2p:
            return op == .alltoall || op == .sendrecv ? nil : "point-to-point is for alltoall and sendrecv"
        }
    }

    /// The estimate for `bytes` (nccl-tests' size) with `algorithm`, or the fastest NCCL would
    /// choose when nil. Nil when the group has one rank or the requested algorithm cannot run.
    ///
    /// - Parameters:
    ///   - op: The collective.
    ///   - bytes: The buffer size as nccl-tests reports it; 0 or less gives nil.
    ///   - algorithm: The algorithm to force, or nil to let the model pick the fastest available one.
    /// - Returns: The fastest algorithm and protocol pair's time and bandwidths, or nil.
    /// - Complexity: O(1): at most 7 algorithms × 3 protocols.
    public func estimate(
        _ op: CollectiveOperation, bytes: Int, algorithm: CollectiveAlgorithm? = nil
    ) -> CollectiveEstimate? {
        guard group.ranks > 1, bytes > 0 else { return nil }
        let candidates: [CollectiveAlgorithm]
        if let algorithm {
            guard unavailableReason(algorithm, for: op) == nil else { return nil }
            candidates = [algorithm]
        } else {
            candidates = CollectiveAlgorithm.allCases.filter { unavailableReason($0, for: op) == nil }
        }
        var best: CollectiveEstimate?
        for a in candidates {
            for p in NCCLProtocol.allCases where a == .p2p || protocolAllowed(p) {
                guard let algbw = algorithmBandwidth(op, a, p), algbw > 0 else { continue }
                let seconds =
                    (latency(op, a, p)
                        + AchievableRates.rampMicroseconds(
                            op, bytes: bytes, ranks: group.ranks, networkNodes: a == .collnet ? 1 : group.networkNodes))
                    * 1e-6 + Double(bytes)
                    / (algbw * 1e9)
                let measured = Double(bytes) / seconds / 1e9
                let estimate = CollectiveEstimate(
                    bytes: bytes, seconds: seconds, algorithm: a, protocol: p,
                    algbwGBs: measured, busbwGBs: measured * op.busFactor(ranks: group.ranks))
                if seconds < (best?.seconds ?? .infinity) { best = estimate }
            }
        }
        return best
    }

    /// Whether the spec's `nccl.protocols` (NCCL_PROTO) lets collectives use `p`; point-to-point
    /// operations are not governed by it.
    private func protocolAllowed(_ p: NCCLProtocol) -> Bool {
        group.protocols?.contains(p) ?? true
    }

    /// Peak algorithm bandwidth, GB/s (nil when the protocol does not apply).
    func algorithmBandwidth(_ op: CollectiveOperation, _ a: CollectiveAlgorithm, _ p: NCCLProtocol) -> Double? {
        let g = group
        let multiNode = g.networkNodes > 1
        let intra = g.intraGBs ?? .infinity
        let net = multiNode ? g.networkGBsPerNode : .infinity
        let n = g.ranks
        // Protocol factors, NCCL src/graph/tuning.cc ncclTopoTuneModel: LL carries half its bytes
        // as flags, LL128 120 of 128 bytes (× 0.92), LL128 only over NVLink by default.
        func protocolFactor(_ p: NCCLProtocol) -> Double? {
            switch p {
            case .simple: 1
            case .ll128: g.ll128 ? 0.92 : nil
            case .ll: 0.5
            }
        }
        switch a {
        case .ring:
            guard let f = protocolFactor(p) else { return nil }
            var ringBus = min(intra, net) * f
            // NCCL caps ring LL's bus bandwidth (tuning.cc: min(llMaxBw, busBw × 0.5)).
            if p == .ll, let cap = g.llMaxBusGBs { ringBus = min(ringBus, cap) }
            return ringBus / op.busFactor(ranks: n).nonZero
        case .tree:
            guard multiNode, let f = protocolFactor(p) else { return nil }
            // Double binary tree: beyond 2 nodes every node sends and receives the whole buffer
            // twice (up and down), so the network carries what a ring does. On 2 nodes each node
            // is the root of one of the two trees and a leaf of the other, so it sends and receives
            // the buffer once: NCCL prices the tree by its intra-node rate there (src/graph/tuning.cc
            // `ncclTopoTuneModel`: bw = nNodes <= 2 ? bwIntra : bwInter), i.e. twice the network.
            // 2 × 8 H100 over GPUDirect-TCPXO with NVLS off (NCCL_NVLS_ENABLE=0, NCCL_ALGO=Ring,Tree)
            // reaches 181 GB/s algbw at 8 GB on 8 × 200G, which only the 2-node tree explains
            // (lessizzmore/create-a3mega-ztan-fork). RCCL scales its tree by its own per-platform
            // tables (ROCm/rccl src/graph/tuning.cc `rcclTuningModel`), and MI355X two-node
            // all-reduce runs at the ring rate (OCI), so AMD keeps the ring rate.
            // Simple × 0.92 and LL ÷ 3.8 as NCCL.
            let treeFactor = p == .simple ? 0.92 : p == .ll ? 1 / 3.8 : 120.0 / 128
            let network = g.networkNodes <= 2 && !g.runsRCCL ? 2 * net : net
            var treeBus = min(intra, network) * treeFactor
            // NCCL caps tree LL's bus bandwidth too (tuning.cc: min(busBw / 3.8, llMaxBw)).
            if p == .ll, let cap = g.llMaxBusGBs { treeBus = min(treeBus, cap) }
            return treeBus * 0.5 * (f > 0 ? 1 : 0)
        case .nvls:
            guard p == .simple, let cc = g.nvlsComputeCapability, !multiNode || g.intraLink == .nvswitch else {
                return nil
            }
            guard !multiNode else { return nil }
            return (g.intraGBs ?? 0) * AchievableRates.nvlsEfficiency(computeCapability: cc)
        case .nvlstree:
            guard p == .simple, let cc = g.nvlsComputeCapability, multiNode else { return nil }
            let nvls = (g.intraGBs ?? 0) * AchievableRates.nvlsEfficiency(computeCapability: cc)
            // NVLS inside each node, a tree between nodes: on 2 nodes each node sends and
            // receives the buffer once (NCCL: interBw × 2 for ≤ 2 nodes), beyond that twice.
            return min(nvls, net * (g.networkNodes <= 2 ? 1 : 0.5))
        case .collnet:
            guard p == .simple, multiNode else { return nil }
            // The switches reduce: every node sends its buffer once and receives the result
            // once, so the network carries half of what a ring or tree moves. Inside the node
            // NVLS where it exists, else a reduce and a broadcast over the node's links. NCCL
            // scales CollNet Direct by 0.85 on Hopper and later (tuning.cc).
            let inside =
                g.nvlsComputeCapability.map { intra * AchievableRates.nvlsEfficiency(computeCapability: $0) } ?? intra
                * 0.5
            let hopper = (g.nvlsComputeCapability ?? 0) >= 9 ? 0.85 : 1
            return min(inside, net) * hopper
        case .pat:
            guard p == .simple else { return nil }
            // NCCL: PAT bus bandwidth × 0.75 of the ring's.
            return min(intra, net) * 0.75 / op.busFactor(ranks: n).nonZero
        case .p2p:
            guard p == .simple else { return nil }
            if op == .sendrecv { return g.pairGBs }
            // All-to-all: each rank sends (n − 1)/n of its buffer; the share for other nodes
            // leaves over the node's NICs (no aggregation beyond the node's NICs, maintainer in
            // NVIDIA/nccl-tests#267), the rest over the node's links.
            let nd = Double(n)
            let local = Double(g.ranksPerNode)
            let remoteShare = multiNode ? (nd - local) / nd : 0
            let localShare = (local - 1) / nd
            let netPerRank = g.networkGBsPerNode / local
            let tNet = remoteShare > 0 ? remoteShare / netPerRank : 0
            let tIntra = localShare > 0 ? localShare / (g.intraGBs ?? .infinity) : 0
            let t = max(tNet, tIntra)
            return t > 0 ? 1 / t : nil
        }
    }

    /// Latency in µs, NCCL src/graph/tuning.cc (base + per-step hardware latencies).
    func latency(_ op: CollectiveOperation, _ a: CollectiveAlgorithm, _ p: NCCLProtocol) -> Double {
        let g = group
        let pi = p == .ll ? 0 : p == .ll128 ? 1 : 2
        let nvlinkIntra = g.intraLink == .nvswitch || g.intraLink == .nvlinkMesh || g.intraLink == .xgmiMesh
        let intraTable = nvlinkIntra ? AchievableRates.nvlinkLatency : AchievableRates.pcieLatency
        let base = AchievableRates.baseLatency[a]?[pi] ?? 0
        var intraLat = intraTable[a]?[pi] ?? 0
        let nodes = g.networkNodes
        // The network plugin's latency on every hop, twice with Simple (NCCL's flush latency).
        let interLat =
            ((g.ranksPerNode == 1 ? AchievableRates.networkLatency[.tree]?[pi] : AchievableRates.networkLatency[a]?[pi])
                ?? 0) + g.netPluginLatency * (p == .simple ? 2 : 1)
        let log2Nodes = Double(Int.bitWidth - max(1, nodes).leadingZeroBitCount - 1)
        switch a {
        case .ring:
            let steps = op.ringSteps(ranks: g.ranks)
            if op == .broadcast || op == .reduce {
                return base + Double(steps) * (nodes > 1 ? interLat : intraLat)
            }
            if nodes > 1 { intraLat = max(intraLat, AchievableRates.netOverhead * (p == .simple ? 3 : 1)) }
            let inter = nodes == 1 ? 0 : op == .allReduce ? 2 * (nodes - 1) : nodes - 1
            return base + Double(steps - inter) * intraLat + Double(inter) * interLat
        case .tree:
            return base + 2 * (Double(g.ranksPerNode - 1) * intraLat + log2Nodes * interLat)
        case .nvls:
            return intraLat + (nodes > 1 ? interLat : 0)
        case .nvlstree:
            return base + intraLat + 2 * log2Nodes * interLat
        case .pat:
            return base + log2Nodes * interLat / 3.5 + Double(g.ranks) * 2.8
        case .collnet:
            return base + interLat
        case .p2p:
            return base + (nodes > 1 ? interLat : intraLat)
        }
    }
}

extension Double {
    fileprivate var nonZero: Double { self == 0 ? 1 : self }
}
