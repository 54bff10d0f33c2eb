/// Prints diagnostics the way compilers do:
///
///     specs/ws.yaml:14:5: error[TS101]: NVLink declared on rtx-4090, which has no NVLink
///        14 |     nvlink: {bridges: [[0, 1]]}
///           |     ^~~~~~
///     specs/ws.yaml:9:12: note: the GPUs are rtx-4090 (declared here)
///       help: remove the bridges; RTX 4090 pairs talk over PCIe only
///
/// Colour is used only when asked for (the CLI asks when stdout is a terminal and `NO_COLOR` is
/// unset).
public struct DiagnosticRenderer: Sendable {
    public var useColor: Bool
    /// Each source with where each of its lines starts: a file with many diagnostics is scanned
    /// once, not once per diagnostic (100,000 diagnostics in a 7 MB file took minutes).
    private var sources: [String: (text: SourceText, lineStarts: [Int])]

    /// A renderer that shows excerpts from `sources` and colours its output when `useColor` is set.
    ///
    /// Each source is scanned once here for where its lines start.
    ///
    /// - Parameters:
    ///   - sources: The files diagnostics may point into, keyed by `SourceText.path`; a location
    ///     in a file not given (or given empty, as after an I/O error) is printed without an excerpt.
    ///   - useColor: Whether to wrap labels and markers in ANSI escape sequences; decide it with
    ///     `ColorChoice.enabled(forFileDescriptor:environment:)` for the stream written to.
    /// - Complexity: O(*n*) in the total bytes of `sources`.
    public init(sources: [SourceText], useColor: Bool) {
        self.useColor = useColor
        var map: [String: (text: SourceText, lineStarts: [Int])] = [:]
        for source in sources { map[source.path] = (source, source.lineStarts()) }
        self.sources = map
    }

    /// Columns of a source line shown on each side of the column a diagnostic points at: a
    /// 60 KB one-line spec with thousands of findings must not print the whole line each time.
    package static let excerptRadius = 60

    /// The text of one diagnostic: its `path:line:column: severity[code]: message` line, the
    /// source excerpt with a caret, then each note (with its own excerpt) and the help line.
    ///
    /// Every piece of user text (message, notes, help, path) goes through the terminal sanitiser,
    /// so a spec cannot send escape sequences or CI workflow commands.
    ///
    /// - Parameter diagnostic: The finding to print.
    /// - Returns: One or more lines, each ending in a line break.
    /// - Complexity: O(*k*) in the length of the source lines shown, each clipped to
    ///   `excerptRadius` columns either side of the marked column.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = ""
        let label = "\(diagnostic.severity.rawValue)[\(diagnostic.code)]"
        // Messages, notes, helps and paths carry user text (keys, names, the file name): each goes
        // through the terminal sanitiser, so a spec cannot print escape sequences or workflow commands.
        let message = UntrustedText.terminal(diagnostic.message)
        if let location = diagnostic.location {
            out += paint(UntrustedText.terminal("\(location):"), .bold) + " "
        }
        out += paint(label, color(for: diagnostic.severity)) + paint(": " + message, .bold) + "\n"
        if let location = diagnostic.location {
            out += excerpt(at: location, marker: color(for: diagnostic.severity))
        }
        for note in diagnostic.notes {
            let text = UntrustedText.visible(note.message)
            if let location = note.location {
                out +=
                    paint(UntrustedText.terminal("\(location):"), .bold) + " " + paint("note", .cyan) + ": " + text
                    + "\n"
                out += excerpt(at: location, marker: .cyan)
            } else {
                out += "  " + paint("note", .cyan) + ": " + text + "\n"
            }
        }
        if let help = diagnostic.help {
            out += "  " + paint("help", .green) + ": " + UntrustedText.visible(help) + "\n"
        }
        return out
    }

    /// The source line and a caret (plus `~` under the rest of the token) below the column. A long
    /// line is clipped to `excerptRadius` columns either side of the column, `…` marking a cut.
    private func excerpt(at location: SourceLocation, marker: Style) -> String {
        // No excerpt from a file that was not read (an I/O error leaves its source empty).
        guard let source = sources[location.file], !source.text.bytes.isEmpty,
            let line = source.text.line(location.line, lineStarts: source.lineStarts)
        else { return "" }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        let scalars = Array(line.unicodeScalars)
        let column = max(0, min(location.column - 1, scalars.count))
        let first = max(0, column - Self.excerptRadius)
        let last = min(scalars.count, column + Self.excerptRadius)
        var shown = String.UnicodeScalarView()
        var pad = ""
        if first > 0 {
            shown.append("\u{2026}")
            pad += " "
        }
        shown.append(contentsOf: scalars[first..<last])
        if last < scalars.count { shown.append("\u{2026}") }
        for scalar in scalars[first..<column] { pad.unicodeScalars.append(scalar == "\t" ? "\t" : " ") }
        let available = max(0, last - column)
        let tildes = max(0, min(location.length, available) - 1)
        let mark = "^" + String(repeating: "~", count: tildes)
        return "  \(number) | \(String(shown))\n  \(gutter) | \(pad)" + paint(mark, marker) + "\n"
    }

    enum Style {
        case bold, red, yellow, cyan, green, blue
        var code: String {
            switch self {
            case .bold: "1"
            case .red: "1;31"
            case .yellow: "1;33"
            case .cyan: "1;36"
            case .green: "1;32"
            case .blue: "1;34"
            }
        }
    }

    private func color(for severity: Severity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .info: .blue
        }
    }

    private func paint(_ text: String, _ style: Style) -> String {
        useColor ? "\u{1B}[\(style.code)m\(text)\u{1B}[0m" : text
    }
}
