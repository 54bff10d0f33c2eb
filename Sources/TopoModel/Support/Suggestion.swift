import TopoDiagnostics

/// "Did you mean" suggestions: the closest candidate by edit distance, when it is close enough
/// to be a plausible typo.
package enum Suggestion {
    /// The candidate closest to `word`, or nil if none is within a third of the word's length
    /// (at least 1, at most 3 edits). Ties go to the alphabetically first candidate.
    ///
    /// Distance is Damerau–Levenshtein (adjacent transpositions count one edit), case-insensitive.
    ///
    /// - Parameters:
    ///   - word: The unknown word as written.
    ///   - candidates: The names it may have meant.
    /// - Returns: The closest candidate within the limit, or nil.
    /// - Complexity: O(*m* × *n*) per candidate of length *n* for a word of length *m*, stopping
    ///   at the first row past the limit; a candidate whose length differs by more than the limit
    ///   costs O(1).
    package static func closest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        let limit = min(3, max(1, word.count / 3))
        var best: (distance: Int, name: String)?
        let target = Array(word.lowercased().unicodeScalars)
        var cells = 0
        defer { WorkCounter.add(cells, .suggestionCells) }
        for candidate in candidates {
            let d = distance(target, Array(candidate.lowercased().unicodeScalars), limit: limit, cells: &cells)
            guard d <= limit else { continue }
            if let current = best, current.distance < d || (current.distance == d && current.name <= candidate) {
                continue
            }
            best = (d, candidate)
        }
        return best?.name
    }

    /// " (did you mean `x`?)" or "".
    package static func hint<S: Sequence>(for word: String, in candidates: S) -> String where S.Element == String {
        closest(to: word, in: candidates).map { "; did you mean `\($0)`?" } ?? ""
    }

    /// Like `hint`, for names made of parts (`h100-sxm5-80gb`, `connectx-7`,
    /// `tensor-parallel-over-pcie`): when no candidate is a few edits away, the candidates whose
    /// parts the word abbreviates (`h100-sxm`, `cx7`, `tp-over-pcie`, `4090`), up to four.
    package static func namesHint(for word: String, in candidates: [String]) -> String {
        if let close = closest(to: word, in: candidates) { return "; did you mean `\(close)`?" }
        let matches = abbreviated(by: word, in: candidates)
        switch matches.count {
        case 0: return ""
        case 1: return "; did you mean `\(matches[0])`?"
        default:
            let shown = matches.prefix(4).map { "`\($0)`" }
            return "; did you mean one of \(shown.joined(separator: ", "))\(matches.count > 4 ? ", …" : "")?"
        }
    }

    /// The candidates (in their order) whose parts `word` abbreviates: the word and each candidate
    /// are split into parts at `-`, `_`, `.`, spaces and letter/digit boundaries; every part of the
    /// word, in order, must be a number equal to a part, letters that are a subsequence of a part
    /// starting with the same letter (`cx` of `connectx`, `sxm` of `sxm`), or the initials of
    /// consecutive parts (`tp` of `tensor-parallel`). Parts of the candidate may be skipped.
    /// Words shorter than three characters match nothing.
    package static func abbreviated(by word: String, in candidates: [String]) -> [String] {
        let query = parts(of: word)
        guard query.reduce(0, { $0 + $1.count }) >= 3, query.count <= 16 else { return [] }
        return candidates.filter { candidate in
            let target = parts(of: candidate)
            return target.count <= 32 && matches(query, target)
        }
    }

    static func parts(of name: String) -> [[Unicode.Scalar]] {
        var result: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in name.lowercased().unicodeScalars {
            let isDigit = ("0"..."9").contains(scalar)
            let isLetter = ("a"..."z").contains(scalar)
            guard isDigit || isLetter else {
                if !current.isEmpty { result.append(current) }
                current = []
                continue
            }
            if let last = current.last, ("0"..."9").contains(last) != isDigit {
                result.append(current)
                current = []
            }
            current.append(scalar)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// True when the parts `query` match `target` as `abbreviated` says; a table of
    /// (query part, target part) positions, so at most 16 × 32 cells.
    private static func matches(_ query: [[Unicode.Scalar]], _ target: [[Unicode.Scalar]]) -> Bool {
        let (n, m) = (query.count, target.count)
        // rest[q][t]: query[q...] matches target[t...].
        var rest = [[Bool]](repeating: [Bool](repeating: false, count: m + 1), count: n + 1)
        for t in 0...m { rest[n][t] = true }
        for q in stride(from: n - 1, through: 0, by: -1) {
            let part = query[q]
            let isNumber = part.first.map { ("0"..."9").contains($0) } ?? false
            for t in stride(from: m - 1, through: 0, by: -1) {
                var ok = rest[q][t + 1]
                if !ok, isNumber {
                    ok = part == target[t] && rest[q + 1][t + 1]
                } else if !ok {
                    ok = isSubsequence(part, of: target[t]) && rest[q + 1][t + 1]
                    if !ok, part.count >= 2, t + part.count <= m,
                        zip(part, target[t..<(t + part.count)]).allSatisfy({ $0 == $1.first })
                    {
                        ok = rest[q + 1][t + part.count]
                    }
                }
                rest[q][t] = ok
            }
        }
        return rest[0][0]
    }

    private static func isSubsequence(_ part: [Unicode.Scalar], of word: [Unicode.Scalar]) -> Bool {
        guard let first = part.first, word.first == first else { return false }
        var i = word.startIndex
        for scalar in part {
            guard let found = word[i...].firstIndex(of: scalar) else { return false }
            i = found + 1
        }
        return true
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), giving up
    /// early once every path exceeds `limit`; adds the table cells it fills to `cells`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int, cells: inout Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            cells += b.count
            if rowMin > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
