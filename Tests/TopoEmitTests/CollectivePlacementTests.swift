import Testing
import TopoEmit
import TopoLint
import TopoModel
import TopoRules
import TopoSolver
import TopoTestSupport
import TopoTopology

/// `place`'s times come from the collective model: each dimension's collectives at their sizes,
/// priced per group on where its ranks sit, the slowest group gating; priced once per group shape.
@Suite struct CollectivePlacementTests {
    /// The analysis of one job `train` on the nodes `hostlist` of HGX H100 nodes.
    static func trainOn(
        _ hostlist: String, parallelism: String,
        model: String = "params: 8e9, layers: 32, hidden: 4096, heads: 32", batch: String
    ) throws -> SpecAnalysis {
        try context(HGXSpecText.trainingSpec(on: hostlist, parallelism: parallelism, model: model, batch: batch))
    }

    static func context(_ text: String) throws -> SpecAnalysis {
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "t.yaml")
        return SpecAnalysis(spec: try #require(report.spec, "\(report.diagnostics.map(\.message))"))
    }

    static func metrics(_ context: SpecAnalysis, mapping: Mapping? = nil) throws -> (PlacementMetrics, TrafficModel) {
        let layout = try #require(context.layouts[0])
        let volumes = try TrafficModel.volumes(job: context.spec.jobs[0], layout: layout).get()
        let traffic = TrafficModel(layout: layout, volumes: volumes)
        let distance = ClusterDistance(context: context, layout: layout)
        return (
            PlacementMetrics(
                traffic: traffic, distance: distance, mapping: mapping ?? .identity(layout.size), context: context),
            traffic
        )
    }

    /// The collective model on one group of the default layout.
    static func model(_ context: SpecAnalysis, _ ranks: [Int]) throws -> CollectiveModel {
        let layout = try #require(context.layouts[0])
        return CollectiveModel(
            group: CollectiveGroup(context: context, slots: ranks.map { (layout.slots[$0].node, layout.slots[$0].gpu) })
        )
    }

    @Test func dimensionTimesAreTheModelsCollectivesAtTheirSizes() throws {
        let context = try Self.trainOn("n[1-4]", parallelism: "tp: 8, dp: 4", batch: "micro: 1, seq: 8192, global: 256")
        let (m, traffic) = try Self.metrics(context)
        // TP: 4 all-reduces of one micro-batch's activations (1 × 8192 × 4096 × 2 B) per layer and
        // micro-batch (32 layers × 64 micro-batches), on one node's NVSwitch.
        let x = 8192 * 4096 * 2
        let tp = try #require(try Self.model(context, Array(0..<8)).estimate(.allReduce, bytes: x))
        let tpSeconds = try #require(m.secondsByDimension[.tp])
        #expect(abs(tpSeconds - 4 * 32 * 64 * tp.seconds) / tpSeconds < 1e-9)
        #expect(
            traffic.volumes.collectives[.tp] == [
                DimensionCollective(operation: .allReduce, bytes: Double(x), count: 4 * 32 * 64)
            ])
        // DP: one all-reduce of the gradient shard (8e9 ÷ 8 × 2 B) across the 4 nodes, one GPU per
        // node: its own NIC (rail), as the model gives a group with one rank per node.
        let dp = try #require(try Self.model(context, [0, 8, 16, 24]).estimate(.allReduce, bytes: 2_000_000_000))
        let dpSeconds = try #require(m.secondsByDimension[.dp])
        #expect(abs(dpSeconds - dp.seconds) / dpSeconds < 1e-9)
        #expect(abs(m.secondsPerIteration - tpSeconds - dpSeconds) < 1e-12)
        // 4 TP groups and 8 DP groups, all alike: two shapes priced.
        #expect(m.shapesPriced == 2)
    }

    @Test func groupsSharingANodesNICsGetTheirShare() throws {
        // 4 NICs for 8 GPUs: the 8 DP groups (one GPU per node each) share them, half a NIC each;
        // with a whole node per DP group the ring uses all 4.
        let text =
            HGXSpecText.header(nics: "cx[0-3]") + """
                nodes:
                  "n[1-4]": {type: hgx}
                jobs:
                  train:
                    nodes: "n[1-4]"
                    parallelism: {tp: 8, dp: 4}
                    traffic: {tp: 1e9, dp: 6e9}

                """
        let context = try Self.context(text)
        let (m, _) = try Self.metrics(context)
        // `traffic:` figures: one all-reduce whose bus bytes are the figure (2(d−1)/d × buffer).
        let buffer = 6e9 / (2 * 3.0 / 4)
        let base = CollectiveGroup(context: context, slots: [(0, 0), (1, 0), (2, 0), (3, 0)])
        let shared = CollectiveModel(group: base.sharingNetwork(nics: 0.5, slowdown: 1))
        let expected = try #require(shared.estimate(.allReduce, bytes: Int(buffer)))
        let dp = try #require(m.secondsByDimension[.dp])
        #expect(abs(dp - expected.seconds) / dp < 1e-9)
        // The model alone gives such a group a whole NIC: sharing makes it slower.
        let alone = try #require(CollectiveModel(group: base).estimate(.allReduce, bytes: Int(buffer)))
        #expect(dp > alone.seconds * 1.5)
    }

    @Test func shapesArePricedOncePerShapeNotPerGroup() throws {
        let context = try Self.trainOn(
            "n[001-128]", parallelism: "tp: 8, pp: 4, dp: 32",
            model: "params: 70B, layers: 80, hidden: 8192, heads: 64", batch: "micro: 1, seq: 8192, global: 512")
        let layout = try #require(context.layouts[0])
        let (m, _) = try Self.metrics(context)
        let groups = [JobLayout.Dimension.tp, .dp, .pp].reduce(0) { $0 + layout.groups($1).count }
        #expect(groups > 400)
        // TP: one shape; DP: one per GPU index (the local GPU is part of the shape); PP pairs: one.
        #expect(m.shapesPriced <= 10)
        // A scrambled placement has more shapes, still far fewer than groups.
        var permutation = Array(0..<layout.size)
        var random = SplitMix(seed: 7)
        for i in stride(from: permutation.count - 1, to: 0, by: -1) {
            permutation.swapAt(i, Int(random.next() % UInt64(i + 1)))
        }
        let (scrambled, _) = try Self.metrics(context, mapping: try #require(Mapping(permutation)))
        #expect(scrambled.shapesPriced < groups / 4)
        #expect(scrambled.secondsPerIteration > m.secondsPerIteration)
    }

    @Test func pipelineStagesAcrossNodesPayTheirSends() throws {
        let context = try Self.trainOn("n[1-2]", parallelism: "tp: 8, pp: 2", batch: "micro: 1, seq: 8192, global: 16")
        let (m, traffic) = try Self.metrics(context)
        // 16 micro-batches, each stage sends one X ÷ TP message per micro-batch to its neighbour,
        // over its own NIC (8 GPUs, 8 NICs, every rank crossing).
        let x = 8192.0 * 4096 * 2
        #expect(
            traffic.volumes.collectives[.pp] == [DimensionCollective(operation: .sendrecv, bytes: x / 8, count: 16)])
        let pair = try #require(try Self.model(context, [0, 8]).estimate(.sendrecv, bytes: Int(x / 8)))
        let pp = try #require(m.secondsByDimension[.pp])
        #expect(abs(pp - 16 * pair.seconds) / pp < 1e-9)
    }
}

/// A small deterministic generator for shuffles in tests.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
