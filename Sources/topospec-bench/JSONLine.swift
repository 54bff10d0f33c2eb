/// The benchmark's output: one JSON object per line, fields in the given order; values are
/// written as given (numbers bare, strings already quoted).
enum JSONLine {
    static func print(_ fields: [(String, String)]) {
        Swift.print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }
}
