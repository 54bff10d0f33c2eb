import Testing
import TopoEmit
import TopoLint
import TopoModel
import TopoSolver
import TopoTopology

/// `PlacementMetrics` counts where each dimension's groups sit without comparing every pair of a
/// group (a data-parallel group of 65,536 ranks in one hostile NVLink domain would be 2 × 10⁹
/// pairs): `ClusterDistance.allOnNVLink` must agree with the pairwise definition everywhere.
@Suite struct PlacementGroupCountTests {
    /// Every pair, earlier slot first, as the counts were defined.
    static func pairwise(_ slots: [Int], _ distance: ClusterDistance) -> Bool {
        for (i, a) in slots.enumerated() {
            for b in slots[(i + 1)...] where distance.linkClass(a, b) != .nvlink { return false }
        }
        return true
    }

    @Test(arguments: [
        "gb200-nvl72.yaml", "dgx-h100-superpod.yaml", "mixed-cluster-failed-gpu.yaml", "dgx-1v-cube-mesh.yaml",
        "rtx3090-nvlink-bridge.yaml", "h100-nvl-pairs.yaml",
    ])
    func nvlinkCountAgreesWithEveryPair(name: String) throws {
        let context = SpecAnalysis(spec: try Golden.spec(name))
        var random = RandomSource(seed: 7)
        var checked = 0
        for layout in context.layouts.compactMap({ $0 }) {
            let distance = ClusterDistance(context: context, layout: layout)
            var mapping = Mapping.identity(layout.size)
            for round in 0..<6 {
                if round > 0 {
                    for _ in 0..<layout.size {
                        mapping.swap(
                            Int.random(in: 0..<layout.size, using: &random),
                            Int.random(in: 0..<layout.size, using: &random))
                    }
                }
                for dimension in JobLayout.Dimension.allCases where layout.groupSize(dimension) > 1 {
                    for group in layout.groups(dimension) {
                        let slots = group.map { mapping.slot[$0] }
                        #expect(distance.allOnNVLink(slots) == Self.pairwise(slots, distance), "\(name) \(dimension)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 0)
    }

    /// Groups inside one multi-node NVLink domain: on NVLink when every tray's type has NVLink
    /// across the domain; a member on a node outside it breaks it.
    @Test func oneDomainAcrossNodes() throws {
        let report = Linter(configuration: .none).lint(
            bytes: Array(
                """
                topospec: 1
                cluster: c
                node_types:
                  tray: {gpus: {sku: gb200, count: 4}, sockets: 2, nvlink: {domain: external}}
                nodes:
                  "a[01-19]": {type: tray, rack: r1}
                nvlink_domains:
                  nvl1: {nodes: "a[01-18]", switches: {sku: nvswitch-gen4, count: 18}}
                jobs:
                  j: {nodes: "a[01-19]", parallelism: {tp: 4, dp: 19}, model: {params: 8e9}}
                """.utf8), path: "t.yaml")
        let context = SpecAnalysis(spec: try #require(report.spec, "\(report.diagnostics.map(\.message))"))
        let layout = try #require(context.layouts[0])
        let distance = ClusterDistance(context: context, layout: layout)
        let inDomain = Array(0..<72)
        #expect(distance.allOnNVLink(inDomain))
        #expect(distance.allOnNVLink(inDomain.reversed()))
        #expect(!distance.allOnNVLink(inDomain + [72]))
        #expect(!distance.allOnNVLink([72, 0]))
        #expect(distance.allOnNVLink([72, 73, 74, 75]))  // one node outside: its own NVLink
    }
}
