/// Literal IP address syntax (RFC 791 dotted quad, RFC 4291 §2.2 text forms).
package enum IPAddress {
    /// Four decimal numbers 0-255 without leading zeros, separated by dots.
    package static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            guard part == "0" || part.first != "0" else { return false }
            return (Int(part) ?? 256) <= 255
        }
    }

    /// Up to eight groups of 1-4 hex digits separated by `:`, at most one `::`, optionally ending
    /// in a dotted quad.
    package static func isIPv6(_ text: String) -> Bool {
        guard text.count <= 45, text.contains(":") else { return false }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (h, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if h == halves.count - 1, i == parts.count - 1, part.contains(".") {
                    guard isIPv4(String(part)) else { return false }
                    groups += 2
                    continue
                }
                guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit) else { return false }
                groups += 1
            }
        }
        return halves.count == 2 ? groups <= 7 : groups == 8
    }
}
