import TopoDiagnostics
import TopoModel
import TopoRules
import TopoTopology

/// The bus bandwidth topospec expects an nccl-tests run to reach on given ranks.
///
/// The single place verify asks for a prediction. It is the collective model's (`CollectiveModel`
/// in TopoTopology: NCCL's algorithms and protocols, channels over every NIC, achievable link
/// rates — the same figures `topospec collective` prints) at the run's largest size. Where the
/// model has no estimate it falls back to a ring bound over the analysis's link rates
/// (`NodeTopology`, the nodes' compute NICs): nccl-tests normalizes busbw so that a ring
/// collective's busbw equals the bandwidth of its slowest ring link (nccl-tests
/// `doc/PERFORMANCE.md`), so
/// - inside a node it is the slowest GPU-to-GPU path of the ring over the node's ranks;
/// - across nodes it is, per node, the compute NICs' share of the node's ranks (all of a node's
///   ring channels leave through its NICs);
/// - all-to-all divides each rank's network share by the fraction of its peers on other nodes;
/// - send/recv (`sendrecv_perf`, rank i to i + 1) is the slowest hop.
package enum BusBandwidthPrediction {
    /// A predicted busbw, GB/s, and what bounds it.
    package struct Prediction: Sendable {
        package var busbw: Double
        package var basis: String
    }

    /// Collectives with a prediction.
    package static let ringCollectives: Set<String> = [
        "all_reduce", "all_gather", "reduce_scatter", "broadcast", "reduce",
    ]

    /// The predicted busbw of `collective` on `ranks` (node index, GPU index), or nil when the
    /// collective is not modelled or a path's bandwidth is unknown.
    ///
    /// - Parameters:
    ///   - collective: nccl-tests' operation name (`all_reduce`, `alltoall`, `sendrecv`, …).
    ///   - ranks: The run's ranks in order, each an index into `ClusterSpec.nodes` and a GPU index.
    ///   - bytes: The run's largest size, at which the collective model is asked; 0 skips the model.
    ///   - analysis: The analysed spec.
    /// - Returns: The busbw and its basis (the model's algorithm and protocol, or the ring bound), or nil
    ///   for fewer than 2 ranks or no positive figure.
    package static func predict(
        collective: String, ranks: [(node: Int, gpu: Int)], bytes: Int,
        analysis: SpecAnalysis
    ) -> Prediction? {
        guard ranks.count >= 2 else { return nil }
        if let op = CollectiveOperation(rawValue: collective), bytes > 0 {
            let group = CollectiveGroup(context: analysis, slots: ranks)
            if let estimate = CollectiveModel(group: group).estimate(op, bytes: bytes), estimate.busbwGBs > 0 {
                let scope =
                    group.networkNodes > 1
                    ? "\(Format.count(group.networkNodes, "node")) × \(Format.count(group.ranksPerNode, "GPU")), \(group.nicLabel) per node"
                    : "\(group.ranks) GPUs in one NVLink domain or node"
                return Prediction(
                    busbw: estimate.busbwGBs,
                    basis:
                        "collective model at \(bytes) B: \(estimate.algorithm.displayName)/\(estimate.protocol.displayName), \(scope)"
                )
            }
        }
        guard let prediction = ringBound(collective: collective, ranks: ranks, analysis: analysis), prediction.busbw > 0
        else { return nil }
        return prediction
    }

    private static func ringBound(
        collective: String, ranks: [(node: Int, gpu: Int)], analysis: SpecAnalysis
    ) -> Prediction? {
        let spec = analysis.spec
        var byNode: [Int: [Int]] = [:]
        var order: [Int] = []
        for rank in ranks {
            if byNode[rank.node] == nil { order.append(rank.node) }
            byNode[rank.node, default: []].append(rank.gpu)
        }
        // Inside each node: the ring over its ranks' GPUs.
        var intra: (gbs: Double, what: String)?
        for node in order {
            let gpus = (byNode[node] ?? []).sorted()
            guard gpus.count >= 2 else { continue }
            let topology = analysis.nodeTopologies[spec.nodes[node].typeID]
            for (i, a) in gpus.enumerated() {
                let b = gpus[(i + 1) % gpus.count]
                guard a < topology.gpuCount, b < topology.gpuCount, a != b else { continue }
                let path = topology.gpuPath(a, b)
                guard let gbs = path.gbs else { return nil }
                if gbs < intra?.gbs ?? .infinity {
                    intra = (
                        gbs,
                        "\(spec.nodes[node].name) GPU \(a) ↔ GPU \(b) (\(path.pathClass), \(Self.format(gbs)) GB/s)"
                    )
                }
            }
        }
        // Across nodes: each node's compute NICs, shared by its ranks.
        var inter: (gbs: Double, what: String)?
        if order.count > 1 {
            for node in order {
                let typeID = spec.nodes[node].typeID
                guard let perGPU = analysis.networkGBsPerGPU(ofType: typeID) else { return nil }
                let share = perGPU * Double(byNode[node]?.count ?? 1)
                if share < inter?.gbs ?? .infinity {
                    inter = (
                        share,
                        "\(spec.nodes[node].name)'s compute NICs (\(Self.format(share)) GB/s for its \(byNode[node]?.count ?? 1) rank\(byNode[node]?.count == 1 ? "" : "s"))"
                    )
                }
            }
        }
        switch collective {
        case _ where ringCollectives.contains(collective), "sendrecv":
            let bounds = [intra, inter].compactMap { $0 }
            guard let slowest = bounds.min(by: { $0.gbs < $1.gbs }) else { return nil }
            return Prediction(busbw: slowest.gbs, basis: "ring bound: \(slowest.what)")
        case "alltoall":
            let n = Double(ranks.count)
            var best: (gbs: Double, what: String)?
            if let inter, order.count > 1 {
                // Per rank: S·(n − local)/n bytes leave the node at its NIC share, and
                // busbw = algbw·(n − 1)/n, so busbw = share·(n − 1)/(n − local).
                let local = max(1, Double(ranks.count) / Double(order.count))
                let gbs = inter.gbs / local * (n - 1) / max(1, n - local)
                best = (gbs, "all-to-all over \(inter.what)")
            }
            if let intra, intra.gbs < best?.gbs ?? .infinity { best = intra }
            return best.map { Prediction(busbw: $0.gbs, basis: $0.what) }
        default:
            return nil
        }
    }

    /// `ratio` as a whole percentage, safe for any finite or infinite value.
    static func percent(_ ratio: Double) -> String {
        let value = ratio * 100
        guard value.isFinite, abs(value) < 1e9 else { return value < 0 ? "-∞" : "∞" }
        return String(Int(value.rounded()))
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return String(value) }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
