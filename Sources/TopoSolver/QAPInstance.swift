/// A dense quadratic assignment problem: place n facilities on n locations to minimize
/// Σᵢ Σⱼ flow[i][j] · distance[p(i)][p(j)] (QAPLIB's convention, flow = its first matrix).
public struct QAPInstance: Sendable {
    public let n: Int
    /// Row-major n × n.
    public let flow: [Double]
    /// Row-major n × n.
    public let distance: [Double]

    public init(n: Int, flow: [Double], distance: [Double]) {
        self.n = n
        self.flow = flow
        self.distance = distance
    }

    /// True when both matrices are symmetric (then the search uses cheaper delta formulas).
    public var isSymmetric: Bool {
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n)
            where flow[i * n + j] != flow[j * n + i] || distance[i * n + j] != distance[j * n + i] {
                return false
            }
        }
        return true
    }

    /// The cost of assigning facility i to location `permutation[i]`.
    ///
    /// - Parameter permutation: `permutation[i]` is facility i's location; n entries.
    /// - Returns: Σᵢ Σⱼ flow[i][j] · distance[p(i)][p(j)].
    /// - Complexity: O(*n*²).
    public func cost(_ permutation: [Int]) -> Double {
        var total = 0.0
        for i in 0..<n {
            let pi = permutation[i]
            for j in 0..<n {
                total += flow[i * n + j] * distance[pi * n + permutation[j]]
            }
        }
        return total
    }

    /// Reasons a QAPLIB file cannot be read.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Reads QAPLIB's format: n, then the n × n flow matrix, then the n × n distance matrix, as a
    /// stream of whitespace-separated integers (blank lines and indentation anywhere).
    ///
    /// - Parameter text: The file's contents.
    /// - Returns: The instance, or a `ParseError` for a token that is not a finite number, a size outside
    ///   1…5000, or the wrong number of matrix entries.
    /// - Complexity: O(*n*²) in the entries, linear in the text's length.
    public static func parseQAPLIB(_ text: String) -> Result<QAPInstance, ParseError> {
        var numbers: [Double] = []
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            guard let value = Double(token), value.isFinite else {
                return .failure(ParseError(description: "`\(token.prefix(20))` is not a number"))
            }
            numbers.append(value)
        }
        guard let first = numbers.first, first >= 1, first <= 5000, first == first.rounded() else {
            return .failure(ParseError(description: "the file must start with the size n (1 to 5000)"))
        }
        let n = Int(first)
        guard numbers.count == 1 + 2 * n * n else {
            return .failure(
                ParseError(description: "expected \(2 * n * n) matrix entries for n = \(n), found \(numbers.count - 1)")
            )
        }
        return .success(QAPInstance(n: n, flow: Array(numbers[1...(n * n)]), distance: Array(numbers[(n * n + 1)...])))
    }
}
