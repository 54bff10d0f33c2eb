import TopoDiagnostics

/// Slurm-style hostlist expressions: `gpu[001-128]`, `gpu[001-004,007]`, `r[1-2]n[1-4]`,
/// `login1,gpu[01-04]`.
///
/// Zero padding comes from the lower bound's width (`[001-128]` gives `001` … `128`); several
/// brackets multiply left to right (`r[1-2]n[1-2]` is r1n1, r1n2, r2n1, r2n2); a comma outside
/// brackets joins lists. The size is computed before anything is expanded, so a hostile range
/// is refused without allocating it.
package enum Hostlist {
    /// Most names one expression may expand to.
    package static let maximumNames = 1 << 20
    /// Most characters the names of one expression may add up to (a few long names or many short
    /// ones; without it a short expression with a long literal could ask for terabytes).
    package static let maximumCharacters = 1 << 26

    /// Why an expression was refused, and at which character offset (0-based, in scalars).
    package struct Failure: Error, Sendable, Equatable {
        package var message: String
        package var offset: Int
    }

    /// True when the text contains hostlist syntax (brackets or commas).
    package static func isExpression(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: ",") }
    }

    /// Expands `text` into names, in order.
    ///
    /// - Parameters:
    ///   - text: A plain name or a hostlist expression.
    ///   - limit: Most names the expression may expand to.
    /// - Returns: The names, or a `Failure` with its message and the offending scalar offset
    ///   (empty text, a character not allowed in a name, unbalanced or nested brackets, a
    ///   descending range, more than `limit` names or `maximumCharacters` characters).
    /// - Complexity: O(*m* + *c*), where *m* is the length of `text` and *c* the characters of the
    ///   names produced; both caps are checked before any name is built, so *c* is at most
    ///   `maximumCharacters`.
    package static func expand(_ text: String, limit: Int = maximumNames) -> Result<[String], Failure> {
        if text.isEmpty { return .failure(Failure(message: "empty hostlist", offset: 0)) }
        if isPlainName(text) { return .success([text]) }
        if !isExpression(text) {
            let scalars = Array(text.unicodeScalars)
            let bad = scalars.firstIndex { !isNameScalar($0) } ?? 0
            return .failure(Failure(message: "character `\(scalars[bad])` is not allowed in a name", offset: bad))
        }
        let chars = Array(text.unicodeScalars)
        // Work counted for tests: every scalar is read once to split and once to parse.
        WorkCounter.add(2 * chars.count, .hostlistCharacters)
        // Split on top-level commas.
        var items: [(start: Int, end: Int)] = []
        var depth = 0
        var start = 0
        for (i, c) in chars.enumerated() {
            if c == "[" {
                if depth > 0 { return .failure(Failure(message: "brackets cannot nest", offset: i)) }
                depth = 1
            } else if c == "]" {
                if depth == 0 { return .failure(Failure(message: "`]` without a matching `[`", offset: i)) }
                depth = 0
            } else if c == ",", depth == 0 {
                items.append((start, i))
                start = i + 1
            }
        }
        if depth != 0 { return .failure(Failure(message: "`[` is never closed", offset: chars.count - 1)) }
        items.append((start, chars.count))

        var parsed: [[Part]] = []
        var total = 0
        var characters = 0
        for item in items {
            if item.start == item.end {
                return .failure(Failure(message: "empty name in the list (two commas in a row?)", offset: item.start))
            }
            switch parseItem(chars, item.start, item.end) {
            case let .failure(failure): return .failure(failure)
            case let .success(parts):
                var size = 1
                for part in parts {
                    let (product, overflow) = size.multipliedReportingOverflow(by: part.count)
                    if overflow || product > limit {
                        return .failure(Failure(message: "expands to more than \(limit) names", offset: item.start))
                    }
                    size = product
                }
                total += size
                if total > limit {
                    return .failure(Failure(message: "expands to more than \(limit) names", offset: item.start))
                }
                let (itemCharacters, overflow) = size.multipliedReportingOverflow(
                    by: parts.reduce(0) { $0 + $1.longestName })
                characters += itemCharacters
                if overflow || characters > maximumCharacters {
                    return .failure(
                        Failure(
                            message: "expands to more than \(maximumCharacters) characters of names", offset: item.start
                        ))
                }
                parsed.append(parts)
            }
        }
        var names: [String] = []
        names.reserveCapacity(total)
        var written = 0
        for parts in parsed { emit(parts, into: &names, written: &written) }
        WorkCounter.add(names.count, .hostlistNames)
        WorkCounter.add(written, .hostlistCharacters)
        return .success(names)
    }

    enum Part {
        case literal(String)
        case ranges([(low: Int, high: Int, width: Int)])

        var count: Int {
            switch self {
            case .literal: 1
            case let .ranges(ranges): ranges.reduce(0) { $0 + ($1.high - $1.low + 1) }
            }
        }

        /// Characters of the longest text this part contributes to a name.
        var longestName: Int {
            switch self {
            case let .literal(text): text.unicodeScalars.count
            case let .ranges(ranges): ranges.reduce(0) { max($0, $1.width, String($1.high).count) }
            }
        }
    }

    /// True when every byte of `text` may appear in a name (no hostlist syntax).
    static func isPlainName(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            for b in bytes where !isNameByte(b) { return false }
            return true
        }
    }

    /// True for the bytes a plain name may contain: ASCII letters, digits, `-`, `_`, `.`.
    static func isNameByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": true
        default: false
        }
    }

    static func parseItem(_ chars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Result<[Part], Failure> {
        var parts: [Part] = []
        var i = start
        while i < end {
            if chars[i] == "[" {
                guard let close = chars[i..<end].firstIndex(of: "]") else {
                    return .failure(Failure(message: "`[` is never closed", offset: i))
                }
                switch parseRanges(chars, i + 1, close) {
                case let .failure(failure): return .failure(failure)
                case let .success(ranges): parts.append(.ranges(ranges))
                }
                i = close + 1
            } else {
                var j = i
                var literal = ""
                while j < end, chars[j] != "[" {
                    guard isNameScalar(chars[j]) else {
                        return .failure(Failure(message: "character `\(chars[j])` is not allowed in a name", offset: j))
                    }
                    literal.unicodeScalars.append(chars[j])
                    j += 1
                }
                parts.append(.literal(literal))
                i = j
            }
        }
        return .success(parts)
    }

    static func parseRanges(
        _ chars: [Unicode.Scalar], _ start: Int, _ end: Int
    ) -> Result<[(low: Int, high: Int, width: Int)], Failure> {
        if start == end { return .failure(Failure(message: "empty brackets", offset: start)) }
        var ranges: [(low: Int, high: Int, width: Int)] = []
        var i = start
        while i <= end {
            var j = i
            while j < end, chars[j] != "," { j += 1 }
            // chars[i..<j] is one range: N or N-M.
            let piece = chars[i..<j]
            if piece.isEmpty { return .failure(Failure(message: "empty range in brackets", offset: i)) }
            let dash = piece.firstIndex(of: "-")
            let lowText = dash.map { chars[i..<$0] } ?? piece
            let highText = dash.map { chars[($0 + 1)..<j] } ?? piece
            guard let low = number(lowText) else {
                return .failure(
                    Failure(message: "`\(String(String.UnicodeScalarView(lowText)))` is not a number", offset: i))
            }
            guard let high = number(highText) else {
                let at = dash.map { $0 + 1 } ?? i
                return .failure(
                    Failure(message: "`\(String(String.UnicodeScalarView(highText)))` is not a number", offset: at))
            }
            if high < low {
                let written = String(String.UnicodeScalarView(piece))
                return .failure(
                    Failure(message: "range \(written) goes downward; write the smaller bound first", offset: i))
            }
            ranges.append((low, high, lowText.count))
            i = j + 1
        }
        return .success(ranges)
    }

    static func number(_ digits: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !digits.isEmpty, digits.count <= 12 else { return nil }
        var value = 0
        for c in digits {
            guard let d = c.properties.numericType == .decimal ? Int(String(c)) : nil, ("0"..."9").contains(c) else {
                return nil
            }
            value = value * 10 + d
        }
        return value
    }

    /// Appends every name of one item, the last part varying fastest. Iterative: an item may have
    /// tens of thousands of parts (`a[1][1][1]…`), too many for one stack frame each; neighbouring
    /// parts with one choice each are joined first. Adds the characters it writes to `written`.
    static func emit(_ parts: [Part], into names: inout [String], written: inout Int) {
        var choices: [[String]] = []
        for part in parts {
            let options: [String]
            switch part {
            case let .literal(text): options = [text]
            case let .ranges(ranges):
                options = ranges.flatMap { range in (range.low...range.high).map { pad($0, range.width) } }
            }
            written += options.reduce(0) { $0 + $1.utf8.count }
            if options.count == 1, let last = choices.last, last.count == 1 {
                choices[choices.count - 1][0] += options[0]
            } else {
                choices.append(options)
            }
        }
        let length = parts.reduce(0) { $0 + $1.longestName }
        var position = [Int](repeating: 0, count: choices.count)
        while true {
            var name = ""
            name.reserveCapacity(length)
            for (k, options) in choices.enumerated() { name += options[position[k]] }
            written += name.utf8.count
            names.append(name)
            var k = choices.count - 1
            while k >= 0 {
                position[k] += 1
                if position[k] < choices[k].count { break }
                position[k] = 0
                k -= 1
            }
            if k < 0 { return }
        }
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
