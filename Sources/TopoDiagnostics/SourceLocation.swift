/// A position in an input file: 1-based line and column (columns count Unicode scalars, as
/// libyaml does), plus the length of the located token when it is known, for underlining.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Characters to underline from `column`; 0 when only a caret should be drawn.
    public var length: Int

    public init(file: String, line: Int, column: Int, length: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
        self.length = length
    }

    /// `path:line:column`, the form editors and terminals turn into links.
    public var description: String { "\(file):\(line):\(column)" }

    /// Orders locations by file path, then line, then column; `length` is ignored.
    ///
    /// - Returns: True when `a` comes before `b` in that order.
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.line != b.line { return a.line < b.line }
        return a.column < b.column
    }
}
