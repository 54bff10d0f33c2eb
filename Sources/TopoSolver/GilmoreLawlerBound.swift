/// The Gilmore–Lawler lower bound of a dense QAP (Gilmore 1962, Lawler 1963): for facility i on
/// location k, the cheapest its row can cost is aᵢᵢ·bₖₖ plus the sorted product of its other
/// flows (descending) with k's other distances (ascending); a linear assignment over those
/// bounds every permutation's cost from below.
public enum GilmoreLawlerBound {
    /// The bound of `q`.
    ///
    /// - Parameter q: A dense instance; its matrices need not be symmetric.
    /// - Returns: A value at most `q.cost(p)` for every permutation p; exact for n ≤ 1.
    /// - Complexity: O(*n*³): *n*² row bounds of *n* terms each, then the linear assignment.
    public static func bound(_ q: QAPInstance) -> Double {
        let n = q.n
        guard n > 1 else { return n == 1 ? q.flow[0] * q.distance[0] : 0 }
        var flows: [[Double]] = []
        var distances: [[Double]] = []
        for i in 0..<n {
            var f: [Double] = []
            var d: [Double] = []
            for j in 0..<n where j != i {
                f.append(q.flow[i * n + j])
                d.append(q.distance[i * n + j])
            }
            flows.append(f.sorted(by: >))
            distances.append(d.sorted())
        }
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for k in 0..<n {
                var total = q.flow[i * n + i] * q.distance[k * n + k]
                for m in 0..<(n - 1) { total += flows[i][m] * distances[k][m] }
                l[i * n + k] = total
            }
        }
        return LinearAssignment.solve(n: n, cost: l).total
    }
}
