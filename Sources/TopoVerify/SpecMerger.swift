import FoundationEssentials
import TopoModel

/// Joins the specs the importers wrote for each learned node type into one spec: their
/// `hardware:` entries (an entry of the same name but different text is renamed for its type),
/// their `node_types:`, one `nodes:` entry per node type and per outlier group, and their
/// `networks:` (the first of a name wins).
enum SpecMerger {
    private struct Parsed {
        var header: [String] = []
        /// `hardware:` subsections (`gpus`, `nics`, …), each a list of named blocks.
        var hardware: [(kind: String, blocks: [(name: String, lines: [String])])] = []
        var nodeTypes: [String] = []
        var networks: [(name: String, lines: [String])] = []
    }

    static func merge(
        _ specs: [(name: String, text: String)],
        nodes: [(members: [String], outliers: [(nodes: [String], messages: [String])])]
    ) -> (text: String, outlierLines: [[Int]]) {
        var hardware: [(kind: String, blocks: [(name: String, lines: [String])])] = []
        var typeLines: [String] = []
        var networks: [(name: String, lines: [String])] = []
        for (name, text) in specs {
            var parsed = parse(text)
            for (kind, blocks) in parsed.hardware {
                var k = hardware.firstIndex { $0.kind == kind }
                if k == nil {
                    hardware.append((kind, []))
                    k = hardware.count - 1
                }
                guard let k else { continue }
                for var block in blocks {
                    if let existing = hardware[k].blocks.first(where: { $0.name == block.name }) {
                        if existing.lines == block.lines { continue }
                        let renamed = "\(block.name)-\(name)"
                        block.lines = block.lines.map { $0.replacingFirst("\(block.name):", with: "\(renamed):") }
                        parsed.nodeTypes = parsed.nodeTypes.map { renameSKU($0, from: block.name, to: renamed) }
                        block.name = renamed
                    }
                    hardware[k].blocks.append(block)
                }
            }
            typeLines += parsed.nodeTypes
            for network in parsed.networks where !networks.contains(where: { $0.name == network.name }) {
                networks.append(network)
            }
        }
        var out: [String] = [
            "# Node types learned by `topospec verify --learn`: each is the capture shared by the most nodes",
            "# of its kind, written by the importer; nodes that differ in a few places are listed as",
            "# outliers of their node type with their differences. Check it, then `topospec verify` it.",
            "topospec: 1",
            "cluster: learned",
            "",
        ]
        if !hardware.isEmpty {
            out.append("hardware:")
            for (kind, blocks) in hardware {
                out.append("  \(kind):")
                for block in blocks { out += block.lines }
            }
            out.append("")
        }
        out.append("node_types:")
        out += typeLines
        out.append("")
        out.append("nodes:")
        var outlierLines: [[Int]] = []
        for (t, entry) in nodes.enumerated() {
            let typeName = specs[t].name
            if !entry.members.isEmpty {
                out.append("  \"\(Hostlist.compress(entry.members))\": {type: \(typeName)}")
            }
            var lines: [Int] = []
            for outlier in entry.outliers {
                out.append("  # Outlier\(outlier.nodes.count == 1 ? "" : "s") of \(typeName):")
                for message in outlier.messages { out.append("  #   \(message)") }
                out.append("  \"\(Hostlist.compress(outlier.nodes))\": {type: \(typeName)}")
                lines.append(out.count)
            }
            outlierLines.append(lines)
        }
        if !networks.isEmpty {
            out.append("")
            out.append("networks:")
            for network in networks { out += network.lines }
        }
        return (out.joined(separator: "\n") + "\n", outlierLines)
    }

    private static func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    private static func parse(_ text: String) -> Parsed {
        var parsed = Parsed()
        var section = ""
        var pending: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty { continue }
            let level = indent(line)
            if level == 0, !trimmed.hasPrefix("#") {
                section = String(line.prefix { $0 != ":" })
                pending = []
                continue
            }
            switch section {
            case "hardware":
                if level == 2, !trimmed.hasPrefix("#") {
                    parsed.hardware.append((String(trimmed.prefix { $0 != ":" }), []))
                } else if level == 4, trimmed.hasPrefix("#") {
                    pending.append(line)
                } else if level == 4, !parsed.hardware.isEmpty {
                    parsed.hardware[parsed.hardware.count - 1].blocks.append(
                        (String(trimmed.prefix { $0 != ":" }), pending + [line]))
                    pending = []
                } else if level > 4, !parsed.hardware.isEmpty,
                    !parsed.hardware[parsed.hardware.count - 1].blocks.isEmpty
                {
                    let h = parsed.hardware.count - 1
                    parsed.hardware[h].blocks[parsed.hardware[h].blocks.count - 1].lines.append(line)
                }
            case "node_types":
                parsed.nodeTypes.append(line)
            case "networks":
                if level == 2, trimmed.hasPrefix("#") {
                    pending.append(line)
                } else if level == 2 {
                    parsed.networks.append((String(trimmed.prefix { $0 != ":" }), pending + [line]))
                    pending = []
                } else if !parsed.networks.isEmpty {
                    parsed.networks[parsed.networks.count - 1].lines.append(line)
                }
            case "":
                parsed.header.append(line)
            default:
                break
            }
        }
        return parsed
    }

    /// `sku: NAME` (followed by `,`, `}`, a space or the end) → `sku: NEW`.
    private static func renameSKU(_ line: String, from name: String, to renamed: String) -> String {
        var out = line
        for end in [",", "}", " ", ""] {
            let target = "sku: \(name)\(end)"
            if end.isEmpty ? out.hasSuffix(target) : out.contains(target) {
                out =
                    end.isEmpty
                    ? String(out.dropLast(target.count)) + "sku: \(renamed)"
                    : out.replacingFirst(target, with: "sku: \(renamed)\(end)")
            }
        }
        return out
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
