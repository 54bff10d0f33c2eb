/// Small helpers for writing YAML text by hand: quoting, numbers, comments and hostlist ranges.
enum YAMLText {
    /// `text` as a double-quoted YAML scalar, with `"`, `\` and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
                {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Text safe inside a `#` comment: one line, control characters replaced.
    static func commentSafe(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029
            {
                out.append(" ")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True when `text` is a DSL name (`[A-Za-z0-9][A-Za-z0-9._-]*`), usable unquoted and in
    /// hostlists.
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isAlnum(first), text.unicodeScalars.count <= 200 else {
            return false
        }
        return text.unicodeScalars.allSatisfy { isAlnum($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    private static func isAlnum(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// A list written as a YAML flow sequence of integers: `[0, 1, 2]`.
    static func intList(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }

    /// Names that share a prefix and end in increasing numbers without leading zeros, as one
    /// hostlist (`mlx5_[0,3-6]`); nil when they cannot be written that way. A single name is
    /// returned as it is.
    static func hostlist(_ names: [String]) -> String? {
        guard let first = names.first else { return nil }
        if names.count == 1 { return isName(first) ? first : nil }
        var prefix: String?
        var numbers: [Int] = []
        for name in names {
            guard isName(name), let split = splitNumber(name) else { return nil }
            if let prefix, prefix != split.prefix { return nil }
            prefix = split.prefix
            if let last = numbers.last, split.number <= last { return nil }
            numbers.append(split.number)
        }
        guard let prefix, !prefix.isEmpty, !prefix.contains("[") else { return nil }
        var ranges: [String] = []
        var start = numbers[0]
        var previous = numbers[0]
        for n in numbers.dropFirst() + [Int.max] {
            if previous < Int.max, n == previous + 1 {
                previous = n
                continue
            }
            ranges.append(start == previous ? String(start) : "\(start)-\(previous)")
            start = n
            previous = n
        }
        return prefix + "[" + ranges.joined(separator: ",") + "]"
    }

    /// `mlx5_12` → (`mlx5_`, 12); nil without a trailing number or with a leading zero.
    private static func splitNumber(_ name: String) -> (prefix: String, number: Int)? {
        let scalars = Array(name.unicodeScalars)
        var i = scalars.count
        while i > 0, ("0"..."9").contains(scalars[i - 1]) { i -= 1 }
        guard i < scalars.count, scalars.count - i <= 9 else { return nil }
        let digits = String(String.UnicodeScalarView(scalars[i...]))
        if digits.count > 1, digits.hasPrefix("0") { return nil }
        guard let number = Int(digits) else { return nil }
        return (String(String.UnicodeScalarView(scalars[..<i])), number)
    }
}
