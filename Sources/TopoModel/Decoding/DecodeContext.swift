import TopoDiagnostics
import TopoYAML

/// Typed reading of YAML nodes, with every problem reported as a located diagnostic and decoding
/// carrying on, so one run shows all the errors it can find. Each reader returns nil after
/// reporting when the value cannot be used.
struct DecodeContext {
    var sink = DiagnosticSink()
    /// "Did you mean" suggestions still to give: the first 100 unknown names of a spec get one. A
    /// spec can name a million unknown things, each of which would otherwise be compared with
    /// every candidate (hours for 100,000 node types and as many typos).
    var hintsLeft = 100

    /// "; did you mean `x`?" (or "") while suggestions are left; `candidates` is only evaluated then.
    /// `byParts` also offers names the word abbreviates (`Suggestion.namesHint`), for model names.
    mutating func hint<S: Sequence>(
        for word: String, in candidates: @autoclosure () -> S, byParts: Bool = false
    ) -> String where S.Element == String {
        guard hintsLeft > 0 else { return "" }
        hintsLeft -= 1
        return byParts
            ? Suggestion.namesHint(for: word, in: Array(candidates())) : Suggestion.hint(for: word, in: candidates())
    }

    /// Words YAML 1.1 reads as booleans (YAML 1.2 reads them as strings).
    static let yaml11Booleans: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    // MARK: Mappings and lists

    /// The node as a mapping whose keys are all in `allowed` and which has every `required` key.
    /// Unknown keys and missing keys are reported; the fields are still returned so decoding
    /// continues. Returns nil (after reporting) when the node is not a mapping.
    mutating func mapping(_ node: YAMLNode, _ what: String, allowed: [String], required: [String] = []) -> Fields? {
        guard node.kind == .mapping else {
            wrongType(
                node, "\(what) must be a mapping of keys", help: "keys allowed here: \(allowed.joined(separator: ", "))"
            )
            return nil
        }
        for pair in node.pairs {
            guard pair.key.kind == .scalar else {
                sink.error(
                    .wrongType, "keys in \(what) must be plain names, found \(pair.key.kindDescription)",
                    at: pair.key.location)
                continue
            }
            if !allowed.contains(where: pair.key.hasScalar) {
                let key = pair.key.scalar ?? ""
                sink.error(
                    .unknownKey, "unknown key `\(key)` in \(what)\(Suggestion.hint(for: key, in: allowed))",
                    at: pair.key.location, help: "keys allowed here: \(allowed.joined(separator: ", "))")
            }
        }
        let fields = Fields(node: node)
        for key in required where fields[key] == nil {
            sink.error(.missingKey, "\(what) needs a `\(key)` key", at: node.location)
        }
        return fields
    }

    /// The items of a list, or nil (after reporting) when the node is not a list.
    mutating func list(_ node: YAMLNode, _ what: String) -> YAMLNode.Children? {
        guard node.kind == .sequence else {
            wrongType(node, "\(what) must be a list")
            return nil
        }
        return node.items
    }

    /// A mapping's pairs whose keys are scalars (non-scalar keys are reported).
    mutating func entries(_ node: YAMLNode, _ what: String) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)]? {
        guard node.kind == .mapping else {
            wrongType(node, "\(what) must be a mapping")
            return nil
        }
        var result: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        result.reserveCapacity(node.pairs.count)
        for pair in node.pairs {
            guard pair.key.kind == .scalar, let key = pair.key.scalar else {
                sink.error(
                    .wrongType, "keys in \(what) must be plain names, found \(pair.key.kindDescription)",
                    at: pair.key.location)
                continue
            }
            result.append((key, pair.key, pair.value))
        }
        return result
    }

    // MARK: Scalars

    mutating func wrongType(_ node: YAMLNode, _ message: String, help: String? = nil) {
        let found =
            node.kind == .scalar
            ? (node.isNull
                ? "nothing"
                : node.style == .plain ? "`\(node.scalar ?? "")`" : "the quoted string \"\(node.scalar ?? "")\"")
            : node.kindDescription
        sink.error(.wrongType, "\(message), found \(found)", at: node.location, help: help)
    }

    /// The scalar text of a plain, untagged scalar; reports and returns nil otherwise.
    private mutating func plainText(_ node: YAMLNode, _ what: String, expected: String) -> String? {
        guard node.kind == .scalar, let text = node.scalar, !node.isNull else {
            wrongType(node, "\(what) must be \(expected)")
            return nil
        }
        if node.style != .plain
            || (node.tag != nil && node.tag != "tag:yaml.org,2002:int" && node.tag != "tag:yaml.org,2002:float")
        {
            wrongType(node, "\(what) must be \(expected)", help: "remove the quotes or tag")
            return nil
        }
        return text
    }

    /// A decimal integer in `range`. Leading zeros (YAML 1.1 octal), YAML 1.1 booleans,
    /// hexadecimal, fractions and values that overflow 64 bits are each refused with a reason.
    mutating func int(_ node: YAMLNode, _ what: String, _ range: ClosedRange<Int>) -> Int? {
        guard let text = plainText(node, what, expected: "an integer") else { return nil }
        var digits = Substring(text)
        var negative = false
        if let first = digits.first, first == "-" || first == "+" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        if Self.yaml11Booleans.contains(text) {
            sink.error(
                .ambiguousScalar, "\(what) must be an integer; `\(text)` is a boolean in YAML 1.1", at: node.location)
            return nil
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            if text.hasPrefix("0x") || text.hasPrefix("0o") {
                wrongType(node, "\(what) must be a decimal integer", help: "write the value in decimal")
            } else if Double(text) != nil {
                wrongType(node, "\(what) must be a whole number")
            } else {
                wrongType(node, "\(what) must be an integer")
            }
            return nil
        }
        if digits.count > 1, digits.first == "0" {
            let octal = digits.allSatisfy { $0 < "8" } ? Int(digits, radix: 8).map { " (octal for \($0))" } ?? "" : ""
            sink.error(
                .ambiguousScalar,
                "\(what) is written `\(text)` with a leading zero, which YAML 1.1 reads as octal\(octal)",
                at: node.location, help: "write it without leading zeros, or quote it if it is a name")
            return nil
        }
        guard let magnitude = Int(digits), let value = Optional(negative ? -magnitude : magnitude),
            range.contains(value)
        else {
            sink.error(.outOfRange, "\(what) is \(text); it must be \(describe(range))", at: node.location)
            return nil
        }
        return value
    }

    /// A finite number (integer, decimal or exponent form) in `range`; with `suffixes`, also
    /// `70B`-style values (K = 1e3, M = 1e6, B = 1e9, T = 1e12).
    mutating func number(
        _ node: YAMLNode, _ what: String, _ range: ClosedRange<Double>, suffixes: Bool = false
    ) -> Double? {
        let expected = suffixes ? "a number (e.g. 70e9 or 70B)" : "a number"
        guard node.kind == .scalar, let raw = node.scalar, !node.isNull else {
            wrongType(node, "\(what) must be \(expected)")
            return nil
        }
        var text = Substring(raw)
        var scale = 1.0
        if suffixes, node.style == .plain || node.style == .singleQuoted || node.style == .doubleQuoted,
            let last = text.last, let factor = ["K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12][String(last)]
        {
            scale = factor
            text = text.dropLast()
        } else if node.style != .plain {
            wrongType(node, "\(what) must be \(expected)", help: "remove the quotes")
            return nil
        }
        if Self.yaml11Booleans.contains(raw) {
            sink.error(
                .ambiguousScalar, "\(what) must be a number; `\(raw)` is a boolean in YAML 1.1", at: node.location)
            return nil
        }
        let isNumeric = !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
        guard isNumeric, text.first != ".", let value = Double(text), value.isFinite else {
            wrongType(node, "\(what) must be \(expected)")
            return nil
        }
        let integerPart = text.drop { $0 == "+" || $0 == "-" }.prefix { $0.isNumber }
        if integerPart.count > 1, integerPart.first == "0" {
            sink.error(
                .ambiguousScalar, "\(what) is written `\(raw)` with a leading zero, which YAML 1.1 reads as octal",
                at: node.location, help: "write it without leading zeros")
            return nil
        }
        let scaled = value * scale
        guard range.contains(scaled) else {
            sink.error(
                .outOfRange,
                "\(what) is \(raw); it must be between \(Format.number(range.lowerBound)) and \(Format.number(range.upperBound))",
                at: node.location)
            return nil
        }
        return scaled
    }

    /// `true` or `false` (also `True`/`TRUE`/`False`/`FALSE`). YAML 1.1 words are refused.
    mutating func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        guard node.kind == .scalar, let text = node.scalar, node.style == .plain, !node.isNull else {
            wrongType(node, "\(what) must be true or false")
            return nil
        }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            if Self.yaml11Booleans.contains(text) {
                let meant = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"].contains(text) ? "true" : "false"
                sink.error(
                    .ambiguousScalar, "\(what) is `\(text)`, a boolean only in YAML 1.1; topospec reads YAML 1.2",
                    at: node.location, help: "write `\(meant)`")
            } else {
                wrongType(node, "\(what) must be true or false")
            }
            return nil
        }
    }

    /// Any non-empty scalar without control characters, as text. Escapes in double-quoted YAML
    /// (`"\n"`, `"\e"`, `"\0"`, `"\u2028"`) can put characters into a scalar that the file itself
    /// may not hold; every free string ends up in some generated file or terminal, so none of them
    /// may carry a character that ends a line or steers a terminal (`UntrustedText.isControl`).
    /// `multiline` lets LF and TAB through (descriptions written as block scalars).
    mutating func string(_ node: YAMLNode, _ what: String, multiline: Bool = false) -> String? {
        guard node.kind == .scalar, let text = node.scalar, !node.isNull, !text.isEmpty else {
            wrongType(node, "\(what) must be a string")
            return nil
        }
        if let bad = text.unicodeScalars.first(where: {
            UntrustedText.isControl($0) && !(multiline && ($0 == "\n" || $0 == "\t"))
        }) {
            sink.error(
                .encoding,
                "\(what) holds control character U+\(Self.hex(bad.value)); values may not contain line breaks or control characters",
                at: node.location,
                help: "remove it; a value ends up in generated files, where a line break would start a new line")
            return nil
        }
        return text
    }

    /// A scalar that must match a grammar (`valid`), described by `grammar` in the message.
    mutating func string(_ node: YAMLNode, _ what: String, grammar: String, valid: (String) -> Bool) -> String? {
        guard let text = string(node, what) else { return nil }
        guard valid(text) else {
            sink.error(.invalidName, "\(what) `\(text)` is not valid: \(grammar)", at: node.location)
            return nil
        }
        return text
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A name: `[A-Za-z0-9][A-Za-z0-9._-]*`.
    mutating func name(_ node: YAMLNode, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        guard Self.isValidName(text) else {
            sink.error(
                .invalidName, "\(what) `\(text)` is not a valid name",
                at: node.location,
                help: "names start with a letter or digit and use only letters, digits, `.`, `_` and `-`")
            return nil
        }
        return text
    }

    static func isValidName(_ text: String) -> Bool {
        guard let first = text.utf8.first, first != UInt8(ascii: "-"), first != UInt8(ascii: "."),
            first != UInt8(ascii: "_")
        else { return false }
        return Hostlist.isPlainName(text)
    }

    /// One of an enumeration's raw values.
    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ what: String, _: E.Type) -> E?
    where E.RawValue == String {
        let options = E.allCases.map(\.rawValue)
        guard node.kind == .scalar, let text = node.scalar, !node.isNull else {
            wrongType(node, "\(what) must be one of: \(options.joined(separator: ", "))")
            return nil
        }
        if let value = E(rawValue: text) { return value }
        if node.style == .plain, Self.yaml11Booleans.contains(text) {
            sink.error(
                .ambiguousScalar,
                "\(what) is `\(text)`, which YAML 1.1 reads as a boolean; it must be one of: \(options.joined(separator: ", "))",
                at: node.location)
        } else {
            sink.error(
                .wrongType,
                "\(what) must be one of: \(options.joined(separator: ", ")), found `\(text)`\(Suggestion.hint(for: text, in: options))",
                at: node.location)
        }
        return nil
    }

    /// A list of integers, each in `range`.
    mutating func intList(
        _ node: YAMLNode, _ what: String, _ range: ClosedRange<Int>
    ) -> [(value: Int, node: YAMLNode)]? {
        guard let items = list(node, what) else { return nil }
        var result: [(value: Int, node: YAMLNode)] = []
        for item in items {
            if let value = int(item, "each entry of \(what)", range) { result.append((value, item)) }
        }
        return result
    }

    /// A plain `none` (the DSL's explicit "nothing here"). YAML 1.1 negatives such as `no` and
    /// `false` are reported as ambiguous with a hint to write `none`.
    mutating func isNone(_ node: YAMLNode, _ what: String) -> Bool {
        guard node.kind == .scalar, let text = node.scalar else { return false }
        if text == "none" && node.style == .plain { return true }
        if node.style == .plain, Self.yaml11Booleans.contains(text) || text == "false" {
            sink.error(.ambiguousScalar, "\(what) is `\(text)`; to say there is none, write `none`", at: node.location)
            return true
        }
        return false
    }

    /// Expands a hostlist, reporting a failure at the exact character.
    mutating func hostlist(_ node: YAMLNode, _ what: String) -> [String]? {
        guard let text = string(node, what) else { return nil }
        return hostlist(text: text, of: node, what)
    }

    /// Expands `text`, the already-read scalar of `node`.
    mutating func hostlist(text: String, of node: YAMLNode, _ what: String) -> [String]? {
        switch Hostlist.expand(text) {
        case let .success(names):
            // Every name ends up in generated files and commands (Slurm, Kubernetes, file names,
            // shells): none may start with `-`, `.` or `_` (an option, `.`, `..`, a hidden file).
            // The characters are checked by `Hostlist.expand`; only the first is left to check.
            if let bad = names.first(where: { name in
                guard let first = name.utf8.first else { return true }
                return first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || first == UInt8(ascii: "_")
            }) {
                sink.error(
                    .invalidName, "\(what) `\(text)` gives the name `\(bad)`, which is not a valid name",
                    at: node.location,
                    help: "names start with a letter or digit and use only letters, digits, `.`, `_` and `-`")
                return nil
            }
            return names
        case let .failure(failure):
            var at = node.location
            at.column += failure.offset + (node.style == .plain ? 0 : 1)
            at.length = 1
            sink.error(.invalidHostlist, "\(what) `\(text)`: \(failure.message)", at: at)
            return nil
        }
    }

    private func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
        return "between \(range.lowerBound) and \(range.upperBound)"
    }

}
