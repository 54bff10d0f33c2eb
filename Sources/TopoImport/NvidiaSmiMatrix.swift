import TopoDiagnostics

/// The parsed text of `nvidia-smi topo -m` (or `-mp`): devices in index order (GPUs, then NICs in
/// column order), the matrix of cells, the affinity columns of GPU rows and the NIC legend.
struct NvidiaSmiMatrix: Sendable {
    /// One row/column of the matrix.
    struct Device: Sendable {
        /// The label as printed: `GPU3`, `NIC0`, `mlx5_2`.
        var label: String
        var isGPU: Bool
        /// Where the label is in the header row.
        var headerLocation: SourceLocation
        /// Where the device's row starts.
        var rowLocation: SourceLocation
    }

    var devices: [Device]
    var gpuCount: Int
    var nicCount: Int { devices.count - gpuCount }
    /// `cells[a][b]`, in device order.
    var cells: [[MatrixCell]]
    /// Where each cell is.
    var cellLocations: [[SourceLocation]]
    var headerLocation: SourceLocation
    /// Columns after the devices, as named in the header.
    var hasCPUAffinity = false
    var hasNUMAAffinity = false
    var hasGPUNUMAID = false
    /// Per GPU: the CPU affinity, NUMA affinity and GPU NUMA id cells (nil when blank or N/A).
    var cpuAffinity: [String?] = []
    var numaAffinity: [String?] = []
    var gpuNUMAID: [String?] = []
    /// Per device (GPUs, then NICs): the `Socket` column of `topospec matrix` output.
    var socketColumn: [String?] = []
    /// Per NIC: the RDMA device from the NIC legend (or the column label when it is one), and the
    /// legend line.
    var nicDevices: [String?] = []
    var nicDeviceLocations: [SourceLocation?] = []
    /// True when the NIC columns are raw device names (older drivers), not `NIC#`.
    var rawNICColumns = false
    /// Whether the text shows NVLink: true for `topo -m` (NV# cells or the NV# legend line),
    /// false for `topo -mp` (complete legend without NV#), nil when it cannot tell.
    var showsNVLink: Bool?
    /// A leading line that is not part of the output (a shell prompt), if any.
    var promptLine: String?

    /// The cell between devices `a` and `b`.
    func cell(_ a: Int, _ b: Int) -> MatrixCell { cells[a][b] }
}

extension NvidiaSmiMatrix {
    /// Most devices (GPUs and NICs) a matrix may have; the matrix is quadratic in them.
    static let maximumDevices = 1024

    /// Words of the header that follow the device columns.
    /// `Socket` is the column `topospec matrix` prints instead, so its output imports too.
    private static let trailerColumns: [[String]] = [
        ["CPU", "Affinity"], ["NUMA", "Affinity"], ["GPU", "NUMA", "ID"], ["Socket"],
    ]

    /// True for a word that can label a device column: `GPU3`, `NIC0`, or an RDMA device name such
    /// as `mlx5_0`, `mlx5_bond_0`, `ib0` (starts with a letter, ends with a digit).
    static func isDeviceLabel(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, let last = word.unicodeScalars.last,
            first.properties.isAlphabetic, first.isASCII, ("0"..."9").contains(last), word.count <= 64
        else { return false }
        return word.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.-:".unicodeScalars.contains($0))
        }
    }

    static func gpuNumber(_ label: String) -> Int? {
        guard label.hasPrefix("GPU"), label.count > 3, label.count <= 8 else { return nil }
        let digits = label.dropFirst(3)
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }

    /// Parses the matrix out of `text`, or returns the errors that make it unusable.
    static func parse(_ text: InputText) throws(ImportFailure) -> NvidiaSmiMatrix {
        let lines = text.lines
        // The header: the first line whose first word is GPU0 and whose second is not a cell.
        var headerIndex: Int?
        for (i, line) in lines.enumerated() {
            let words = Word.split(line)
            guard let first = words.first, first.text == "GPU0" else { continue }
            if words.count > 1, MatrixCell(words[1].text) != nil {
                throw
                    (ImportFailure([
                        ImportCodes.notTopologyMatrix.diagnostic(
                            "the matrix has no header row: line \(i + 1) is the row of GPU0, but no line above names the columns",
                            at: text.location(line: i + 1, column: first.column, length: 4),
                            help:
                                "paste the whole output of `nvidia-smi topo -m`, from the line `GPU0 GPU1 … CPU Affinity` on"
                        )
                    ]))
            }
            headerIndex = i
            break
        }
        guard let headerIndex else { throw (ImportFailure([notAMatrix(text)])) }
        let headerLine = headerIndex + 1
        let headerWords = Word.split(lines[headerIndex])
        var labels: [Word] = []
        var rest = headerWords[...]
        while let word = rest.first, isDeviceLabel(word.text) {
            labels.append(word)
            rest = rest.dropFirst()
        }
        var errors: [Diagnostic] = []
        if labels.count > maximumDevices {
            throw
                (ImportFailure([
                    ImportCodes.malformedMatrix.diagnostic(
                        "the header names \(labels.count) devices; a node has at most \(maximumDevices) GPUs and NICs",
                        at: text.location(line: headerLine, column: labels[maximumDevices].column))
                ]))
        }
        var trailers: [String] = []
        while let word = rest.first {
            if let columns = trailerColumns.first(where: {
                rest.count >= $0.count && zip(rest, $0).allSatisfy { $0.text == $1 }
            }) {
                trailers.append(columns.joined(separator: " "))
                rest = rest.dropFirst(columns.count)
            } else {
                errors.append(
                    ImportCodes.malformedMatrix.diagnostic(
                        "the header row has `\(word.text)` where a device (GPU0, NIC0, mlx5_0 …) or an affinity column was expected",
                        at: text.location(line: headerLine, column: word.column, length: word.text.count)))
                break
            }
        }
        // GPU columns first, numbered 0..<n; then NIC columns.
        var gpuLabels: [Word] = []
        var nicLabels: [Word] = []
        var seen: [String: Int] = [:]
        for word in labels {
            if let previous = seen[word.text] {
                errors.append(
                    ImportCodes.malformedMatrix.diagnostic(
                        "the header names `\(word.text)` twice",
                        at: text.location(line: headerLine, column: word.column, length: word.text.count),
                        notes: [.init("first here", at: text.location(line: headerLine, column: previous))]))
                continue
            }
            seen[word.text] = word.column
            if let number = gpuNumber(word.text) {
                if !nicLabels.isEmpty || number != gpuLabels.count {
                    errors.append(
                        ImportCodes.malformedMatrix.diagnostic(
                            "GPU columns must come first and be numbered in order; found `\(word.text)` where `GPU\(gpuLabels.count)` was expected",
                            at: text.location(line: headerLine, column: word.column, length: word.text.count)))
                }
                gpuLabels.append(word)
            } else {
                nicLabels.append(word)
            }
        }
        guard errors.isEmpty else { throw (ImportFailure(errors)) }
        let allLabels = gpuLabels + nicLabels
        let count = allLabels.count
        let index = Dictionary(allLabels.enumerated().map { ($1.text, $0) }, uniquingKeysWith: { a, _ in a })
        // Rows: consecutive lines after the header whose first word is a device label.
        var rows: [[Word]?] = Array(repeating: nil, count: count)
        var rowLines = Array(repeating: 0, count: count)
        var lineIndex = headerIndex + 1
        var lastRowLine = headerLine
        while lineIndex < lines.count {
            let words = Word.split(lines[lineIndex])
            guard let first = words.first, isDeviceLabel(first.text) else { break }
            let lineNumber = lineIndex + 1
            guard let d = index[first.text] else {
                errors.append(
                    ImportCodes.malformedMatrix.diagnostic(
                        "row `\(first.text)` has no column in the header (line \(headerLine))",
                        at: text.location(line: lineNumber, column: first.column, length: first.text.count)))
                lineIndex += 1
                continue
            }
            if rows[d] != nil {
                errors.append(
                    ImportCodes.malformedMatrix.diagnostic(
                        "`\(first.text)` has two rows",
                        at: text.location(line: lineNumber, column: first.column, length: first.text.count),
                        notes: [.init("first row", at: text.location(line: rowLines[d]))]))
            } else {
                rows[d] = Array(words.dropFirst())
                rowLines[d] = lineNumber
            }
            lastRowLine = lineNumber
            lineIndex += 1
        }
        for d in 0..<count where rows[d] == nil {
            let label = allLabels[d]
            errors.append(
                ImportCodes.malformedMatrix.diagnostic(
                    "the matrix has a column for `\(label.text)` but no row for it (rows end at line \(lastRowLine))",
                    at: text.location(line: headerLine, column: label.column, length: label.text.count),
                    help: "a row was lost in the copy; paste the complete `nvidia-smi topo -m` output"))
        }
        guard errors.isEmpty else { throw (ImportFailure(errors)) }
        // Cells.
        var cells = Array(repeating: Array(repeating: MatrixCell.this, count: count), count: count)
        var cellLocations = Array(
            repeating: Array(repeating: text.location(line: headerLine), count: count), count: count)
        var cpu: [String?] = Array(repeating: nil, count: gpuLabels.count)
        var numa: [String?] = Array(repeating: nil, count: gpuLabels.count)
        var gpuNUMA: [String?] = Array(repeating: nil, count: gpuLabels.count)
        var sockets: [String?] = Array(repeating: nil, count: count)
        for d in 0..<count {
            let words = rows[d] ?? []
            let line = rowLines[d]
            let label = allLabels[d].text
            let endColumn = (words.last.map { $0.column + $0.text.count }) ?? (allLabels[d].column + label.count)
            var rowOK = true
            for c in 0..<count {
                guard c < words.count, let cell = MatrixCell(words[c].text) else {
                    if c < words.count, !looksLikeAffinity(words[c].text) {
                        errors.append(
                            ImportCodes.malformedMatrix.diagnostic(
                                "row `\(label)`, column `\(allLabels[c].text)`: `\(words[c].text)` is not a path class (X, NV#, PIX, PXB, PHB, NODE, SYS)",
                                at: text.location(line: line, column: words[c].column, length: words[c].text.count)))
                    } else {
                        errors.append(
                            ImportCodes.malformedMatrix.diagnostic(
                                "row `\(label)` has \(Format.count(c, "cell")); the header (line \(headerLine)) has \(count) device columns",
                                at: text.location(line: line, column: c < words.count ? words[c].column : endColumn),
                                help: "the table is ragged: a cell is missing or the row was cut"))
                    }
                    rowOK = false
                    break
                }
                cells[d][c] = cell
                cellLocations[d][c] = text.location(line: line, column: words[c].column, length: words[c].text.count)
                if (cell == .this) != (c == d) {
                    errors.append(
                        ImportCodes.malformedMatrix.diagnostic(
                            c == d
                                ? "row `\(label)` has `\(cell)` on the diagonal, where `X` belongs"
                                : "row `\(label)` has `X` in column `\(allLabels[c].text)`; `X` marks the device itself",
                            at: cellLocations[d][c]))
                    rowOK = false
                }
            }
            guard rowOK else { continue }
            var extra = Array(words.dropFirst(count))
            let isGPU = d < gpuLabels.count
            if trailers.last == "Socket", let last = extra.last, extra.count == (isGPU ? trailers.count : 1) {
                sockets[d] = last.text == "?" ? nil : last.text
                extra.removeLast()
            }
            if !isGPU, let first = extra.first {
                errors.append(
                    ImportCodes.malformedMatrix.diagnostic(
                        "row `\(label)` has \(count + extra.count) cells; the header (line \(headerLine)) has \(count) device columns",
                        at: text.location(line: line, column: first.column, length: first.text.count),
                        help: "the table is ragged: NIC rows end after the device columns"))
                continue
            }
            if isGPU {
                let columns = trailers.filter { $0 != "Socket" }
                if extra.count > columns.count {
                    let first = extra[columns.count]
                    errors.append(
                        ImportCodes.malformedMatrix.diagnostic(
                            "row `\(label)` has \(count + extra.count) cells; the header (line \(headerLine)) has \(count) device columns and \(columns.count) affinity column\(columns.count == 1 ? "" : "s")",
                            at: text.location(line: line, column: first.column, length: first.text.count),
                            help: "the table is ragged: a cell too many, or two rows joined"))
                    continue
                }
                assignAffinity(extra.map(\.text), trailers: columns, gpu: d, cpu: &cpu, numa: &numa, gpuNUMA: &gpuNUMA)
            }
        }
        guard errors.isEmpty else { throw (ImportFailure(errors)) }
        // Symmetry.
        for a in 0..<count {
            for b in (a + 1)..<max(a + 1, count) where cells[a][b] != cells[b][a] {
                errors.append(
                    ImportCodes.malformedMatrix.diagnostic(
                        "`\(allLabels[b].text)` → `\(allLabels[a].text)` is `\(cells[b][a])`, but `\(allLabels[a].text)` → `\(allLabels[b].text)` is `\(cells[a][b])`; nvidia-smi prints a symmetric matrix",
                        at: cellLocations[b][a], notes: [.init("the other cell", at: cellLocations[a][b])]))
            }
        }
        guard errors.isEmpty else { throw (ImportFailure(errors)) }

        var devices: [Device] = []
        for (d, word) in allLabels.enumerated() {
            devices.append(
                Device(
                    label: word.text, isGPU: d < gpuLabels.count,
                    headerLocation: text.location(line: headerLine, column: word.column, length: word.text.count),
                    rowLocation: text.location(line: rowLines[d], column: 1)))
        }
        var matrix = NvidiaSmiMatrix(
            devices: devices, gpuCount: gpuLabels.count, cells: cells, cellLocations: cellLocations,
            headerLocation: text.location(line: headerLine, column: headerWords.first?.column ?? 1))
        matrix.hasCPUAffinity = trailers.contains("CPU Affinity")
        matrix.hasNUMAAffinity = trailers.contains("NUMA Affinity")
        matrix.hasGPUNUMAID = trailers.contains("GPU NUMA ID")
        matrix.cpuAffinity = cpu
        matrix.numaAffinity = numa
        matrix.gpuNUMAID = gpuNUMA
        matrix.socketColumn = sockets
        // NIC devices: the legend (`NIC0: mlx5_0`), or the column label itself.
        let nicCount = nicLabels.count
        matrix.rawNICColumns = nicLabels.contains { !$0.text.hasPrefix("NIC") || Int($0.text.dropFirst(3)) == nil }
        matrix.nicDevices = nicLabels.map { word in
            word.text.hasPrefix("NIC") && Int(word.text.dropFirst(3)) != nil ? nil : word.text
        }
        matrix.nicDeviceLocations = nicLabels.map { word in
            matrix.rawNICColumns ? text.location(line: headerLine, column: word.column, length: word.text.count) : nil
        }
        var sawNVLegend = false
        var sawPIXLegend = false
        for i in (lastRowLine)..<lines.count {
            let words = Word.split(lines[i])
            guard let first = words.first else { continue }
            if first.text == "NV#" { sawNVLegend = true }
            if first.text == "PIX", words.count > 1, words[1].text == "=" { sawPIXLegend = true }
            if first.text.hasSuffix(":"), words.count >= 2 {
                let label = String(first.text.dropLast())
                if let position = nicLabels.firstIndex(where: { $0.text == label }), nicCount > position {
                    matrix.nicDevices[position] = words[1].text
                    matrix.nicDeviceLocations[position] = text.location(
                        line: i + 1, column: words[1].column, length: words[1].text.count)
                }
            }
        }
        let nvCells = cells.contains { $0.contains { $0.nvlinkCount != nil } }
        matrix.showsNVLink = nvCells || sawNVLegend ? true : (sawPIXLegend ? false : nil)
        if headerIndex > 0, let prompt = lines[..<headerIndex].last(where: { !$0.allSatisfy(\.isWhitespace) }) {
            matrix.promptLine = prompt
        }
        return (matrix)
    }

    /// Affinity cells: CPU affinity first (a cpu list or N/A); then NUMA affinity and GPU NUMA id.
    /// nvidia-smi leaves NUMA affinity blank on some machines, which whitespace splitting cannot
    /// see: with one word for two columns, `N/A` is the GPU NUMA id, anything else the NUMA node.
    private static func assignAffinity(
        _ values: [String], trailers: [String], gpu: Int,
        cpu: inout [String?], numa: inout [String?], gpuNUMA: inout [String?]
    ) {
        func value(_ text: String) -> String? { text == "N/A" || text.isEmpty ? nil : text }
        var remaining = values[...]
        var columns = trailers[...]
        while let column = columns.first, let word = remaining.first {
            if column == "NUMA Affinity", columns.count > remaining.count, columns.dropFirst().first == "GPU NUMA ID" {
                // One word for both columns.
                if word == "N/A" {
                    gpuNUMA[gpu] = nil
                } else {
                    numa[gpu] = value(word)
                }
                return
            }
            switch column {
            case "CPU Affinity": cpu[gpu] = value(word)
            case "NUMA Affinity": numa[gpu] = value(word)
            case "GPU NUMA ID": gpuNUMA[gpu] = value(word)
            default: break
            }
            columns = columns.dropFirst()
            remaining = remaining.dropFirst()
        }
    }

    /// True for words that look like an affinity cell (`0-47,96-143`, `3`, `N/A`) rather than a
    /// mistyped path class.
    private static func looksLikeAffinity(_ word: String) -> Bool {
        word == "N/A" || word.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == ",") }
    }

    /// The error for text without a matrix, saying what it looks like when it can tell.
    private static func notAMatrix(_ text: InputText) -> Diagnostic {
        let firstLine = (text.lines.firstIndex { !$0.allSatisfy(\.isWhitespace) } ?? 0) + 1
        let content = text.lines.joined(separator: "\n")
        var guess = ""
        var help = "run `nvidia-smi topo -m` on the node and import its output"
        if content.contains("<system") || content.contains("<?xml") {
            guess = " (this looks like an NCCL topology XML file)"
            help = "import it with `topospec import nccl-xml`"
        } else if content.contains("NVIDIA-SMI") || content.contains("Processes:") {
            guess = " (this looks like the output of plain `nvidia-smi`)"
        } else if content.contains("(UUID: GPU-") || content.lowercased().contains("index, name") {
            guess = " (this looks like a GPU list: pass it with --gpu-names)"
        } else if content.contains("PCI bridge:") || content.contains("3D controller:")
            || content.contains("VGA compatible controller")
        {
            guess = " (this looks like `lspci` output)"
        }
        return ImportCodes.notTopologyMatrix.diagnostic(
            "no `nvidia-smi topo -m` matrix found\(guess): no line starts with the header `GPU0 …`",
            at: text.location(line: firstLine), help: help)
    }
}
