/// A minimal reader of `nvidia-smi topo -m` text for the tests, independent of the importer's
/// parser: the device labels of the header row and, per row label, its device cells.
struct MatrixText {
    var labels: [String]
    var rows: [String: [String]]

    init(_ text: String) {
        labels = []
        rows = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        var headerIndex: Int?
        for (i, line) in lines.enumerated() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if words.first == "GPU0", words.count > 1, !["X", "PIX", "PXB", "PHB", "NODE", "SYS"].contains(words[1]),
                !words[1].hasPrefix("NV")
            {
                labels = words.prefix { $0 != "CPU" && $0 != "NUMA" && $0 != "Socket" && $0 != "GPU" }.map { $0 }
                headerIndex = i
                break
            }
        }
        guard let headerIndex else { return }
        for line in lines[(headerIndex + 1)...] {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let label = words.first, labels.contains(label), words.count > labels.count else { break }
            rows[label] = Array(words[1...labels.count])
        }
    }

    /// NIC labels as `topospec matrix` prints them: `NIC0…`, in column order.
    var canonicalLabels: [String] {
        var nic = 0
        return labels.map { label in
            if label.hasPrefix("GPU") { return label }
            defer { nic += 1 }
            return "NIC\(nic)"
        }
    }

    /// The cell between two labels (in this text's own labels).
    func cell(_ row: String, _ column: String) -> String? {
        guard let index = labels.firstIndex(of: column) else { return nil }
        return rows[row]?[index]
    }
}
