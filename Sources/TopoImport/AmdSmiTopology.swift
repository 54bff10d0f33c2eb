import TopoDiagnostics

/// What `amd-smi topology` (text output, AMD SMI ≥ 24.x) says that a spec can use. Each table is a
/// `NAME TABLE:` line, a header row of the GPUs' PCI bus ids and one row per GPU:
///
/// - `LINK TYPE TABLE` (required): `SELF`, `XGMI`, `PCIE`, `N/A` / `UNKNOWN` where the link cannot be read;
/// - `WEIGHT TABLE`: the KFD io-link weight, 15 per physical xGMI hop and 20 per PCIe segment
///   (AMD SMI CLI docs, "Interpreting hops and weight", ROCm/rocm-systems#7372); `0` off the
///   diagonal where the driver does not report it;
/// - `HOPS TABLE`: 1 for any pair reachable over xGMI (direct or not, ROCm/rocm-systems#5763),
///   2 PCIe within one CPU NUMA node, 3 PCIe across NUMA nodes;
/// - `ACCESS TABLE`: `ENABLED` / `DISABLED`, whether the pair can do peer-to-peer (`amdsmi_is_P2P_accessible`).
///
/// The other tables (NUMA BW, coherency, atomics, DMA, bi-directional) are read past.
struct AmdSmiTopology: Sendable {
    /// The GPUs' labels in table order (PCI bus ids, `0000:0d:00.0`).
    var labels: [String]
    /// `linkType[a][b]`: the cell's word, upper-cased.
    var linkType: [[String]]
    var weight: [[Int?]]?
    var hops: [[Int?]]?
    var access: [[String]]?
    var linkTableLocation: SourceLocation
    var accessTableLocation: SourceLocation?

    var gpuCount: Int { labels.count }

    /// Parses `text`, or says at which line it is not an `amd-smi topology` output.
    static func parse(_ text: InputText) -> Result<AmdSmiTopology, ImportFailure> {
        var tables: [String: (rows: [[String]], location: SourceLocation)] = [:]
        var labels: [String]?
        let lines = text.lines
        var index = 0
        while index < lines.count {
            let trimmed = lines[index].trimmingWhitespace()
            guard trimmed.hasSuffix(" TABLE:"), tables.count < 64 else {
                index += 1
                continue
            }
            let name = String(trimmed.dropLast(" TABLE:".count)).uppercased()
            let location = text.location(line: index + 1)
            // The header row: the first non-blank line after the title.
            var next = index + 1
            while next < lines.count, lines[next].trimmingWhitespace().isEmpty { next += 1 }
            guard next < lines.count else { break }
            let header = words(lines[next])
            guard !header.isEmpty, header.count <= 1024 else {
                return .failure(
                    malformed("the \(name) table's header row names no GPU", at: text.location(line: next + 1)))
            }
            if let labels, labels != header {
                return .failure(
                    malformed(
                        "the \(name) table's columns (\(header.joined(separator: " "))) differ from the first table's",
                        at: text.location(line: next + 1)))
            }
            labels = header
            var rows: [[String]] = []
            next += 1
            while next < lines.count, rows.count < header.count {
                let cells = words(lines[next])
                guard cells.first == header[rows.count] else { break }
                guard cells.count == header.count + 1 else {
                    return .failure(
                        malformed(
                            "row \(header[rows.count]) of the \(name) table has \(cells.count - 1) cells for \(header.count) columns",
                            at: text.location(line: next + 1)))
                }
                rows.append(cells.dropFirst().map { $0.uppercased() })
                next += 1
            }
            guard rows.count == header.count else {
                return .failure(
                    malformed(
                        "the \(name) table has \(header.count) columns but \(rows.count) rows (one per GPU, in the columns' order)",
                        at: text.location(line: next + 1 > lines.count ? lines.count : next + 1)))
            }
            if tables[name] == nil { tables[name] = (rows, location) }
            index = next
        }
        guard let link = tables["LINK TYPE"], let labels else {
            return .failure(
                ImportFailure([
                    ImportCodes.notTopologyMatrix.diagnostic(
                        "the text holds no `LINK TYPE TABLE:`; expected the output of `amd-smi topology`",
                        at: text.location(line: 1), help: "run `amd-smi topology` on the node and import its output")
                ]))
        }
        let n = labels.count
        for a in 0..<n {
            for b in 0..<n {
                let cell = link.rows[a][b]
                if (a == b) != (cell == "SELF") || cell != link.rows[b][a] {
                    return .failure(
                        malformed(
                            "link type GPU \(labels[a]) → \(labels[b]) is `\(cell)`, but the table must be symmetric with `SELF` only on the diagonal",
                            at: text.location(line: link.location.line + 2 + a)))
                }
            }
        }
        let numbers = { (name: String) -> [[Int?]]? in
            tables[name].map { $0.rows.map { $0.map { Int($0).flatMap { $0 >= 0 && $0 < 1_000_000 ? $0 : nil } } } }
        }
        return .success(
            AmdSmiTopology(
                labels: labels, linkType: link.rows, weight: numbers("WEIGHT"), hops: numbers("HOPS"),
                access: tables["ACCESS"]?.rows, linkTableLocation: link.location,
                accessTableLocation: tables["ACCESS"]?.location))
    }

    private static func words(_ line: String) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    private static func malformed(_ message: String, at location: SourceLocation) -> ImportFailure {
        ImportFailure([ImportCodes.malformedMatrix.diagnostic(message, at: location)])
    }
}
