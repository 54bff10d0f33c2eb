import TopoDiagnostics

/// A report as a list of blocks, written out as Markdown or as a standalone HTML page. Inline text
/// may hold `code spans` in backticks; both writers keep them as code.
public struct ReportDocument: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        case heading(level: Int, text: String)
        case paragraph(String)
        case bullets([String])
        /// Header cells, rows, and which columns are numbers (right-aligned).
        case table(header: [String], rows: [[String]], numeric: [Bool])
        /// Preformatted text (a topology matrix).
        case preformatted(String)
        /// A drawing: Mermaid for Markdown, DOT (drawn as inline SVG) for HTML.
        case diagram(mermaid: String, dot: String)
    }

    public var title: String
    public var blocks: [Block] = []

    public init(title: String) {
        self.title = title
    }

    /// GitHub-flavoured Markdown; Mermaid diagrams as ```` ```mermaid ```` fences.
    ///
    /// User text is escaped, so a name or message cannot inject HTML or fake Markdown structure.
    ///
    /// - Returns: The document: the title as a level-1 heading, then each block; headings are clamped to
    ///   levels 2–6.
    public func markdown() -> String {
        var out = "# \(Self.markdownInline(title))\n"
        for block in blocks {
            out += "\n"
            switch block {
            case let .heading(level, text):
                out += String(repeating: "#", count: min(6, max(2, level))) + " " + Self.markdownInline(text) + "\n"
            case let .paragraph(text):
                out += Self.markdownInline(text) + "\n"
            case let .bullets(items):
                out += items.map { "- " + Self.markdownInline($0) + "\n" }.joined()
            case let .table(header, rows, numeric):
                out += "| " + header.map(Self.cell).joined(separator: " | ") + " |\n"
                out +=
                    "|" + header.indices.map { i in (i < numeric.count && numeric[i]) ? "---:|" : "---|" }.joined()
                    + "\n"
                for row in rows { out += "| " + row.map(Self.cell).joined(separator: " | ") + " |\n" }
            case let .preformatted(text):
                out += "```text\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "```\n"
            case let .diagram(text, _):
                out += "```mermaid\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "```\n"
            }
        }
        return out
    }

    /// A Markdown table cell: inline text, with pipes inside code spans escaped too (GFM splits
    /// cells at every unescaped `|`).
    static func cell(_ text: String) -> String {
        markdownInline(text, inTable: true)
    }

    /// Inline Markdown for text that may carry user strings (names, descriptions, messages, the
    /// file name): outside `code spans` through `UntrustedText.markdown` (no HTML, no Markdown
    /// syntax, no line breaks); inside them line breaks as spaces and controls visible. A report
    /// cannot be made to hide its findings (`<!--`) or to fake a heading.
    static func markdownInline(_ text: String, inTable: Bool = false) -> String {
        var parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        if parts.count % 2 == 0, let last = parts.popLast() {
            parts[parts.count - 1] += "`" + last
        }
        var out = ""
        var inCode = false
        for part in parts {
            if inCode {
                var code = UntrustedText.visible(part.replacing("\n", with: " "))
                if inTable { code = code.replacing("|", with: "\\|") }
                out += "`" + code + "`"
            } else {
                out += UntrustedText.markdown(part)
            }
            inCode.toggle()
        }
        return out
    }

    /// One self-contained HTML page: styles inline, each diagram inline SVG made by `draw` from
    /// its DOT text (`GraphvizLayout.svg`); nothing is fetched when the page opens.
    ///
    /// - Parameter draw: Turns a diagram's DOT text into SVG markup, inserted as it is.
    /// - Returns: The page, every user string HTML-escaped.
    /// - Throws: Whatever `draw` throws; the page is then not written.
    public func html(draw: (String) throws -> String) rethrows -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(Self.escape(title))</title>
            <style>
            body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 72em; margin: 2em auto; padding: 0 1em; color: #1f2328; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #d0d7de; padding: 0.3em 0.7em; text-align: left; vertical-align: top; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            th { background: #f6f8fa; }
            code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
            pre.matrix { background: #f6f8fa; padding: 1em; overflow-x: auto; }
            figure { margin: 1em 0; overflow-x: auto; }
            figure svg { max-width: 100%; height: auto; }
            </style>
            </head>
            <body>
            <h1>\(Self.inline(title))</h1>

            """
        for block in blocks {
            switch block {
            case let .heading(level, text):
                let l = min(6, max(2, level))
                out += "<h\(l)>\(Self.inline(text))</h\(l)>\n"
            case let .paragraph(text):
                out += "<p>\(Self.inline(text))</p>\n"
            case let .bullets(items):
                out += "<ul>\n" + items.map { "<li>\(Self.inline($0))</li>\n" }.joined() + "</ul>\n"
            case let .table(header, rows, numeric):
                out += "<table>\n<tr>" + header.map { "<th>\(Self.inline($0))</th>" }.joined() + "</tr>\n"
                for row in rows {
                    out +=
                        "<tr>"
                        + row.enumerated().map { i, cell in
                            (i < numeric.count && numeric[i] ? "<td class=\"n\">" : "<td>") + Self.inline(cell)
                                + "</td>"
                        }.joined() + "</tr>\n"
                }
                out += "</table>\n"
            case let .preformatted(text):
                out += "<pre class=\"matrix\">\(Self.escape(text))</pre>\n"
            case let .diagram(_, dot):
                out += "<figure>\n" + Self.inlineSVG(try draw(dot)) + "</figure>\n"
            }
        }
        return out + "</body>\n</html>\n"
    }

    /// An SVG document as an element for HTML: from `<svg` on, without the XML prolog and DOCTYPE.
    static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.firstRange(of: "<svg") else { return "" }
        let element = String(svg[start.lowerBound...])
        return element.hasSuffix("\n") ? element : element + "\n"
    }

    static func escape(_ text: String) -> String {
        var s = ""
        for c in UntrustedText.visible(text) {
            switch c {
            case "&": s += "&amp;"
            case "<": s += "&lt;"
            case ">": s += "&gt;"
            case "\"": s += "&quot;"
            default: s.append(c)
            }
        }
        return s
    }

    /// Escaped text with `backtick spans` as `<code>`.
    static func inline(_ text: String) -> String {
        var parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        if parts.count % 2 == 0, let last = parts.popLast() {
            // An unpaired backtick is text.
            parts[parts.count - 1] += "`" + last
        }
        var out = ""
        var inCode = false
        for part in parts {
            out += inCode ? "<code>" + escape(part) + "</code>" : escape(part)
            inCode.toggle()
        }
        return out
    }
}
