import TopoModel
import TopoSolver

/// Who sends how many bytes to whom in one training iteration of a job, by parallel dimension,
/// from the model and batch (or the spec's `traffic:` figures). Per rank, per iteration, with
/// L' = layers ÷ PP layers per rank, m = global ÷ (DP × micro) micro-batches, and
/// X = micro × (seq ÷ CP) × hidden × dtype bytes (one micro-batch's activations):
///
/// - **TP**: 4 all-reduces per layer and micro-batch (2 forward, 2 backward; Megatron-LM,
///   Shoeybi et al. 2019), each a ring sending 2(t−1)/t × X: 8(t−1)/t × X × L' × m. Sequence
///   parallelism replaces each all-reduce by a reduce-scatter and an all-gather of the same
///   total volume.
/// - **CP**: ring attention passes K and V blocks (2 × X ÷ TP, full hidden width: an upper bound
///   under grouped-query attention) around the ring, cp − 1 steps forward and about twice that
///   backward: 3 × (c−1) × 2X/TP × L' × m.
/// - **EP**: two all-to-alls (dispatch, combine) forward and two backward per MoE layer, each
///   sending (e−1)/e of X × top-k ÷ TP, every layer taken as a MoE layer: 4(e−1)/e × X × k/TP ×
///   L' × m, split evenly over the e − 1 peers.
/// - **PP**: each pair of neighbouring stages exchanges X ÷ TP forward and the same backward per
///   micro-batch: 2 × m × X/TP.
/// - **DP**: a ring all-reduce of the gradient shard G = params ÷ (TP × PP) × gradient bytes,
///   2(d−1)/d × G; ZeRO-3 / FSDP adds the parameter all-gathers: 3(d−1)/d × G.
///
/// Collectives follow the pattern NCCL runs on them: rings in rank order for TP, CP and DP, all
/// pairs for EP, the chain of stages for PP.
public struct TrafficModel: Sendable {
    /// One directed transfer: `bytes` from rank `from` to rank `to` per iteration.
    public struct Send: Sendable {
        public var from: Int
        public var to: Int
        public var bytes: Double
    }

    /// Bytes per rank per iteration by dimension (PP: per pair of neighbouring stages).
    public struct Volumes: Sendable, Equatable {
        public var tp = 0.0
        public var cp = 0.0
        public var ep = 0.0
        public var pp = 0.0
        public var dp = 0.0
        /// The collectives behind each figure the job's model and batch gave (not `traffic:`
        /// figures, which say bytes only): what `PlacementMetrics` prices on the collective model.
        public var collectives: [JobLayout.Dimension: [DimensionCollective]] = [:]

        /// The figure of dimension `d`.
        ///
        /// - Parameter d: The parallel dimension.
        /// - Returns: Bytes per rank per iteration; 0 for a dimension of size 1.
        public subscript(_ d: JobLayout.Dimension) -> Double {
            switch d {
            case .tp: tp
            case .cp: cp
            case .ep: ep
            case .pp: pp
            case .dp: dp
            }
        }
    }

    public let layout: JobLayout
    public let volumes: Volumes
    /// Directed transfers of each dimension.
    public let sends: [JobLayout.Dimension: [Send]]
    /// Every group (ranks) of each dimension larger than 1, built once for every placement
    /// evaluated (they do not depend on where ranks run); PP also as neighbouring stage pairs.
    public let groups: [JobLayout.Dimension: [[Int]]]
    public let pipelinePairs: [[Int]]

    /// Why a job's traffic cannot be estimated.
    public struct MissingInput: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Bytes per rank per iteration of each dimension larger than 1, from the job's `traffic:` figures
    /// where given, else from its model and batch by the formulas above.
    ///
    /// - Parameters:
    ///   - job: The job; its `traffic`, `model`, `batch` and `training` (optimizer, ZeRO stage) are read.
    ///   - layout: The job's layout; dimensions of size 1 stay 0.
    /// - Returns: The volumes, with `collectives` filled for the figures the model gave; or a
    ///   `MissingInput` naming the first dimension's missing model or batch fields.
    public static func volumes(job: Job, layout: JobLayout) -> Result<Volumes, MissingInput> {
        var v = Volumes()
        let given = job.traffic
        let t = Double(layout.tp), c = Double(layout.cp), e = Double(layout.ep), d = Double(layout.dp)
        let model = job.model
        let batch = job.batch
        var x: Double?
        var layersPerRank: Double?
        var microBatches: Double?
        if let model, let hidden = model.hidden, let layers = model.layers, let batch, let micro = batch.micro,
            let seq = batch.seq, let global = batch.global
        {
            x = Double(micro) * Double(seq) / c * Double(hidden) * model.dtype.bytes
            layersPerRank = Double(layers) / Double(layout.pp)
            microBatches = Double(global) / Double(layout.dp * micro)
        }
        func need(_ what: String, _ value: Double?) -> Result<Double, MissingInput> {
            value.map { .success($0) }
                ?? .failure(
                    MissingInput(
                        description:
                            "job `\(job.name)` needs \(what) to estimate its traffic, or `traffic:` figures"))
        }
        let perLayer = { (factor: Double) -> Double? in
            guard let x, let layersPerRank, let microBatches else { return nil }
            return factor * x * layersPerRank * microBatches
        }
        let activationsMissing = "`model` (hidden, layers) and `batch` (micro, seq, global)"
        if layout.tp > 1 {
            switch need(activationsMissing, given?.tp ?? perLayer(8 * (t - 1) / t)) {
            case let .success(value):
                v.tp = value
                if given?.tp == nil, let x, let calls = perLayer(4).map({ $0 / x }) {
                    v.collectives[.tp] = [DimensionCollective(operation: .allReduce, bytes: x, count: calls)]
                }
            case let .failure(f): return .failure(f)
            }
        }
        if layout.cp > 1 {
            switch need(activationsMissing, given?.cp ?? perLayer(3 * (c - 1) * 2 / t)) {
            case let .success(value):
                v.cp = value
                // Passing K and V around the ring is an all-gather of the c blocks (2X/TP each).
                if given?.cp == nil, let x, let calls = perLayer(3).map({ $0 / x }) {
                    v.collectives[.cp] = [
                        DimensionCollective(operation: .allGather, bytes: c * 2 * x / t, count: calls)
                    ]
                }
            case let .failure(f): return .failure(f)
            }
        }
        if layout.ep > 1 {
            let k = Double(model?.topK ?? 1)
            switch need(activationsMissing, given?.ep ?? perLayer(4 * (e - 1) / e * k / t)) {
            case let .success(value):
                v.ep = value
                if given?.ep == nil, let x, let calls = perLayer(4).map({ $0 / x }) {
                    v.collectives[.ep] = [DimensionCollective(operation: .alltoall, bytes: x * k / t, count: calls)]
                }
            case let .failure(f): return .failure(f)
            }
        }
        if layout.pp > 1 {
            let estimate = x.flatMap { x in microBatches.map { 2 * $0 * x / t } }
            switch need(activationsMissing, given?.pp ?? estimate) {
            case let .success(value):
                v.pp = value
                // Per direction and neighbouring pair: one send of X/TP per micro-batch.
                if given?.pp == nil, let x, let microBatches {
                    v.collectives[.pp] = [DimensionCollective(operation: .sendrecv, bytes: x / t, count: microBatches)]
                }
            case let .failure(f): return .failure(f)
            }
        }
        if layout.dp > 1 {
            var estimate: Double?
            var shardBytes: Double?
            if let model, let params = model.params {
                let gradient = TrainingEstimates.stateBytes(job.training, dtype: model.dtype).gradients
                let shard = params / Double(layout.tp * layout.pp) * gradient
                shardBytes = shard
                estimate = (job.training.zero >= 3 ? 3 : 2) * (d - 1) / d * shard
            }
            switch need("`model.params`", given?.dp ?? estimate) {
            case let .success(value):
                v.dp = value
                // ZeRO-3 / FSDP: a reduce-scatter of the gradients and two all-gathers of the
                // parameters (forward and backward); otherwise one all-reduce.
                if given?.dp == nil, let shard = shardBytes {
                    v.collectives[.dp] =
                        job.training.zero >= 3
                        ? [
                            DimensionCollective(operation: .reduceScatter, bytes: shard, count: 1),
                            DimensionCollective(operation: .allGather, bytes: shard, count: 2),
                        ]
                        : [DimensionCollective(operation: .allReduce, bytes: shard, count: 1)]
                }
            case let .failure(f): return .failure(f)
            }
        }
        return .success(v)
    }

    /// The directed transfers and groups of a job with the given volumes.
    ///
    /// - Parameters:
    ///   - layout: The job's layout, for its groups.
    ///   - volumes: Bytes per rank and dimension, as `volumes(job:layout:)` gives; TP, CP and DP become
    ///     ring sends, EP an even split over all pairs of a group, PP half each way between neighbouring
    ///     stages.
    /// - Complexity: O(*r* · *e*) for *r* ranks and EP group size *e*.
    public init(layout: JobLayout, volumes: Volumes) {
        self.layout = layout
        self.volumes = volumes
        var sends: [JobLayout.Dimension: [Send]] = [:]
        var groups: [JobLayout.Dimension: [[Int]]] = [:]
        for dimension in JobLayout.Dimension.allCases where layout.groupSize(dimension) > 1 {
            groups[dimension] = layout.groups(dimension)
        }
        var pairs: [[Int]] = []
        for group in groups[.pp] ?? [] { for (a, b) in zip(group, group.dropFirst()) { pairs.append([a, b]) } }
        self.groups = groups
        pipelinePairs = pairs
        for dimension in [JobLayout.Dimension.tp, .cp, .dp] where layout.groupSize(dimension) > 1 {
            let bytes = volumes[dimension]
            var list: [Send] = []
            for group in groups[dimension] ?? [] {
                for (k, rank) in group.enumerated() {
                    list.append(Send(from: rank, to: group[(k + 1) % group.count], bytes: bytes))
                }
            }
            sends[dimension] = list
        }
        if layout.ep > 1 {
            let share = volumes.ep / Double(layout.ep - 1)
            var list: [Send] = []
            for group in groups[.ep] ?? [] {
                for a in group { for b in group where b != a { list.append(Send(from: a, to: b, bytes: share)) } }
            }
            sends[.ep] = list
        }
        if layout.pp > 1 {
            let half = volumes.pp / 2
            var list: [Send] = []
            for group in groups[.pp] ?? [] {
                for (a, b) in zip(group, group.dropFirst()) {
                    list.append(Send(from: a, to: b, bytes: half))
                    list.append(Send(from: b, to: a, bytes: half))
                }
            }
            sends[.pp] = list
        }
        self.sends = sends
    }

    /// The undirected communication graph over ranks (bytes in both directions summed).
    public var graph: CommunicationGraph {
        var edges: [(Int, Int, Double)] = []
        for (_, list) in sends { for s in list { edges.append((s.from, s.to, s.bytes)) } }
        return CommunicationGraph(count: layout.size, edges: edges)
    }

    /// Total bytes each rank sends per iteration.
    public var bytesPerRank: Double {
        let total = sends.values.reduce(0.0) { $0 + $1.reduce(0.0) { $0 + $1.bytes } }
        return total / Double(max(1, layout.size))
    }
}
