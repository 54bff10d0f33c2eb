import CYAML

/// Where YAML comments can be, from libyaml's scanner: a `#` inside a token (a quoted or block
/// scalar, a plain scalar, an anchor) is text, not a comment. Suppression comments are taken
/// only where this says a comment can start, so `# topospec: disable=…` written inside a string
/// or a block scalar suppresses nothing (issue 12).
package struct CommentPositions: Sendable {
    /// Token spans as (line, column) pairs, 1-based, start inclusive and end exclusive, in order.
    private var spans: [(start: Position, end: Position)] = []

    struct Position: Comparable, Sendable {
        var line: Int
        var column: Int
        static func < (a: Position, b: Position) -> Bool { a.line != b.line ? a.line < b.line : a.column < b.column }
    }

    /// Scans `bytes` (nil when libyaml cannot: then nothing is taken as a comment).
    ///
    /// - Parameter bytes: The spec's text, as read.
    /// - Complexity: O(*n*) in the length of `bytes`; one span is kept per token.
    package init?(bytes: [UInt8]) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let ok: Bool = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            while true {
                var token = yaml_token_t()
                guard yaml_parser_scan(&parser, &token) != 0 else { return false }
                defer { yaml_token_delete(&token) }
                if token.type == YAML_STREAM_END_TOKEN { return true }
                let start = Position(line: Int(token.start_mark.line) + 1, column: Int(token.start_mark.column) + 1)
                let end = Position(line: Int(token.end_mark.line) + 1, column: Int(token.end_mark.column) + 1)
                if start < end { spans.append((start, end)) }
            }
        }
        guard ok else { return nil }
    }

    /// True when a `#` at `line`:`column` (1-based; columns in characters) starts a comment: it
    /// lies inside no token.
    ///
    /// - Parameters:
    ///   - line: The `#`'s 1-based line.
    ///   - column: The `#`'s 1-based column, in characters.
    /// - Returns: False when the position lies inside a scalar, anchor or other token.
    /// - Complexity: O(log *t*) in the tokens scanned (a binary search).
    package func isComment(line: Int, column: Int) -> Bool {
        let p = Position(line: line, column: column)
        // The last token starting at or before p.
        var low = 0
        var high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if spans[mid].start <= p { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return true }
        return !(p < spans[low - 1].end)
    }
}
