import Testing
import TopoDiagnostics
import TopoEmit
import TopoLint
import TopoModel
import TopoRules
import TopoSolver
import TopoTestSupport
import TopoTopology

private func plan(_ text: String, job: String, seed: UInt64 = 1) throws -> (PlacementPlanner.Plan, ClusterSpec) {
    let report = Linter().lint(bytes: Array(text.utf8), path: "t.yaml")
    let spec = try #require(report.spec, "\(report.diagnostics.map(\.message))")
    let result = PlacementReport.plan(spec: spec, jobName: job, seed: seed, seconds: 20)
    return (try result.get(), spec)
}

private let hgx = HGXSpecText.header()

@Suite struct PlacementTests {
    @Test func regularJobOnRegularClusterReachesTheAnalyticOptimum() throws {
        let text = HGXSpecText.trainingSpec(
            on: "n[1-4]", parallelism: "tp: 8, dp: 4", batch: "micro: 1, seq: 8192, global: 256")
        let (p, _) = try plan(text, job: "train")
        // Analytic optimum: every TP ring on NVLink (450 GB/s per direction), every DP ring
        // over the network (one 400 Gb/s NIC per GPU: 50 GB/s).
        let v = p.traffic.volumes
        let optimum = 32 * v.tp / 450e9 + 32 * v.dp / 50e9
        #expect(abs(p.metrics.objective - optimum) / optimum < 1e-9)
        #expect(abs(p.defaultMetrics.objective - optimum) / optimum < 1e-9)
        #expect(
            p.metrics.groups[.tp] == PlacementMetrics.GroupCounts(total: 4, onNVLink: 4, inOneNode: 4, acrossRacks: 0))
        #expect(p.lowerBound <= p.metrics.objective * (1 + 1e-9))
        // TP volume: 8(t−1)/t × X × layers × micro-batches, X = 1 × 8192 × 4096 × 2 bytes.
        let x = 8192.0 * 4096 * 2
        #expect(abs(v.tp - 8 * 7 / 8 * x * 32 * 64) < 1)
        #expect(abs(v.dp - 2 * 3 / 4 * 8e9 / 8 * 2) < 1)
    }

    @Test func irregularClusterWithAFailedGPUBeatsTheDefaultOrder() throws {
        let text =
            hgx + """
                  one: {gpus: {sku: h100-sxm5-80gb, count: 1}, nics: {cx0: {sku: connectx-7, network: ib}}}
                nodes:
                  "n[1-4]": {type: hgx, exceptions: {n1: {failed_gpus: [3]}}}
                  single: {type: one}
                jobs:
                  train:
                    nodes: "n[1-4],single"
                    parallelism: {tp: 8, dp: 4}
                    model: {params: 8B, layers: 32, hidden: 4096, heads: 32}
                    batch: {micro: 1, seq: 8192, global: 256}
                """
        let (p, _) = try plan(text, job: "train")
        // The default order shifts every TP group by one GPU: all four straddle two nodes.
        #expect(p.defaultMetrics.groups[.tp]?.inOneNode == 0)
        // The best placement keeps three TP groups whole; one must straddle (7 + 1 GPUs).
        #expect(p.metrics.groups[.tp]?.inOneNode == 3)
        #expect(p.metrics.objective < p.defaultMetrics.objective * 0.6)
        #expect(Set(p.mapping.slot) == Set(0..<32))
        let graph = p.traffic.graph
        #expect(abs(p.mapping.cost(graph, p.distance) - p.metrics.objective) / p.metrics.objective < 1e-9)
    }

    @Test func dataParallelHeavierThanTensorParallelStillKeepsTPInsideNodes() throws {
        // The case where Scotch's static mapping came out 25 % worse than TP-inside-a-node:
        // TP 8 × DP 2 × PP 2 on 4 × 8 GPUs, DP traffic three times TP's.
        let text =
            hgx + """
                nodes:
                  "n[1-4]": {type: hgx}
                jobs:
                  train:
                    nodes: "n[1-4]"
                    parallelism: {tp: 8, dp: 2, pp: 2}
                    traffic: {tp: 1e10, dp: 3e10, pp: 1e9}
                """
        let (p, _) = try plan(text, job: "train")
        let tpInside = PlacementPlanner.mapping(for: .init(dimensions: [.tp, .dp, .pp]), layout: p.traffic.layout)
        let reference = tpInside.cost(p.traffic.graph, p.distance)
        #expect(p.metrics.objective <= reference * (1 + 1e-9))
    }

    @Test func placementIsDeterministicForASeed() throws {
        let text =
            hgx + """
                  one: {gpus: {sku: h100-sxm5-80gb, count: 1}, nics: {cx0: {sku: connectx-7, network: ib}}}
                nodes:
                  "n[1-4]": {type: hgx, exceptions: {n1: {failed_gpus: [3]}}}
                  single: {type: one}
                jobs:
                  train: {nodes: "n[1-4],single", parallelism: {tp: 4, dp: 8}, traffic: {tp: 4e10, dp: 1e10}}
                """
        let (a, spec) = try plan(text, job: "train", seed: 7)
        let (b, _) = try plan(text, job: "train", seed: 7)
        #expect(a.mapping == b.mapping)
        #expect(
            PlacementReport.json(a, spec: spec, jobName: "train")
                == PlacementReport.json(b, spec: spec, jobName: "train"))
    }

    @Test func dimensionOrdersAreEveryPermutationWithMegatronFirst() throws {
        let text =
            hgx + """
                nodes:
                  "n[1-4]": {type: hgx}
                jobs:
                  train: {nodes: "n[1-4]", parallelism: {tp: 2, cp: 2, pp: 2, dp: 4}, traffic: {tp: 1, cp: 1, pp: 1, dp: 1}}
                """
        let (p, _) = try plan(text, job: "train")
        let orders = PlacementPlanner.orders(for: p.traffic.layout)
        #expect(orders.count == 24)
        #expect(orders.first?.name == "tp-cp-dp-pp")
        #expect(Set(orders.map(\.name)).count == 24)
        #expect(PlacementPlanner.mapping(for: orders[0], layout: p.traffic.layout) == .identity(32))
    }

    @Test func missingModelOrJobIsExplained() throws {
        let report = Linter().lint(
            bytes: Array((hgx + "nodes:\n  n1: {type: hgx}\njobs:\n  j: {nodes: n1, parallelism: {tp: 8}}\n").utf8),
            path: "t.yaml")
        let spec = try #require(report.spec)
        guard case let .failure(noTraffic) = PlacementReport.plan(spec: spec, jobName: "j", seed: 1, seconds: 1) else {
            Issue.record("expected a failure")
            return
        }
        #expect(noTraffic.description.contains("traffic:"))
        guard case let .failure(noJob) = PlacementReport.plan(spec: spec, jobName: "k", seed: 1, seconds: 1) else {
            Issue.record("expected a failure")
            return
        }
        #expect(noJob.description.contains("did you mean `j`"))
    }
}

@Suite struct ByteFormatTests {
    @Test func petabytesAndUpHaveThreeSignificantDigits() {
        #expect(Format.bytes(2462.9e12) == "2.46 PB")
        #expect(Format.bytes(24.6e15) == "24.6 PB")
        #expect(Format.bytes(246e15) == "246 PB")
        #expect(Format.bytes(1.05e15) == "1.05 PB")
        #expect(Format.bytes(3e18) == "3.00 EB")
        #expect(Format.bytes(824.6e9) == "824.6 GB")
        #expect(Format.bytes(999.9e12) == "999.9 TB")
    }
}
