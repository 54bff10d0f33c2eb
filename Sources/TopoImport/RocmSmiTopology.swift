import TopoDiagnostics

/// What `rocm-smi --showtopo` says that a spec can use: the "Link Type between two GPUs" table
/// (`XGMI`, `PCIE`, `XXXX` where the link cannot be read; required) and the "Numa Nodes" lines
/// (`GPU[0] : (Topology) Numa Node: 0`). The weight and hop tables are read past: AMD documents
/// that hops are 1 for any xGMI-reachable pair, direct or not (ROCm/rocm-systems#5763).
struct RocmSmiTopology: Sendable {
    var gpuCount: Int
    /// `linkType[a][b]`: the cell's word, upper-cased (`XGMI`, `PCIE`, `XXXX`, `0` on the diagonal).
    var linkType: [[String]]
    var numaNode: [Int?]
    var linkTableLocation: SourceLocation

    /// Parses `text`, or says at which line it is not a `--showtopo` output.
    static func parse(_ text: InputText) -> Result<RocmSmiTopology, ImportFailure> {
        var tables: [String: (rows: [[String]], location: SourceLocation, labels: [String])] = [:]
        var numa: [Int: Int] = [:]
        var section = ""
        var lineIndex = 0
        let lines = text.lines
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("===") {
                section = trimmed.filter { $0 != "=" }.trimmingWhitespace()
                lineIndex += 1
                continue
            }
            if section.hasSuffix("between two GPUs"), trimmed.hasPrefix("GPU0"), tables[section] == nil {
                let labels = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                var rows: [[String]] = []
                var next = lineIndex + 1
                while next < lines.count, rows.count < labels.count {
                    let words = lines[next].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                    guard words.first == "GPU\(rows.count)", words.count == labels.count + 1 else { break }
                    rows.append(Array(words.dropFirst()).map { $0.uppercased() })
                    next += 1
                }
                tables[section] = (rows, text.location(line: lineIndex + 1), labels)
                lineIndex = next
                continue
            }
            if section == "Numa Nodes", trimmed.contains("(Topology) Numa Node:") {
                // `GPU[0]		: (Topology) Numa Node: 0` (older ROCm: `GPU 0 : …`).
                let head = trimmed.prefix { $0 != ":" }.filter(\.isNumber)
                if let gpu = Int(head),
                    let node = trimmed.split(separator: ":").last.flatMap({ Int($0.trimmingWhitespace()) }),
                    gpu >= 0, gpu < 4096
                {
                    numa[gpu] = node
                }
            }
            lineIndex += 1
        }
        guard let link = tables["Link Type between two GPUs"] else {
            return .failure(
                ImportFailure([
                    ImportCodes.notTopologyMatrix.diagnostic(
                        "the text holds no \"Link Type between two GPUs\" table; expected the output of `rocm-smi --showtopo`",
                        at: text.location(line: 1), help: "run `rocm-smi --showtopo` on the node and import its output")
                ]))
        }
        let n = link.labels.count
        guard n > 0, n <= 1024, link.rows.count == n else {
            return .failure(
                ImportFailure([
                    ImportCodes.malformedMatrix.diagnostic(
                        "the link-type table has \(link.labels.count) columns but \(link.rows.count) complete rows (GPU0 … GPU\(max(0, n - 1)) in order)",
                        at: link.location)
                ]))
        }
        for a in 0..<n {
            for b in 0..<n where (a == b) != (link.rows[a][b] == "0") || link.rows[a][b] != link.rows[b][a] {
                return .failure(
                    ImportFailure([
                        ImportCodes.malformedMatrix.diagnostic(
                            "cell GPU\(a) → GPU\(b) is `\(link.rows[a][b])`, but the table must be symmetric with `0` only on the diagonal",
                            at: text.location(line: link.location.line + 1 + a))
                    ]))
            }
        }
        return .success(
            RocmSmiTopology(
                gpuCount: n, linkType: link.rows, numaNode: (0..<n).map { numa[$0] },
                linkTableLocation: link.location))
    }
}
