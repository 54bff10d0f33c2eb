import TopoDiagnostics
import TopoModel
import TopoRules
import TopoYAML

/// Inline suppressions written as YAML comments, in the manner of ESLint and ruff:
///
///     # topospec: disable=TS208 -- AWS p4d has 4 EFA adapters for 8 GPUs
///     node_types: …                       ← the next line is exempt from TS208
///     gpus: {…}  # topospec: disable=TS211 -- a trailing comment exempts its own line
///     # topospec: disable-file=TS304 -- the whole file
///
/// Codes may be rule codes or slugs, separated by commas; text after ` -- ` is the reason. A
/// comment on a line of its own applies to the next line that is neither blank nor a comment.
/// Only real comments count: a `# topospec:` inside a quoted string or a block scalar is text
/// (libyaml's scanner decides, `CommentPositions`).
package struct Suppressions: Sendable {
    /// One `disable` or `disable-file` comment.
    package struct Entry: Sendable {
        package var codes: [String]
        /// True for `disable-file`.
        package var fileWide: Bool
        /// The line it exempts (-1 when an own-line comment has no line after it).
        package var line: Int
        package var location: SourceLocation
        package var reason: String?
        /// How many findings it suppressed.
        package var uses: [String: Int] = [:]
    }

    package private(set) var entries: [Entry] = []
    /// Problems with the comments themselves (TS030).
    package private(set) var diagnostics: [Diagnostic] = []

    /// Finds the suppression comments of a file.
    ///
    /// Unknown codes and input-error codes, which cannot be suppressed, become TS030 findings in
    /// `diagnostics`.
    ///
    /// - Parameter source: The spec file's text, whose YAML comments are scanned.
    /// - Complexity: O(*n*) in the file's length.
    package init(source: SourceText) {
        guard source.bytes.contains(where: { $0 == UInt8(ascii: "#") }) else { return }
        let text = String(decoding: source.bytes, as: UTF8.self)
        let lines = text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        var pending: [Int] = []  // entries waiting for their next line
        var positions: CommentPositions?? = nil  // scanned when the first candidate is met
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = Substring(raw)
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let isBlank = trimmed.isEmpty
            let isComment = trimmed.first == "#"
            if !isBlank && !isComment {
                for e in pending { entries[e].line = number }
                pending.removeAll()
            }
            guard let range = line.firstRange(of: "topospec:"), let hash = line[..<range.lowerBound].lastIndex(of: "#"),
                line[line.index(after: hash)..<range.lowerBound].allSatisfy({ $0 == " " })
            else { continue }
            // Only a real YAML comment suppresses: the scanner says whether this `#` is inside a
            // string or a block scalar (then it is text).
            if positions == nil { positions = .some(CommentPositions(bytes: source.bytes)) }
            let hashColumn = line.unicodeScalars.distance(from: line.startIndex, to: hash) + 1
            guard let scanned = positions ?? nil, scanned.isComment(line: number, column: hashColumn) else { continue }
            var rest = line[range.upperBound...].drop { $0 == " " }
            let fileWide: Bool
            if rest.hasPrefix("disable-file=") {
                fileWide = true
                rest = rest.dropFirst("disable-file=".count)
            } else if rest.hasPrefix("disable=") {
                fileWide = false
                rest = rest.dropFirst("disable=".count)
            } else {
                continue
            }
            var reason: String?
            if let dashes = rest.firstRange(of: " -- ") {
                reason = String(rest[dashes.upperBound...]).trimmingCharacters()
                rest = rest[..<dashes.lowerBound]
            }
            let column = line.distance(from: line.startIndex, to: hash) + 1
            let location = SourceLocation(
                file: source.path, line: number, column: column, length: line.distance(from: hash, to: line.endIndex))
            var codes: [String] = []
            for name in rest.split(separator: ",").map({ String($0).trimmingCharacters() }) where !name.isEmpty {
                if let rule = RuleRegistry.rule(named: name) {
                    codes.append(rule.metadata.code)
                } else if DiagnosticCode.inputErrors.contains(where: { $0.code == name || $0.slug == name }) {
                    diagnostics.append(
                        Diagnostic(
                            code: LintCodes.invalidSuppression,
                            message: "`\(name)` is an input error; it cannot be suppressed", location: location,
                            help: "fix the spec instead"))
                } else {
                    let known = RuleRegistry.all.flatMap { [$0.metadata.code, $0.metadata.slug] }
                    diagnostics.append(
                        Diagnostic(
                            code: LintCodes.invalidSuppression,
                            message:
                                "unknown rule `\(name)` in suppression\(Suggestion.namesHint(for: name, in: known))",
                            location: location))
                }
            }
            guard !codes.isEmpty else { continue }
            entries.append(
                Entry(
                    codes: codes, fileWide: fileWide, line: isComment ? -1 : number, location: location, reason: reason)
            )
            if !fileWide && isComment { pending.append(entries.count - 1) }
        }
    }

    /// Removes suppressed findings and reports unused suppressions (TS031).
    ///
    /// - Parameter findings: The file's findings; one without a line is never suppressed.
    /// - Returns: The findings no entry suppresses, then a TS031 finding per code of an entry that
    ///   suppressed nothing, then the TS030 findings on the comments.
    /// - Complexity: O(*f* · *e*) for *f* findings and *e* entries.
    package mutating func apply(to findings: [Diagnostic]) -> [Diagnostic] {
        var kept: [Diagnostic] = []
        for finding in findings {
            guard let line = finding.location?.line,
                let e = entries.firstIndex(where: {
                    ($0.fileWide || $0.line == line) && $0.codes.contains(finding.code)
                })
            else {
                kept.append(finding)
                continue
            }
            entries[e].uses[finding.code, default: 0] += 1
        }
        for entry in entries {
            for code in entry.codes where entry.uses[code] == nil {
                let scope =
                    entry.fileWide
                    ? "this file" : entry.line == -1 ? "any line (nothing follows it)" : "line \(entry.line)"
                kept.append(
                    Diagnostic(
                        code: LintCodes.unusedSuppression,
                        message: "suppression of \(code) matches no finding on \(scope)",
                        location: entry.location, help: "remove it"))
            }
        }
        return kept + diagnostics
    }
}

private extension String {
    func trimmingCharacters() -> String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
