import FoundationEssentials

/// The JSON every topospec output uses (lint results, SARIF, placement, diff, rule tables):
/// pretty-printed with sorted keys and unescaped slashes, so the same value always gives the same
/// bytes.
package enum JSONText {
    /// Pretty, sorted-key JSON with a trailing newline (`{}` if the value cannot be encoded).
    package static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
