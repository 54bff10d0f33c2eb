/// Text that came from a spec or its surroundings (names, descriptions, mapping keys, the spec's
/// file name) on its way into a generated file or a terminal. Specs are untrusted input (they come
/// from pull requests), so every echo of such text goes through the sanitiser of its output format:
///
/// - `comment(_:)`: one `#` comment line of a shell script, env file, Slurm conf, YAML or
///   hostfile; nothing in it can end the line.
/// - `xmlComment(_:)`: inside `<!-- … -->` (no `--`, no trailing `-`, no line break).
/// - `terminal(_:)`: a line of the text renderer (no escape sequences, no line break, and no
///   GitHub workflow command at the start of a line).
/// - `markdown(_:)` / `html(_:)`: report text, with Markdown and HTML syntax escaped.
///
/// Each of them shows a control character as a visible `\u{…}` escape rather than dropping it,
/// so a reader sees that something was there.
package enum UntrustedText {
    /// Characters that end a line, or steer a terminal, in some consumer: C0 controls (TAB too),
    /// DEL, C1 controls (U+0085 NEL among them), the Unicode line and paragraph separators
    /// U+2028 / U+2029, and the bidirectional overrides and isolates (U+202A–U+202E,
    /// U+2066–U+2069), which reorder what a reader sees.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// True when `text` has a character `isControl` refuses.
    package static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    /// `text` with every control character shown as `\u{XX}`.
    package static func visible(_ text: String) -> String {
        guard hasControl(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// For a `#` comment line (shell, env file, Slurm conf, YAML, hostfile, rankfile): no
    /// character of it can end the comment.
    package static func comment(_ text: String) -> String {
        visible(text)
    }

    /// For the inside of an XML comment: no line break, no `--` (not allowed in a comment), and no
    /// `-` at the end (it would make `--->`).
    package static func xmlComment(_ text: String) -> String {
        var out = visible(text)
        while out.contains("--") { out = out.replacingEvery("--", with: "- -") }
        if out.hasSuffix("-") { out += " " }
        return out
    }

    /// For a line of terminal (or CI log) output: controls visible, and a line that would start
    /// with `::` (a GitHub Actions workflow command such as `::add-mask::` or
    /// `::stop-commands::`) starts with a space instead.
    package static func terminal(_ text: String) -> String {
        let out = visible(text)
        return out.hasPrefix("::") ? " " + out : out
    }

    /// For Markdown text (a paragraph or a table cell): line breaks and tabs as spaces (no line
    /// of it can start a heading or a list), other controls visible, HTML's `<`, `>` and `&` as
    /// entities (so `<!--` cannot hide what follows), and Markdown's syntax characters
    /// backslash-escaped.
    package static func markdown(_ text: String) -> String {
        var out = ""
        let flat = String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
        for c in visible(flat) {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }

    /// For HTML text or a double-quoted attribute: controls visible and `& < > " '` as entities.
    package static func html(_ text: String) -> String {
        var out = ""
        for c in visible(text) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced, left to right, without Foundation.
    func replacingEvery(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
