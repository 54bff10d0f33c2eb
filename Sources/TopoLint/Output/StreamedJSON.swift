import TopoDiagnostics

/// Writes a pretty-printed JSON document (`JSONText`) whose one array is produced piece by piece:
/// the text before the array, then each element as it comes, then the text after it, byte for
/// byte what `JSONText.encode` gives for the whole document. The text around the array is cut
/// from the encoder's own output for the document with the array empty, so the two cannot drift.
struct StreamedJSON {
    /// The document up to and including the array's `[`.
    let head: String
    /// Spaces before each element's lines.
    let indent: String
    /// Spaces before the closing `]`.
    let closingIndent: String
    private var count = 0

    /// `skeleton`: the document encoded with the array empty; `key`: the array's key.
    init(skeleton: String, key: String) {
        let marker = "\"\(key)\" : ["
        let text = Self.split(skeleton, at: marker).before + marker
        head = text
        let lineStart = text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        let keyIndent = String(text[lineStart...].prefix { $0 == " " })
        closingIndent = keyIndent
        indent = keyIndent + "  "
    }

    /// The text before `marker` and after it (the whole text before when it is missing).
    static func split(_ text: String, at marker: String) -> (before: String, after: String) {
        guard let range = text.firstRange(of: marker) else { return (text, "") }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    /// The text of one more element (`encoded`: `JSONText.encode` of it), indented to its depth
    /// (the blank line the encoder writes inside an empty array stays blank).
    mutating func element(_ encoded: String) -> String {
        var body = encoded
        if body.hasSuffix("\n") { body.removeLast() }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : indent + $0 }
        defer { count += 1 }
        return (count == 0 ? "\n" : ",\n") + lines.joined(separator: "\n")
    }

    /// The rest of the document: `skeleton` (the document with the array empty, now with its
    /// final figures) after the array.
    func tail(skeleton: String, key: String) -> String {
        let after = Self.split(skeleton, at: "\"\(key)\" : [").after
        guard let close = after.firstIndex(of: "]") else { return after }
        // Empty, the encoder writes what it writes between the brackets; with elements, the
        // closing bracket goes on a line of its own.
        return count == 0 ? after : "\n" + closingIndent + after[close...]
    }
}
