/// Taillard's robust tabu search for dense QAP instances (Taillard 1991, "Robust taboo search
/// for the quadratic assignment problem"): best-improvement pair swaps with a full delta matrix
/// updated in O(1) per entry after each move, a randomized tabu tenure, and an aspiration that
/// forces long-unused assignments. Deterministic for a given seed and iteration budget.
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
    public func solve(_ q: QAPInstance, start: [Int]? = nil) -> (permutation: [Int], cost: Double, iterations: Int) {
        let n = q.n
        guard n >= 2 else { return (Array(0..<n), q.cost(Array(0..<n)), 0) }
        var random = RandomSource(seed: seed)
        var permutation = start ?? Array(0..<n)
        var cost = q.cost(permutation)
        var best = permutation
        var bestCost = cost
        var deltaStore = [Double](repeating: 0, count: n * n)
        // tabu[i * n + location]: the iteration until which facility i may not return to location.
        var tabuStore = [Int](repeating: 0, count: n * n)
        let minTenure = max(2, Int(Double(n) * 0.9)), maxTenure = max(minTenure + 1, Int(Double(n) * 1.1) + 1)
        let aspiration = n * n * 2
        let clock = ContinuousClock()
        let started = clock.now
        let cap: Duration? = secondsCap.map { .nanoseconds(Int64($0 * 1e9)) }
        var performed = 0
        let symmetric = q.isSymmetric
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
                                if symmetric {
                                    var sum = 0.0
                                    for k in 0..<n where k != r && k != s {
                                        let pkn = p[k] &* n
                                        sum += (a[rn &+ k] - a[sn &+ k]) * (b[pkn &+ ps] - b[pkn &+ pr])
                                    }
                                    return d + 2 * sum
                                }
                                d += (a[rn &+ s] - a[sn &+ r]) * (b[psn &+ pr] - b[prn &+ ps])
                                for k in 0..<n where k != r && k != s {
                                    let pk = p[k], kn = k &* n, pkn = pk &* n
                                    d += (a[kn &+ r] - a[kn &+ s]) * (b[pkn &+ ps] - b[pkn &+ pr])
                                        + (a[rn &+ k] - a[sn &+ k]) * (b[psn &+ pk] - b[prn &+ pk])
                                }
                                return d
                            }
                            for r in 0..<n { for s in (r + 1)..<n { delta[r * n + s] = fullDelta(r, s) } }
                            var iteration = 0
                            while iteration < iterations {
                                iteration += 1
                                if let target, bestCost <= target { break }
                                if let cap, iteration & 31 == 0, clock.now - started > cap { break }
                                var moveR = -1, moveS = -1
                                var moveDelta = Double.infinity
                                var forced = false
                                var ties = 0
                                let stale = iteration - aspiration
                                for r in 0..<(n - 1) {
                                    let pr = p[r]
                                    let rowDelta = r * n, rowTabu = r * n
                                    for s in (r + 1)..<n {
                                        let d = delta[rowDelta + s]
                                        let tabuR = tabu[rowTabu + p[s]], tabuS = tabu[s * n + pr]
                                        if tabuR < stale && tabuS < stale {
                                            if !forced {
                                                forced = true
                                                moveR = r; moveS = s; moveDelta = d
                                            }
                                            continue
                                        }
                                        if forced { continue }
                                        if tabuR >= iteration && tabuS >= iteration && cost + d >= bestCost - 1e-9 { continue }
                                        if d < moveDelta - 1e-12 {
                                            moveR = r; moveS = s; moveDelta = d; ties = 1
                                        } else if d <= moveDelta + 1e-12 {
                                            ties += 1
                                            if random.below(ties) == 0 { moveR = r; moveS = s }
                                        }
                                    }
                                }
                                guard moveR >= 0 else { continue }
                                let r = moveR, s = moveS
                                tabu[r * n + p[r]] = iteration + minTenure + random.below(maxTenure - minTenure)
                                tabu[s * n + p[s]] = iteration + minTenure + random.below(maxTenure - minTenure)
                                p.swapAt(r, s)
                                cost += delta[r * n + s]
                                if cost < bestCost - 1e-9 {
                                    bestCost = cost
                                    for k in 0..<n { best[k] = p[k] }
                                }
                                // Taillard's O(1) update for pairs disjoint from {r, s}; full
                                // recomputation for the pairs that involve r or s.
                                let prn = p[r] &* n, psn = p[s] &* n, rn = r &* n, sn = s &* n
                                for i in 0..<(n - 1) where i != r && i != s {
                                    let pi = p[i], pin = pi &* n, iN = i &* n
                                    let ari = a[rn &+ i], asi = a[sn &+ i]
                                    let bpsPi = b[psn &+ pi], bprPi = b[prn &+ pi]
                                    if symmetric {
                                        for j in (i + 1)..<n where j != r && j != s {
                                            let pj = p[j]
                                            delta[iN &+ j] += 2 * (ari - a[rn &+ j] + a[sn &+ j] - asi) * (bpsPi - b[psn &+ pj] + b[prn &+ pj] - bprPi)
                                        }
                                    } else {
                                        let air = a[iN &+ r], ais = a[iN &+ s]
                                        let bPiPs = b[pin &+ p[s]], bPiPr = b[pin &+ p[r]]
                                        for j in (i + 1)..<n where j != r && j != s {
                                            let pj = p[j], jn = j &* n, pjn = pj &* n
                                            delta[iN &+ j] += (ari - a[rn &+ j] + a[sn &+ j] - asi)
                                                * (bpsPi - b[psn &+ pj] + b[prn &+ pj] - bprPi)
                                                + (air - a[jn &+ r] + a[jn &+ s] - ais)
                                                * (bPiPs - b[pjn &+ p[s]] + b[pjn &+ p[r]] - bPiPr)
                                        }
                                    }
                                }
                                for k in 0..<n where k != r && k != s {
                                    let (x, y) = k < r ? (k, r) : (r, k)
                                    delta[x * n + y] = fullDelta(x, y)
                                    let (u, v) = k < s ? (k, s) : (s, k)
                                    delta[u * n + v] = fullDelta(u, v)
                                }
                                delta[min(r, s) * n + max(r, s)] = fullDelta(min(r, s), max(r, s))
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
