import Testing
import TopoEmit
import TopoLint
import TopoModel
import TopoSolver
import TopoTestSupport
import TopoTopology

private func plan(_ text: String, job: String = "train", seed: UInt64 = 1) throws -> PlacementPlanner.Plan {
    let report = Linter().lint(bytes: Array(text.utf8), path: "t.yaml")
    let spec = try #require(report.spec, "\(report.diagnostics.map(\.message))")
    return try PlacementReport.plan(spec: spec, jobName: job, seed: seed, seconds: 20).get()
}

private let types = """
    topospec: 1
    cluster: pod
    networks:
      ib: {fabric: infiniband, gbps: 400, topology: rail-optimized-fat-tree, rails: 8,
           tiers: [{name: leaf, radix: 64, down: 42, up: 21}, {name: spine, radix: 64}]}
    node_types:
      hgx:
        gpus: {sku: h100-sxm5-80gb, count: 8}
        nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
        nics: {"cx[0-7]": {sku: connectx-7, network: ib}}
      single:
        gpus: {sku: h100-pcie-80gb, count: 1}
        nics: {cx0: {sku: connectx-7, network: ib}}
      quad:
        gpus: {sku: h100-pcie-80gb, count: 4}
        nics: {"cx[0-3]": {sku: connectx-7, network: ib}}

    """

@Suite struct StructuredPlacementTests {
    @Test func failedGPUsKeepTheMostTPGroupsInsideOneNode() throws {
        // 256 ranks: 32 HGX nodes, 4 of them with a failed GPU, and 4 single-GPU nodes. At most
        // 28 of the 32 TP groups of 8 fit in one node (28 nodes have 8 GPUs).
        let text =
            types + """
                nodes:
                  "n[01-32]": {type: hgx, rack: "r[1-8]", exceptions: {n01: {failed_gpus: [0]}, n09: {failed_gpus: [1]}, n17: {failed_gpus: [2]}, n25: {failed_gpus: [3]}}}
                  "s[1-4]": {type: single, rack: r1}
                jobs:
                  train: {nodes: "n[01-32],s[1-4]", parallelism: {tp: 8, pp: 4, dp: 8}, traffic: {tp: 4e10, dp: 1e10, pp: 1e9}}
                """
        let p = try plan(text)
        #expect(p.defaultMetrics.groups[.tp]?.inOneNode ?? 0 < 28)
        #expect(
            p.metrics.groups[.tp]
                == PlacementMetrics.GroupCounts(
                    total: 32, onNVLink: 28, inOneNode: 28, acrossRacks: p.metrics.groups[.tp]?.acrossRacks ?? -1))
        #expect(!p.defaultMetrics.isBetter(than: p.metrics))
        #expect(p.metrics.objective < p.defaultMetrics.objective)
    }

    @Test func mixedAndPartialNodesPackWholeGroupsWhereTheyFit() throws {
        // Two 4-GPU PCIe nodes replace an HGX node; three nodes have only 6, 4 and 6 GPUs free,
        // made up by two more nodes: the 13 full nodes hold 13 TP groups whole, the other 24
        // ranks fill the 6 + 4 + 6 + 4 + 4 free slots.
        let text =
            types + """
                nodes:
                  "n[01-16]": {type: hgx, rack: "r[1-4]", exceptions: {n02: {failed_gpus: [6, 7]}, n07: {failed_gpus: [0, 1, 2, 3]}, n12: {failed_gpus: [2, 3]}}}
                  "q[1-2]": {type: quad, rack: r1}
                jobs:
                  train: {nodes: "n[01-16],q[1-2]", parallelism: {tp: 8, pp: 2, dp: 8}, traffic: {tp: 4e10, dp: 1e10, pp: 1e9}}
                """
        let p = try plan(text)
        #expect(p.metrics.groups[.tp]?.inOneNode == 13)
        #expect(p.metrics.groups[.tp]?.total == 16)
        #expect(!p.defaultMetrics.isBetter(than: p.metrics))
    }

    @Test func placementIsNeverWorseThanTheDefaultOrderByTheReportedTime() throws {
        // Nodes with two NICs for eight GPUs: the slow network makes the per-rank time and the
        // summed link time disagree; whatever the search finds, the reported time decides.
        let text =
            HGXSpecText.header(nics: "cx[0-1]") + """
                nodes:
                  "n[1-4]": {type: hgx, exceptions: {n2: {failed_gpus: [5]}}}
                  "m[1-3]": {type: hgx, exceptions: {m1: {failed_gpus: [0, 1, 2, 3, 4, 5, 6]}}}
                jobs:
                  train: {nodes: "n[1-4],m[1-3]", parallelism: {tp: 4, pp: 2, dp: 6}, traffic: {tp: 1e9, dp: 8e9, pp: 4e9}}
                """
        for seed: UInt64 in [1, 2, 3] {
            let p = try plan(text, seed: seed)
            #expect(p.metrics.secondsPerIteration <= p.defaultMetrics.secondsPerIteration * (1 + 1e-9))
            #expect(!p.defaultMetrics.isBetter(than: p.metrics))
            #expect(!p.bestOrderMetrics.isBetter(than: p.metrics))
        }
    }

    @Test func theObjectiveRanksTimeFirstThenLinkSeconds() throws {
        let text =
            types + """
                nodes:
                  "n[1-2]": {type: hgx}
                jobs:
                  train: {nodes: "n[1-2]", parallelism: {tp: 8, dp: 2}, traffic: {tp: 4e10, dp: 1e10}}
                """
        let p = try plan(text)
        var faster = p.metrics
        faster.secondsPerIteration *= 0.5
        faster.objective *= 2
        #expect(faster.isBetter(than: p.metrics))
        var fewerSlowBytes = p.metrics
        fewerSlowBytes.objective *= 0.9
        #expect(fewerSlowBytes.isBetter(than: p.metrics))
        #expect(!p.metrics.isBetter(than: p.metrics))
    }
}
