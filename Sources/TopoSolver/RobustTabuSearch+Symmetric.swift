extension RobustTabuSearch {
    /// The symmetric kernel of robust tabu search, on contiguous rows: it keeps the distance
    /// matrix permuted by the current assignment (`c[i][j] = distance[p(i)][p(j)]`, two rows and
    /// two columns exchanged per move), so that Taillard's O(1) update of every pair disjoint
    /// from the move (r, s) is `Δ[i][j] += 2 (u[j] − u[i]) (v[j] − v[i])` with
    /// `u = flow[s] − flow[r]` and `v = c[r] − c[s]`, a loop over a row the compiler vectorizes, and
    /// the pairs that involve r or s are recomputed from two contiguous rows each. The next move
    /// is chosen in the same pass; the tabu table is read only for pairs at least as good as the
    /// best seen so far while no aspiration by age can apply (Taillard 1991's rules unchanged).
    @usableFromInline
    func solveSymmetric(_ q: QAPInstance, start: [Int]) -> (permutation: [Int], cost: Double, iterations: Int) {
        let n = q.n
        var random = RandomSource(seed: seed)
        var permutation = start
        var cost = q.cost(permutation)
        var best = permutation
        var bestCost = cost
        var deltaStore = [Double](repeating: 0, count: n * n)
        var tabuStore = [Int](repeating: 0, count: n * n)
        var permuted = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { permuted[i * n + j] = q.distance[permutation[i] * n + permutation[j]] } }
        var uStore = [Double](repeating: 0, count: n)
        var vStore = [Double](repeating: 0, count: n)
        let clock = ContinuousClock()
        let started = clock.now
        let cap: Duration? = secondsCap.map { .nanoseconds(Int64($0 * 1e9)) }
        var performed = 0
        q.flow.withUnsafeBufferPointer { a in
            deltaStore.withUnsafeMutableBufferPointer { delta in
                tabuStore.withUnsafeMutableBufferPointer { tabu in
                    permuted.withUnsafeMutableBufferPointer { c in
                        uStore.withUnsafeMutableBufferPointer { u in
                            vStore.withUnsafeMutableBufferPointer { v in
                                permutation.withUnsafeMutableBufferPointer { p in
                                    // Index arithmetic wraps (&+, &*): every index is below n², by construction.
                                    func fullDelta(_ r: Int, _ s: Int) -> Double {
                                        let rn = r &* n, sn = s &* n
                                        // Four independent sums, so the additions need not wait on each other.
                                        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                                        var k = 0
                                        while k &+ 4 <= n {
                                            s0 += (a[rn &+ k] - a[sn &+ k]) * (c[sn &+ k] - c[rn &+ k])
                                            s1 +=
                                                (a[rn &+ k &+ 1] - a[sn &+ k &+ 1])
                                                * (c[sn &+ k &+ 1] - c[rn &+ k &+ 1])
                                            s2 +=
                                                (a[rn &+ k &+ 2] - a[sn &+ k &+ 2])
                                                * (c[sn &+ k &+ 2] - c[rn &+ k &+ 2])
                                            s3 +=
                                                (a[rn &+ k &+ 3] - a[sn &+ k &+ 3])
                                                * (c[sn &+ k &+ 3] - c[rn &+ k &+ 3])
                                            k &+= 4
                                        }
                                        while k < n {
                                            s0 += (a[rn &+ k] - a[sn &+ k]) * (c[sn &+ k] - c[rn &+ k])
                                            k &+= 1
                                        }
                                        var sum = (s0 + s1) + (s2 + s3)
                                        // Remove the k = r and k = s terms, add the diagonal's.
                                        sum -= (a[rn &+ r] - a[sn &+ r]) * (c[sn &+ r] - c[rn &+ r])
                                        sum -= (a[rn &+ s] - a[sn &+ s]) * (c[sn &+ s] - c[rn &+ s])
                                        return (a[rn &+ r] - a[sn &+ s]) * (c[sn &+ s] - c[rn &+ r]) + 2 * sum
                                    }
                                    var choice = TabuMoveChoice(n: n)
                                    @inline(__always) func consider(_ i: Int, _ j: Int, _ d: Double) {
                                        choice.consider(
                                            i, j, d, tabuI: tabu[i &* n &+ p[j]], tabuJ: tabu[j &* n &+ p[i]],
                                            cost: cost, bestCost: bestCost, random: &random)
                                    }
                                    // Chooses among row i's pairs; skips the tabu table for pairs worse
                                    // than the best so far while no pair can be forced by age.
                                    @inline(__always) func choose(row i: Int) {
                                        let iN = i &* n
                                        if choice.stale <= 0 {
                                            for j in (i &+ 1)..<n {
                                                let d = delta[iN &+ j]
                                                if d > choice.delta + 1e-12 { continue }
                                                consider(i, j, d)
                                            }
                                        } else {
                                            for j in (i &+ 1)..<n { consider(i, j, delta[iN &+ j]) }
                                        }
                                    }
                                    for r in 0..<n { for s in (r + 1)..<n { delta[r &* n &+ s] = fullDelta(r, s) } }
                                    var iteration = 0
                                    choice.reset(after: iteration)
                                    for i in 0..<(n - 1) { choose(row: i) }
                                    while iteration < iterations {
                                        iteration += 1
                                        if let target, bestCost <= target { break }
                                        if let cap, iteration & 31 == 0, clock.now - started > cap { break }
                                        guard choice.r >= 0 else {
                                            choice.reset(after: iteration)
                                            for i in 0..<(n - 1) { choose(row: i) }
                                            continue
                                        }
                                        let r = choice.r, s = choice.s
                                        tabu[r &* n &+ p[r]] = choice.tenure(from: iteration, &random)
                                        tabu[s &* n &+ p[s]] = choice.tenure(from: iteration, &random)
                                        cost += delta[r &* n &+ s]
                                        p.swapAt(r, s)
                                        // Permuted distances: exchange rows r and s, then columns r and s.
                                        let rn = r &* n, sn = s &* n
                                        for k in 0..<n { let t = c[rn &+ k]; c[rn &+ k] = c[sn &+ k]; c[sn &+ k] = t }
                                        for k in 0..<n {
                                            let kn = k &* n; let t = c[kn &+ r]; c[kn &+ r] = c[kn &+ s]; c[kn &+ s] = t
                                        }
                                        if cost < bestCost - 1e-9 {
                                            bestCost = cost
                                            for k in 0..<n { best[k] = p[k] }
                                        }
                                        for k in 0..<n {
                                            u[k] = a[sn &+ k] - a[rn &+ k]
                                            v[k] = c[rn &+ k] - c[sn &+ k]
                                        }
                                        choice.reset(after: iteration)
                                        for i in 0..<(n - 1) {
                                            let iN = i &* n
                                            if i != r && i != s {
                                                let ui = u[i], vi = v[i]
                                                for j in (i &+ 1)..<n {
                                                    delta[iN &+ j] += 2 * (u[j] - ui) * (v[j] - vi)
                                                }
                                                if r > i { delta[iN &+ r] = fullDelta(i, r) }
                                                if s > i { delta[iN &+ s] = fullDelta(i, s) }
                                            } else {
                                                for j in (i &+ 1)..<n { delta[iN &+ j] = fullDelta(i, j) }
                                            }
                                            choose(row: i)
                                        }
                                    }
                                    performed = iteration
                                }
                            }
                        }
                    }
                }
            }
        }
        return (best, q.cost(best), performed)
    }
}
