import Testing

@testable import TopoSolver

/// Slots in units of the given sizes: distance 1 inside a unit, `far` across.
struct UnitDistance: SlotDistance {
    let unitOfSlot: [Int]
    let members: [[Int]]
    let far: Double

    init(sizes: [Int], far: Double) {
        var unitOfSlot: [Int] = []
        var members: [[Int]] = []
        for (u, size) in sizes.enumerated() {
            members.append(Array(unitOfSlot.count..<(unitOfSlot.count + size)))
            unitOfSlot += Array(repeating: u, count: size)
        }
        self.unitOfSlot = unitOfSlot
        self.members = members
        self.far = far
    }

    var slotCount: Int { unitOfSlot.count }
    func distance(_ a: Int, _ b: Int) -> Double { a == b ? 0 : (unitOfSlot[a] == unitOfSlot[b] ? 1 : far) }
    func group(of slot: Int) -> Int { unitOfSlot[slot] }
    func slots(inGroup g: Int) -> [Int] { members[g] }
    func profileKey(of slot: Int) -> Int { 0 }
    func smallestDistances(from slot: Int, count: Int) -> [Double] { Array(repeating: 1, count: count) }
}

@Suite struct StructuredPackingTests {
    /// Rings of 8 (heavy) over 32 processes; units 7, 8, 8, 1, 7, 1: at most 2 rings whole.
    @Test func packsWholeClustersIntoExactUnitsAndSplitsTheRestDeliberately() throws {
        var edges: [(Int, Int, Double)] = []
        for g in 0..<4 { for k in 0..<8 { edges.append((g * 8 + k, g * 8 + (k + 1) % 8, 10)) } }
        let graph = CommunicationGraph(count: 32, edges: edges)
        let distance = UnitDistance(sizes: [7, 8, 8, 1, 7, 1], far: 10)
        let units = StructuredPacking.units(distance)
        #expect(units.map(\.count) == [7, 8, 8, 1, 7, 1])
        #expect(StructuredPacking.capacities(units) == [8, 7])
        let m = try #require(
            StructuredPacking.mapping(sequence: Array(0..<32), units: units, capacity: 8, distance: distance))
        let whole = (0..<4).filter { g in Set((0..<8).map { distance.group(of: m.slot[g * 8 + $0]) }).count == 1 }
        #expect(whole.count == 2)
        // The two split rings each lose one process to a 1-slot unit: 2 far edges each.
        let far = (0..<4).map { g in
            (0..<8).filter { distance.distance(m.slot[g * 8 + $0], m.slot[g * 8 + ($0 + 1) % 8]) > 1 }.count
        }
        #expect(far.sorted() == [0, 0, 2, 2])
        // Whole rings: 8 edges × 10 × 1; split rings: 6 × 10 × 1 + 2 × 10 × 10.
        #expect(m.cost(graph, distance) == 2 * 80 + 2 * 260)
        #expect(
            StructuredPacking.mapping(sequence: Array(0..<31), units: units, capacity: 8, distance: distance) == nil)
    }

    @Test func unitSwapDeltaEqualsTheRecomputedCostAndSearchNeverWorsens() {
        let (graph, _) = MappingTests.instance(groups: 6, size: 8, seed: 3)
        let distance = UnitDistance(sizes: Array(repeating: 8, count: 6), far: 7)
        let units = StructuredPacking.units(distance)
        var mapping = Mapping.identity(48)
        var scratch = [Int](repeating: -1, count: 48)
        for (a, b) in [(0, 1), (2, 5), (4, 3)] {
            let before = mapping.cost(graph, distance)
            let delta = UnitSwapSearch.delta(units[a], units[b], mapping, graph, distance, scratch: &scratch)
            var swapped = mapping
            for (sa, sb) in zip(units[a], units[b]) { swapped.swap(swapped.occupant[sa], swapped.occupant[sb]) }
            #expect(abs(swapped.cost(graph, distance) - before - delta) < 1e-9)
            mapping = swapped
        }
        let start = mapping.cost(graph, distance)
        let evaluations = UnitSwapSearch(seed: 1, moves: 500).improve(&mapping, graph, distance, units: units)
        #expect(evaluations <= 500)
        #expect(mapping.cost(graph, distance) <= start)
        #expect(Set(mapping.slot) == Set(0..<48))
    }

    @Test func unitSwapSearchSpendsItsBudgetOnIteratedSearchAndIsDeterministic() {
        // 12 units of 4; rings of 4 scrambled across units. After its descents the search keeps
        // perturbing and descending until the budget is spent, never ending worse than it began.
        let (graph, _) = MappingTests.instance(groups: 12, size: 4, seed: 5)
        let distance = UnitDistance(sizes: Array(repeating: 4, count: 12), far: 9)
        let units = StructuredPacking.units(distance)
        var start = Mapping.identity(48)
        var random = RandomSource(seed: 11)
        for _ in 0..<60 { start.swap(random.below(48), random.below(48)) }
        var first = start, second = start
        let spent = UnitSwapSearch(seed: 4, moves: 3000).improve(&first, graph, distance, units: units)
        UnitSwapSearch(seed: 4, moves: 3000).improve(&second, graph, distance, units: units)
        #expect(spent == 3000)
        #expect(first == second)
        #expect(first.cost(graph, distance) <= start.cost(graph, distance))
        #expect(Set(first.slot) == Set(0..<48))
    }

    @Test func mapperBudgetsScaleWithTheInstance() {
        // 40 unit exchanges per unit above a floor of 30,000, capped; ten pair swaps per edge end
        // above 50,000, capped (each search's determinism under its budget is tested on its own).
        #expect(ProcessMapper.unitSwapMoves(144) == 30_000)
        #expect(ProcessMapper.unitSwapMoves(2_048) == 81_920)
        #expect(ProcessMapper.unitSwapMoves(1_000_000) == 2_000_000)
        let (small, _) = MappingTests.instance(groups: 24, size: 8, seed: 3)
        #expect(ProcessMapper.pairSwapMoves(small) == 50_000)
        let (large, _) = MappingTests.instance(groups: 512, size: 8, seed: 3)
        #expect(ProcessMapper.pairSwapMoves(large) == 10 * large.neighbors.count)
        #expect(ProcessMapper.pairSwapMoves(large) > 50_000)
    }

    @Test func structuredStartReproducesARegularSequence() {
        // On equal units, packing a sequence lays it on slots in order: the sequence's own placement.
        let distance = UnitDistance(sizes: Array(repeating: 8, count: 4), far: 5)
        let sequence = Array((0..<32).reversed())
        let m = StructuredPacking.mapping(
            sequence: sequence, units: StructuredPacking.units(distance), capacity: 8, distance: distance)
        #expect(m?.occupant == sequence)
    }
}
