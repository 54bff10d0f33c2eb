/// The linear assignment problem: the minimum of Σᵢ cost[i][σ(i)] over permutations σ, by the
/// shortest-augmenting-path Hungarian method with potentials, O(n³).
public enum LinearAssignment {
    /// The minimum total cost and the assignment (row i → column `assignment[i]`).
    ///
    /// - Parameters:
    ///   - n: The number of rows and columns.
    ///   - cost: Row-major `n × n` costs, finite.
    /// - Returns: The minimum total and the assignment; `(0, [])` when n is 0 or `cost` is not `n × n`.
    /// - Complexity: O(*n*³).
    public static func solve(n: Int, cost: [Double]) -> (total: Double, assignment: [Int]) {
        guard n > 0, cost.count == n * n else { return (0, []) }
        let infinity = Double.infinity
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: n + 1)
        var matchOfColumn = [Int](repeating: 0, count: n + 1)  // column j (1-based) → row (1-based), 0 = free
        var way = [Int](repeating: 0, count: n + 1)
        for row in 1...n {
            matchOfColumn[0] = row
            var column0 = 0
            var minimum = [Double](repeating: infinity, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[column0] = true
                let row0 = matchOfColumn[column0]
                var delta = infinity
                var column1 = 0
                for j in 1...n where !used[j] {
                    let reduced = cost[(row0 - 1) * n + (j - 1)] - u[row0] - v[j]
                    if reduced < minimum[j] {
                        minimum[j] = reduced
                        way[j] = column0
                    }
                    if minimum[j] < delta {
                        delta = minimum[j]
                        column1 = j
                    }
                }
                for j in 0...n {
                    if used[j] {
                        u[matchOfColumn[j]] += delta
                        v[j] -= delta
                    } else {
                        minimum[j] -= delta
                    }
                }
                column0 = column1
            } while matchOfColumn[column0] != 0 && column0 != 0
            repeat {
                let column1 = way[column0]
                matchOfColumn[column0] = matchOfColumn[column1]
                column0 = column1
            } while column0 != 0
        }
        var assignment = [Int](repeating: 0, count: n)
        for j in 1...n where matchOfColumn[j] > 0 { assignment[matchOfColumn[j] - 1] = j - 1 }
        var total = 0.0
        for i in 0..<n { total += cost[i * n + assignment[i]] }
        return (total, assignment)
    }
}
