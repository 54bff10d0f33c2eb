/// The move choice and tabu tenure of robust tabu search (Taillard 1991), shared by its general
/// and symmetric kernels: a pair whose two assignments have both been unused for `aspiration`
/// iterations is forced (aspiration by age); otherwise the best pair that is not tabu, or tabu
/// but leading below the best cost so far (aspiration by objective), ties broken at random.
@usableFromInline
struct TabuMoveChoice {
    /// The chosen pair (r < s; -1 when none) and its delta.
    @usableFromInline var r = -1, s = -1
    @usableFromInline var delta = Double.infinity
    /// Whether the chosen pair was forced by age.
    @usableFromInline var forced = false
    @usableFromInline var ties = 0
    /// The iteration the move is for; tabu entries at or above it forbid the move.
    @usableFromInline var next = 1
    /// Entries below this have been unused for `aspiration` iterations.
    @usableFromInline var stale: Int
    @usableFromInline let aspiration: Int
    /// Tenure drawn uniformly in 0.9 n ..< 1.1 n + 1 (Taillard's range).
    @usableFromInline let minTenure: Int, maxTenure: Int

    /// A choice for an instance of `n` facilities (aspiration age 2 n², as in Taillard's paper).
    @usableFromInline
    init(n: Int) {
        aspiration = n * n * 2
        stale = 1 - aspiration
        minTenure = max(2, Int(Double(n) * 0.9))
        maxTenure = max(minTenure + 1, Int(Double(n) * 1.1) + 1)
    }

    /// Forgets the choice, for the move of iteration `iteration + 1`.
    @inline(__always) @usableFromInline
    mutating func reset(after iteration: Int) {
        r = -1
        s = -1
        delta = .infinity
        forced = false
        ties = 0
        next = iteration &+ 1
        stale = next &- aspiration
    }

    /// Considers the exchange of `i` and `j` with delta `d`; `tabuI` and `tabuJ` are the
    /// iterations until which `i` may not take `j`'s location and `j` not `i`'s.
    @inline(__always) @usableFromInline
    mutating func consider(
        _ i: Int, _ j: Int, _ d: Double, tabuI: Int, tabuJ: Int, cost: Double, bestCost: Double,
        random: inout RandomSource
    ) {
        if tabuI < stale && tabuJ < stale {
            if !forced { forced = true; r = i; s = j; delta = d }
            return
        }
        if forced { return }
        if tabuI >= next && tabuJ >= next && cost + d >= bestCost - 1e-9 { return }
        if d < delta - 1e-12 {
            r = i; s = j; delta = d; ties = 1
        } else if d <= delta + 1e-12 {
            ties += 1
            if random.below(ties) == 0 { r = i; s = j }
        }
    }

    /// The iteration until which a facility leaving a location may not return to it.
    @inline(__always) @usableFromInline
    func tenure(from iteration: Int, _ random: inout RandomSource) -> Int {
        iteration + minTenure + random.below(maxTenure - minTenure)
    }
}
