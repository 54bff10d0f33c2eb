extension Hostlist {
    /// The shortest Slurm hostlist for `names`, in their order of first appearance by prefix:
    /// runs of names sharing a prefix and a numeric suffix of one width become ranges
    /// (`gpu001,gpu002,gpu003,gpu007` → `gpu[001-003,007]`). Names without a numeric suffix stay
    /// as they are. Expanding the result gives back the same names (duplicates dropped).
    ///
    /// - Parameter names: Node names, in any order; duplicates are allowed.
    /// - Returns: A comma-separated hostlist expression (empty for no names).
    /// - Complexity: O(*c* + *n* log *n*) for *n* names of *c* characters in all (each family's
    ///   numbers are sorted).
    package static func compress(_ names: [String]) -> String {
        struct Key: Hashable {
            var prefix: String
            var width: Int
            var suffix: String
        }
        var numbers: [Key: [Int]] = [:]
        var plainSeen: Set<String> = []
        var entries: [(isPlain: Bool, key: Key?, name: String)] = []
        // Split each name at its last run of digits; a family is a prefix and suffix.
        var split: [(name: String, prefix: String, digits: String, suffix: String)?] = []
        var paddedWidths: [String: Set<Int>] = [:]
        for name in names {
            let scalars = Array(name.unicodeScalars)
            var end = scalars.count
            while end > 0, !("0"..."9").contains(scalars[end - 1]) { end -= 1 }
            var start = end
            while start > 0, ("0"..."9").contains(scalars[start - 1]) { start -= 1 }
            guard end > start, end - start <= 12 else {
                split.append(nil)
                continue
            }
            let prefix = String(String.UnicodeScalarView(scalars[..<start]))
            let digits = String(String.UnicodeScalarView(scalars[start..<end]))
            let suffix = String(String.UnicodeScalarView(scalars[end...]))
            split.append((name, prefix, digits, suffix))
            if digits.count > 1, digits.first == "0" {
                paddedWidths[prefix + "\u{0}" + suffix, default: []].insert(digits.count)
            }
        }
        for (index, name) in names.enumerated() {
            guard let parts = split[index], let value = Int(parts.digits) else {
                if plainSeen.insert(name).inserted {
                    entries.append((true, nil, name))
                }
                continue
            }
            // A number joins a zero-padded group of its digit count when the family has one
            // (gpu100 belongs with gpu001); otherwise it is unpadded.
            let family = parts.prefix + "\u{0}" + parts.suffix
            let width = paddedWidths[family]?.contains(parts.digits.count) == true ? parts.digits.count : 0
            let key = Key(prefix: parts.prefix, width: width, suffix: parts.suffix)
            if numbers[key] == nil {
                numbers[key] = []
                entries.append((false, key, name))
            }
            numbers[key]?.append(value)
        }
        var parts: [String] = []
        for entry in entries {
            if entry.isPlain {
                parts.append(entry.name)
                continue
            }
            guard let key = entry.key, let values = numbers[key] else { continue }
            let sorted = Array(Set(values)).sorted()
            func pad(_ n: Int) -> String {
                let s = String(n)
                return key.width > s.count ? String(repeating: "0", count: key.width - s.count) + s : s
            }
            if sorted.count == 1 {
                parts.append(key.prefix + pad(sorted[0]) + key.suffix)
                continue
            }
            var ranges: [String] = []
            var i = 0
            while i < sorted.count {
                var j = i
                while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
                ranges.append(i == j ? pad(sorted[i]) : pad(sorted[i]) + "-" + pad(sorted[j]))
                i = j + 1
            }
            parts.append(key.prefix + "[" + ranges.joined(separator: ",") + "]" + key.suffix)
        }
        return parts.joined(separator: ",")
    }
}
