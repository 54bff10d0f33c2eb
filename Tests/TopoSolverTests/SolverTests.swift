import Foundation
import Testing
import TopoTestSupport

@testable import TopoSolver

enum Fixtures {
    static let root = RepositoryPaths.qaplibFolder

    static func qaplib(_ name: String) throws -> QAPInstance {
        let text = try String(contentsOfFile: root + name + ".dat", encoding: .utf8)
        return try QAPInstance.parseQAPLIB(text).get()
    }

    /// A random instance with small integer flows and distances.
    static func random(n: Int, seed: UInt64, symmetric: Bool) -> QAPInstance {
        var r = RandomSource(seed: seed)
        var flow = [Double](repeating: 0, count: n * n)
        var distance = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                if symmetric && j < i {
                    flow[i * n + j] = flow[j * n + i]
                    distance[i * n + j] = distance[j * n + i]
                } else {
                    flow[i * n + j] = Double(r.below(10))
                    distance[i * n + j] = Double(1 + r.below(9))
                }
            }
        }
        return QAPInstance(n: n, flow: flow, distance: distance)
    }

    static func bruteForce(_ q: QAPInstance) -> Double {
        var best = Double.infinity
        var p = Array(0..<q.n)
        func permute(_ k: Int) {
            if k == q.n {
                best = min(best, q.cost(p))
                return
            }
            for i in k..<q.n {
                p.swapAt(k, i)
                permute(k + 1)
                p.swapAt(k, i)
            }
        }
        permute(0)
        return best
    }
}

@Suite struct QAPTests {
    @Test(arguments: [
        (5, UInt64(1), true), (6, UInt64(2), false), (7, UInt64(3), true), (8, UInt64(4), false), (8, UInt64(5), true),
    ])
    func tabuSearchFindsTheBruteForceOptimum(n: Int, seed: UInt64, symmetric: Bool) {
        let q = Fixtures.random(n: n, seed: seed, symmetric: symmetric)
        let optimum = Fixtures.bruteForce(q)
        let result = RobustTabuSearch(iterations: 3000, seed: seed).solve(q)
        #expect(result.cost == optimum)
        #expect(Set(result.permutation) == Set(0..<n))
        #expect(GilmoreLawlerBound.bound(q) <= optimum + 1e-9)
    }

    @Test func qaplibFilesParseAndKnownPermutationsReproduceTheirValues() throws {
        // From Tests/Fixtures/shared/qaplib/README.md (1-based permutations).
        let nug12 = try Fixtures.qaplib("nug12")
        #expect(nug12.n == 12)
        #expect(nug12.cost([12, 7, 9, 3, 4, 8, 11, 1, 5, 6, 10, 2].map { $0 - 1 }) == 578)
        let tho150 = try Fixtures.qaplib("tho150")
        #expect(tho150.n == 150)
        let readme = try String(contentsOfFile: Fixtures.root + "README.md", encoding: .utf8)
        let row = try #require(readme.split(separator: "\n").first { $0.hasPrefix("| tho150") })
        let permutation = try #require(row.split(separator: "|").last?.split(separator: " ").compactMap { Int($0) })
        #expect(permutation.count == 150)
        #expect(tho150.cost(permutation.map { $0 - 1 }) == 8_133_398)
    }

    @Test(arguments: [("nug12", 578.0, 493.0), ("chr12a", 9552.0, nil), ("had20", 6922.0, 6166.0)])
    func smallQAPLIBInstancesReachTheOptimum(name: String, optimum: Double, gilmoreLawler: Double?) throws {
        let q = try Fixtures.qaplib(name)
        let result = RobustTabuSearch(iterations: 5000, seed: 1, target: optimum).solve(q)
        #expect(result.cost == optimum)
        let bound = GilmoreLawlerBound.bound(q)
        #expect(bound <= optimum)
        if let gilmoreLawler { #expect(bound == gilmoreLawler) }
    }

    @Test func malformedQAPLIBIsRefused() {
        #expect((try? QAPInstance.parseQAPLIB("").get()) == nil)
        #expect((try? QAPInstance.parseQAPLIB("2\n1 2 3\n").get()) == nil)
        #expect((try? QAPInstance.parseQAPLIB("2 0 1 1 0 0 x 1 0").get()) == nil)
        #expect((try? QAPInstance.parseQAPLIB("1\n5\n7\n").get())?.cost([0]) == 35)
    }

    @Test func linearAssignmentMatchesBruteForce() {
        var r = RandomSource(seed: 9)
        for n in 1...6 {
            let cost = (0..<(n * n)).map { _ in Double(r.below(50)) }
            var best = Double.infinity
            var p = Array(0..<n)
            func permute(_ k: Int) {
                if k == n { best = min(best, (0..<n).reduce(0) { $0 + cost[$1 * n + p[$1]] }); return }
                for i in k..<n { p.swapAt(k, i); permute(k + 1); p.swapAt(k, i) }
            }
            permute(0)
            let solved = LinearAssignment.solve(n: n, cost: cost)
            #expect(solved.total == best)
            #expect(Set(solved.assignment) == Set(0..<n))
        }
    }
}

/// Slots on `nodes` nodes of `perNode` GPUs: distance 1 inside a node, `far` across.
struct TwoLevelDistance: SlotDistance {
    let nodes: Int
    let perNode: Int
    let far: Double
    var slotCount: Int { nodes * perNode }
    func distance(_ a: Int, _ b: Int) -> Double { a == b ? 0 : (a / perNode == b / perNode ? 1 : far) }
    func group(of slot: Int) -> Int { slot / perNode }
    func slots(inGroup g: Int) -> [Int] { Array((g * perNode)..<((g + 1) * perNode)) }
    func profileKey(of slot: Int) -> Int { 0 }
    func smallestDistances(from slot: Int, count: Int) -> [Double] {
        Array(
            (Array(repeating: 1.0, count: perNode - 1) + Array(repeating: far, count: slotCount - perNode)).prefix(
                count))
    }
}

@Suite struct MappingTests {
    /// Rings of `size` consecutive processes (heavy) plus a ring across groups (light),
    /// scrambled so the identity placement is bad.
    static func instance(groups: Int, size: Int, seed: UInt64) -> (CommunicationGraph, [Int]) {
        let n = groups * size
        var r = RandomSource(seed: seed)
        var label = Array(0..<n)
        label.shuffle(using: &r)
        var edges: [(Int, Int, Double)] = []
        for g in 0..<groups {
            for k in 0..<size { edges.append((label[g * size + k], label[g * size + (k + 1) % size], 10)) }
        }
        for k in 0..<size {
            for g in 0..<groups { edges.append((label[g * size + k], label[((g + 1) % groups) * size + k], 1)) }
        }
        return (CommunicationGraph(count: n, edges: edges), label)
    }

    @Test func mergesParallelEdges() {
        let g = CommunicationGraph(count: 3, edges: [(0, 1, 2), (1, 0, 3), (1, 2, 1), (2, 2, 5), (0, 1, -1)])
        #expect(g.degree(0) == 1)
        #expect(g.edges(of: 0).map(\.1) == [5])
        #expect(g.totalWeight == 6)
    }

    @Test func localSearchKeepsItsIncrementalCostExactAndNeverWorsens() {
        let (graph, _) = Self.instance(groups: 16, size: 8, seed: 17)
        let distance = TwoLevelDistance(nodes: 16, perNode: 8, far: 20)
        let start = Mapping.identity(128)
        let result = MappingSearch(seed: 3, moves: 100_000).improve(graph, distance, starts: [start])
        #expect(abs(result.mapping.cost(graph, distance) - result.cost) < 1e-9)
        #expect(result.cost < start.cost(graph, distance))
        #expect(Set(result.mapping.slot) == Set(0..<128))
    }

    @Test func swapDeltaEqualsRecomputedCost() {
        let (graph, _) = Self.instance(groups: 4, size: 8, seed: 3)
        let distance = TwoLevelDistance(nodes: 4, perNode: 8, far: 20)
        var mapping = Mapping.identity(32)
        var r = RandomSource(seed: 5)
        for _ in 0..<200 {
            let x = r.below(32), y = r.below(32)
            let before = mapping.cost(graph, distance)
            let delta = mapping.swapDelta(x, y, graph, distance)
            mapping.swap(x, y)
            #expect(abs(mapping.cost(graph, distance) - (before + delta)) < 1e-9)
        }
        #expect(Set(mapping.slot) == Set(0..<32))
        #expect((0..<32).allSatisfy { mapping.occupant[mapping.slot[$0]] == $0 })
    }

    @Test func mapperFindsTheAnalyticOptimumOfScrambledRings() {
        // Optimum: every heavy ring inside one node; light rings cross nodes: 16 groups × 8
        // heavy edges at distance 1, 8 light rings × 16 edges at distance 20. The local search
        // alone stalls on this landscape; the greedy construction places each ring whole.
        let (graph, _) = Self.instance(groups: 16, size: 8, seed: 7)
        let distance = TwoLevelDistance(nodes: 16, perNode: 8, far: 20)
        let optimum = 16.0 * 8 * 10 * 1 + 8.0 * 16 * 1 * 20
        let result = ProcessMapper(seed: 1, seconds: 2, denseLimit: 64).map(graph, distance, starts: [.identity(128)])
        #expect(result.method.contains("local search"))
        #expect(abs(result.cost - optimum) < 1e-9)
        #expect(abs(result.mapping.cost(graph, distance) - result.cost) < 1e-9)
        #expect(Set(result.mapping.slot) == Set(0..<128))
        #expect(result.lowerBound <= optimum + 1e-9)
        #expect(result.lowerBound > 0)
        #expect(result.startCosts.count == 1)
    }

    @Test func mapperUsesDenseSearchForSmallInstancesAndNeverWorsensTheStart() {
        let (graph, _) = Self.instance(groups: 4, size: 8, seed: 11)
        let distance = TwoLevelDistance(nodes: 4, perNode: 8, far: 20)
        let optimum = 4.0 * 8 * 10 + 8.0 * 4 * 20
        let result = ProcessMapper(seed: 1, seconds: 5).map(graph, distance, starts: [.identity(32)])
        #expect(result.method.hasPrefix("robust tabu"))
        #expect(abs(result.cost - optimum) < 1e-9)
        #expect(result.cost <= result.startCosts[0])
        #expect(result.lowerBound <= result.cost + 1e-9)
    }

    @Test func searchIsDeterministicForASeed() {
        let (graph, _) = Self.instance(groups: 8, size: 8, seed: 13)
        let distance = TwoLevelDistance(nodes: 8, perNode: 8, far: 20)
        let a = MappingSearch(seed: 42, moves: 20_000).improve(graph, distance, starts: [.identity(64)])
        let b = MappingSearch(seed: 42, moves: 20_000).improve(graph, distance, starts: [.identity(64)])
        #expect(a.mapping == b.mapping)
        #expect(a.cost == b.cost)
    }
}
