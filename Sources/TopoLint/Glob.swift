/// Path patterns for `exclude:`: `*` matches within one path component, `**` any number of
/// components, `?` one character. Patterns are relative to the configuration file's folder.
///
/// Matched by simulating the pattern as a set of positions, one character of the path at a time:
/// time is at most (pattern length + 1) × (path length + 1), whatever the stars (a backtracking
/// matcher took over 120 s for 10 stars against a 60-character name; issue 12).
package enum Glob {
    enum Token: Equatable {
        case character(Unicode.Scalar)
        /// `?`: one character other than `/`.
        case any
        /// `*`: any run of characters without `/`.
        case star
        /// `**` (and `**/`): any run of characters, `/` included.
        case anything
    }

    static func tokens(_ pattern: String) -> [Token] {
        let p = Array(pattern.unicodeScalars)
        var result: [Token] = []
        var i = 0
        while i < p.count {
            switch p[i] {
            case "*":
                if i + 1 < p.count, p[i + 1] == "*" {
                    i += 2
                    if i < p.count, p[i] == "/" { i += 1 }
                    if result.last != .anything { result.append(.anything) }
                    continue
                }
                if result.last != .star, result.last != .anything { result.append(.star) }
            case "?": result.append(.any)
            default: result.append(.character(p[i]))
            }
            i += 1
        }
        return result
    }

    /// Whether `path` matches `pattern` as a whole.
    ///
    /// - Parameters:
    ///   - pattern: An `exclude:` pattern, with `*`, `**` and `?`.
    ///   - path: A path relative to the configuration file's folder.
    /// - Returns: True when the whole path matches the whole pattern.
    /// - Complexity: O((*m* + 1) · (*n* + 1)) for a pattern of *m* tokens and a path of *n* characters.
    package static func matches(_ pattern: String, _ path: String) -> Bool {
        let tokens = tokens(pattern)
        let m = tokens.count
        var current = [Bool](repeating: false, count: m + 1)
        var next = current
        func close(_ states: inout [Bool]) {
            for j in 0..<m where states[j] {
                if tokens[j] == .star || tokens[j] == .anything { states[j + 1] = true }
            }
        }
        current[0] = true
        close(&current)
        for c in path.unicodeScalars {
            for j in 0...m { next[j] = false }
            var any = false
            for j in 0..<m where current[j] {
                switch tokens[j] {
                case let .character(expected): if expected == c { next[j + 1] = true; any = true }
                case .any: if c != "/" { next[j + 1] = true; any = true }
                case .star: if c != "/" { next[j] = true; any = true }
                case .anything: next[j] = true; any = true
                }
            }
            guard any else { return false }
            close(&next)
            swap(&current, &next)
        }
        return current[m]
    }
}
