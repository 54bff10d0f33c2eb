/// Taillard's robust tabu search for dense QAP instances (Taillard 1991, "Robust taboo search
/// for the quadratic assignment problem"): best-improvement pair swaps with a full delta matrix
/// updated in O(1) per entry after each move, a randomized tabu tenure, and an aspiration that
/// forces long-unused assignments. Symmetric instances take a contiguous-row kernel
/// (`solveSymmetric`). Deterministic for a given seed and iteration budget.
public struct RobustTabuSearch: Sendable {
    public var iterations: Int
    public var seed: UInt64
    /// Stop early when this cost (or lower) is reached, e.g. a known optimum.
    public var target: Double?
    /// Wall-clock cap in seconds, checked every 64 iterations (nil: none). A hit cap makes the
    /// result depend on machine speed; the iteration budget alone keeps it reproducible.
    public var secondsCap: Double?

    public init(iterations: Int, seed: UInt64 = 1, target: Double? = nil, secondsCap: Double? = nil) {
        self.iterations = iterations
        self.seed = seed
        self.target = target
        self.secondsCap = secondsCap
    }

    /// The best permutation found from `start` (identity when nil) and its cost.
    ///
    /// - Parameters:
    ///   - q: The instance.
    ///   - start: A permutation to begin from, or nil for the identity.
    /// - Returns: The best permutation, its cost and the iterations run.
    /// - Complexity: O(*n*²) per iteration and O(*n*²) memory, for at most `iterations` iterations or
    ///   `secondsCap`.
    public func solve(_ q: QAPInstance, start: [Int]? = nil) -> (permutation: [Int], cost: Double, iterations: Int) {
        let n = q.n
        guard n >= 2 else { return (Array(0..<n), q.cost(Array(0..<n)), 0) }
        if q.isSymmetric { return solveSymmetric(q, start: start ?? Array(0..<n)) }
        var random = RandomSource(seed: seed)
        var permutation = start ?? Array(0..<n)
        var cost = q.cost(permutation)
        var best = permutation
        var bestCost = cost
        var deltaStore = [Double](repeating: 0, count: n * n)
        // tabu[i * n + location]: the iteration until which facility i may not return to location.
        var tabuStore = [Int](repeating: 0, count: n * n)
        let clock = ContinuousClock()
        let started = clock.now
        let cap: Duration? = secondsCap.map { .nanoseconds(Int64($0 * 1e9)) }
        var performed = 0
        q.flow.withUnsafeBufferPointer { a in
            q.distance.withUnsafeBufferPointer { b in
                deltaStore.withUnsafeMutableBufferPointer { delta in
                    tabuStore.withUnsafeMutableBufferPointer { tabu in
                        permutation.withUnsafeMutableBufferPointer { p in
                            // Index arithmetic wraps (&+, &*): every index is below n², checked by construction.
                            func fullDelta(_ r: Int, _ s: Int) -> Double {
                                let pr = p[r], ps = p[s]
                                let rn = r &* n, sn = s &* n, prn = pr &* n, psn = ps &* n
                                var d = (a[rn &+ r] - a[sn &+ s]) * (b[psn &+ ps] - b[prn &+ pr])
                                d += (a[rn &+ s] - a[sn &+ r]) * (b[psn &+ pr] - b[prn &+ ps])
                                for k in 0..<n where k != r && k != s {
                                    let pk = p[k], kn = k &* n, pkn = pk &* n
                                    d +=
                                        (a[kn &+ r] - a[kn &+ s]) * (b[pkn &+ ps] - b[pkn &+ pr])
                                        + (a[rn &+ k] - a[sn &+ k]) * (b[psn &+ pk] - b[prn &+ pk])
                                }
                                return d
                            }
                            for r in 0..<n { for s in (r + 1)..<n { delta[r * n + s] = fullDelta(r, s) } }
                            // The move for the next iteration is chosen in the same pass over the
                            // pairs that updates their deltas (one sweep of the n² matrices per move).
                            var iteration = 0
                            var choice = TabuMoveChoice(n: n)
                            @inline(__always) func consider(_ i: Int, _ j: Int, _ d: Double) {
                                choice.consider(
                                    i, j, d, tabuI: tabu[i &* n &+ p[j]], tabuJ: tabu[j &* n &+ p[i]], cost: cost,
                                    bestCost: bestCost, random: &random)
                            }
                            choice.reset(after: iteration)
                            for i in 0..<(n - 1) { for j in (i + 1)..<n { consider(i, j, delta[i &* n &+ j]) } }
                            while iteration < iterations {
                                iteration += 1
                                if let target, bestCost <= target { break }
                                if let cap, iteration & 31 == 0, clock.now - started > cap { break }
                                guard choice.r >= 0 else {
                                    choice.reset(after: iteration)
                                    for i in 0..<(n - 1) { for j in (i + 1)..<n { consider(i, j, delta[i &* n &+ j]) } }
                                    continue
                                }
                                let r = choice.r, s = choice.s
                                tabu[r * n + p[r]] = choice.tenure(from: iteration, &random)
                                tabu[s * n + p[s]] = choice.tenure(from: iteration, &random)
                                p.swapAt(r, s)
                                cost += delta[r * n + s]
                                if cost < bestCost - 1e-9 {
                                    bestCost = cost
                                    for k in 0..<n { best[k] = p[k] }
                                }
                                // Pairs that involve r or s: full recomputation; the others:
                                // Taillard's O(1) update, each followed by the choice of the next move.
                                for k in 0..<n where k != r && k != s {
                                    let (x, y) = k < r ? (k, r) : (r, k)
                                    delta[x * n + y] = fullDelta(x, y)
                                    let (u, v) = k < s ? (k, s) : (s, k)
                                    delta[u * n + v] = fullDelta(u, v)
                                }
                                delta[min(r, s) * n + max(r, s)] = fullDelta(min(r, s), max(r, s))
                                choice.reset(after: iteration)
                                let prn = p[r] &* n, psn = p[s] &* n, rn = r &* n, sn = s &* n
                                for i in 0..<(n - 1) {
                                    let iN = i &* n
                                    if i == r || i == s {
                                        for j in (i + 1)..<n { consider(i, j, delta[iN &+ j]) }
                                        continue
                                    }
                                    let pi = p[i], pin = pi &* n
                                    let ari = a[rn &+ i], asi = a[sn &+ i]
                                    let bpsPi = b[psn &+ pi], bprPi = b[prn &+ pi]
                                    let air = a[iN &+ r], ais = a[iN &+ s]
                                    let bPiPs = b[pin &+ p[s]], bPiPr = b[pin &+ p[r]]
                                    for j in (i + 1)..<n {
                                        if j == r || j == s { consider(i, j, delta[iN &+ j]); continue }
                                        let pj = p[j], jn = j &* n, pjn = pj &* n
                                        let d =
                                            delta[iN &+ j] + (ari - a[rn &+ j] + a[sn &+ j] - asi)
                                            * (bpsPi - b[psn &+ pj] + b[prn &+ pj] - bprPi)
                                            + (air - a[jn &+ r] + a[jn &+ s] - ais)
                                            * (bPiPs - b[pjn &+ p[s]] + b[pjn &+ p[r]] - bPiPr)
                                        delta[iN &+ j] = d
                                        consider(i, j, d)
                                    }
                                }
                            }
                            performed = iteration
                        }
                    }
                }
            }
        }
        return (best, q.cost(best), performed)
    }
}
