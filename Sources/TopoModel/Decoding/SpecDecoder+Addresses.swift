import TopoDiagnostics
import TopoYAML

extension SpecDecoder {
    /// `address:` of a `nodes:` entry: one management address per node, in the entry's node
    /// order. IPv4 addresses may use hostlist ranges (`10.0.1.[11-28]` for 18 nodes); an IPv6
    /// literal names one node. Every address is checked as a literal, so what `emit imex` writes
    /// is always an address.
    mutating func decodeAddresses(_ node: YAMLNode, nodeCount: Int) -> [String]? {
        guard let text = context.string(node, "`address`") else { return nil }
        if text.contains(":") {
            guard IPAddress.isIPv6(text) else {
                context.sink.error(
                    .wrongType, "`address` `\(text)` is not an IPv6 address", at: node.location,
                    help: "write an IPv4 address (ranges allowed: `10.0.1.[11-28]`) or one IPv6 address")
                return nil
            }
            guard nodeCount == 1 else {
                context.sink.error(
                    .blockMismatch, "`address` names one IPv6 address for \(nodeCount) nodes", at: node.location,
                    help: "give each node its own entry, or use IPv4 ranges")
                return nil
            }
            return [text]
        }
        guard let expanded = context.hostlist(text: text, of: node, "`address`") else { return nil }
        if let bad = expanded.first(where: { !IPAddress.isIPv4($0) }) {
            context.sink.error(
                .wrongType, "`address` `\(bad)` is not an IPv4 address", at: node.location,
                help: "four numbers 0-255 separated by dots, e.g. `10.0.1.11` or `10.0.1.[11-28]`")
            return nil
        }
        guard expanded.count == nodeCount else {
            context.sink.error(
                .blockMismatch,
                "`address` expands to \(expanded.count) address\(expanded.count == 1 ? "" : "es") for \(nodeCount) node\(nodeCount == 1 ? "" : "s")",
                at: node.location, help: "one address per node, in the order of the entry's names")
            return nil
        }
        guard Set(expanded).count == expanded.count else {
            context.sink.error(.duplicateName, "`address` gives two nodes the same address", at: node.location)
            return nil
        }
        return expanded
    }
}
