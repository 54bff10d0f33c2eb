import TopoDiagnostics

/// The output of one nccl-tests run (`all_reduce_perf -b 8 -e 8G …`): the collective, the ranks
/// with their hosts and devices, and the bus bandwidth of the largest message size.
///
/// Read from the tools' own lines (nccl-tests `src/common.cu`): `# Collective test starting:
/// NAME` (newer versions), `#  Rank  R Group  G Pid  P on HOST device  D [BUS] NAME` per rank, the
/// header row that names the columns (`size count type redop root time algbw busbw #wrong …`),
/// then one row per size, out-of-place figures first.
public struct NCCLTestsOutput: Sendable {
    /// One rank: its host and CUDA device.
    public struct Rank: Sendable, Hashable {
        public var host: String
        public var device: Int
    }

    /// `all_reduce`, `all_gather`, … when the output names it.
    public var collective: String?
    public var ranks: [Rank]
    /// Largest message size measured, bytes.
    public var largestBytes: Int
    /// Out-of-place busbw at the largest size, GB/s.
    public var busbw: Double
    /// The line of that row.
    public var line: Int

    /// Parses `bytes` (the file at `path`); a located error when it holds no result table.
    public static func parse(_ bytes: [UInt8], path: String) -> Result<NCCLTestsOutput, Diagnostic> {
        let text = String(decoding: bytes, as: UTF8.self)
        var collective: String?
        var ranks: [Rank] = []
        var busbwColumn: Int?
        var best: (bytes: Int, busbw: Double, line: Int)?
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let first = words.first else { continue }
            if first == "#" || first.hasPrefix("#") {
                let rest = first == "#" ? Array(words.dropFirst()) : [String(first.dropFirst())] + words.dropFirst()
                if let at = raw.range(of: "Collective test starting:") {
                    let name = raw[at.upperBound...].split(separator: " ").first.map(String.init) ?? ""
                    collective = Self.collectiveName(name)
                } else if rest.first == "Rank", let on = rest.firstIndex(of: "on"), on + 1 < rest.count,
                          let deviceIndex = rest.firstIndex(of: "device"), deviceIndex + 1 < rest.count,
                          let device = Int(rest[deviceIndex + 1]), device >= 0, device < 4096 {
                    ranks.append(Rank(host: rest[on + 1], device: device))
                } else if rest.contains("busbw"), rest.contains("size") {
                    busbwColumn = rest.firstIndex(of: "busbw")
                }
                continue
            }
            guard let column = busbwColumn, column < words.count, let size = Int(words[0]),
                  let busbw = Double(words[column]), busbw.isFinite, busbw >= 0 else { continue }
            if size >= best?.bytes ?? Int.min { best = (size, busbw, lineNumber) }
        }
        guard let best else {
            let message = busbwColumn == nil
                ? "no nccl-tests header row (`# size count type … busbw …`); expected the output of an nccl-tests binary such as all_reduce_perf"
                : "the output has a header row but no result rows; the run ended before its first message size"
            return .failure(VerifyCodes.ncclTestsUnreadable.diagnostic(message, at: SourceLocation(file: path, line: max(1, lineNumber), column: 1)))
        }
        guard !ranks.isEmpty else {
            return .failure(VerifyCodes.ncclTestsUnreadable.diagnostic(
                "the output lists no ranks (`#  Rank 0 Group 0 Pid … on HOST device 0 …`), so its nodes are unknown",
                at: SourceLocation(file: path, line: 1, column: 1)))
        }
        return .success(NCCLTestsOutput(collective: collective, ranks: ranks, largestBytes: best.bytes, busbw: best.busbw, line: best.line))
    }

    /// `all_reduce_perf_mpi` → `all_reduce`.
    static func collectiveName(_ binary: String) -> String {
        var name = binary.split(separator: "/").last.map(String.init) ?? binary
        for suffix in ["_mpi", "_perf"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        return name
    }

    /// Distinct hosts, in rank order.
    public var hosts: [String] {
        var seen = Set<String>()
        return ranks.map(\.host).filter { seen.insert($0).inserted }
    }
}
