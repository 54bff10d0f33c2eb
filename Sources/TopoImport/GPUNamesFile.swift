import TopoDiagnostics

/// The GPU list that goes with a matrix: the output of
/// `nvidia-smi --query-gpu=index,name,pci.bus_id --format=csv` (with or without the header, any
/// column order the header names) or of `nvidia-smi -L` (`GPU 0: NVIDIA H100 80GB HBM3 (UUID: …)`).
struct GPUNamesFile: Sendable {
    /// One GPU line.
    struct Entry: Sendable {
        var index: Int
        var name: String
        /// The bus id in NCCL's form (`0000:18:00.0`), when the line has a valid one.
        var busID: String?
        var location: SourceLocation
    }

    var entries: [Entry]
    var findings: [Diagnostic]

    static func parse(_ text: InputText) throws(Diagnostic) -> GPUNamesFile {
        var entries: [Entry] = []
        var findings: [Diagnostic] = []
        var columns: (index: Int?, name: Int?, bus: Int?)?
        for (i, line) in text.lines.enumerated() {
            let trimmed = line.trimmingWhitespace()
            guard !trimmed.isEmpty else { continue }
            let location = text.location(line: i + 1, column: 1)
            // nvidia-smi -L: "GPU 0: NAME (UUID: GPU-…)"; MIG lines below it are indented.
            if trimmed.hasPrefix("GPU "), let colon = trimmed.firstIndex(of: ":"),
                let index = Int(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 4)..<colon].trimmingWhitespace())
            {
                var name = String(trimmed[trimmed.index(after: colon)...])
                if let uuid = name.firstRange(of: "(UUID:") { name = String(name[..<uuid.lowerBound]) }
                entries.append(Entry(index: index, name: name.trimmingWhitespace(), busID: nil, location: location))
                continue
            }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0).trimmingWhitespace()
            }
            let lowered = fields.map { $0.lowercased() }
            if lowered.contains("name") {
                columns = (
                    lowered.firstIndex(of: "index"), lowered.firstIndex(of: "name"),
                    lowered.firstIndex { $0.hasPrefix("pci.bus_id") || $0 == "bus_id" || $0 == "pci.bus_id" }
                )
                continue
            }
            guard fields.count >= 2 else { continue }
            var index: Int?
            var name: String?
            var bus: String?
            if let columns {
                index = columns.index.flatMap { $0 < fields.count ? Int(fields[$0]) : nil }
                name = columns.name.flatMap { $0 < fields.count ? fields[$0] : nil }
                bus = columns.bus.flatMap { $0 < fields.count ? fields[$0] : nil }
            } else {
                // No header: an integer is the index, a bus id the bus id, the rest the name.
                for field in fields {
                    if index == nil, let value = Int(field) {
                        index = value
                    } else if bus == nil, normalizedBusID(field) != nil || field.filter({ $0 == ":" }).count == 2 {
                        bus = field
                    } else if name == nil, !field.isEmpty {
                        name = field
                    }
                }
            }
            guard let name, !name.isEmpty, name.containsLetter else { continue }
            let position = index ?? entries.count
            var busID: String?
            if let bus, !bus.isEmpty {
                busID = normalizedBusID(bus)
                if busID == nil {
                    findings.append(
                        ImportCodes.gpuNamesMismatch.diagnostic(
                            "`\(bus)` is not a PCI bus id (dddd:bb:dd.f); GPU \(position)'s bus id is left out",
                            at: location))
                }
            }
            entries.append(Entry(index: position, name: name, busID: busID, location: location))
        }
        guard !entries.isEmpty else {
            throw
                (ImportCodes.malformedGPUNames.diagnostic(
                    "no GPU found in the names file: expected `nvidia-smi --query-gpu=index,name,pci.bus_id --format=csv` or `nvidia-smi -L` output",
                    at: text.location(line: 1)))
        }
        return (GPUNamesFile(entries: entries, findings: findings))
    }

    /// A PCI bus id in NCCL's form: lowercase, 4-digit domain when the upper digits are zero
    /// (nvidia-smi prints `00000000:18:00.0`). Nil when `text` is not a bus id.
    static func normalizedBusID(_ text: String) -> String? {
        let lowered = text.lowercased()
        let parts = lowered.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var domain = Substring(parts[0])
        let hex: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isHexDigit } }
        guard hex(domain), hex(parts[1]), parts[1].count == 2 else { return nil }
        if domain.count == 8, domain.hasPrefix("0000") { domain = domain.dropFirst(4) }
        guard domain.count == 4 || domain.count == 8 else { return nil }
        let df = parts[2].split(separator: ".", omittingEmptySubsequences: false)
        guard df.count == 2, df[0].count == 2, hex(df[0]), df[1].count == 1, let function = Int(df[1]), function < 8
        else { return nil }
        return "\(domain):\(parts[1]):\(parts[2])"
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...end])
    }

    /// True when the text has at least one letter.
    var containsLetter: Bool { contains { $0.isLetter } }
}
