/// The grammars of the platform's free strings, checked when a spec is decoded: both end up in
/// generated files (`NCCL_SOCKET_IFNAME=` in `env.sh` and `env/NODE.env`; the driver in reports and
/// diffs), so each must be what its consumer reads and nothing more.
extension Platform {
    package static let socketInterfaceGrammar =
        "NCCL_SOCKET_IFNAME takes an optional `^` (exclude) and `=` (exact match), then interface names of 1-15 characters from letters, digits, `.`, `_`, `-`, `:` and `@`, separated by commas"

    /// NCCL_SOCKET_IFNAME (NCCL `src/misc/socket.cc`, `ncclFindInterfaces` / `matchIfList`): a
    /// prefix list, `^` to exclude, `=` for exact names. Linux interface names are at most 15 bytes
    /// (IFNAMSIZ 16 with its NUL, `include/uapi/linux/if.h`) and never `.` or `..`.
    package static func isValidSocketInterface(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.hasPrefix("^") { rest = rest.dropFirst() }
        if rest.hasPrefix("=") { rest = rest.dropFirst() }
        let names = rest.split(separator: ",", omittingEmptySubsequences: false)
        guard !names.isEmpty, names.count <= 64 else { return false }
        for name in names {
            guard (1...15).contains(name.utf8.count), name != ".", name != "..", !name.hasPrefix("-") else {
                return false
            }
            for b in name.utf8 {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"),
                    UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "@"):
                    continue
                default: return false
                }
            }
        }
        return true
    }

    package static let driverGrammar = "a driver version is numbers separated by dots, such as \"550.54.15\""

    /// A driver version as nvidia-smi and `modinfo` print it: `550.54.15`, `535.104.05`, `6.7.0`.
    package static func isValidDriver(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...5).contains(parts.count) else { return false }
        return parts.allSatisfy { part in
            (1...9).contains(part.utf8.count)
                && part.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
    }
}
