import TopoDiagnostics
import TopoTopology

/// The output of one nccl-tests run (`all_reduce_perf -b 8 -e 8G …`): the collective, the ranks
/// with their hosts and devices, and the bus bandwidth of the largest message size.
///
/// What verify keeps of a run read by the shared nccl-tests reader (nccl-tests `src/common.cu`
/// lines: the test name, `#  Rank … on HOST device D …` per rank, the column header, one row per
/// size with the out-of-place figures first).
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

    /// Parses `bytes` (the file at `path`) with the nccl-tests reader `topospec collective` uses
    /// (TopoTopology's `NCCLTestsOutput`); a located error when it holds no result table or names
    /// no ranks.
    ///
    /// - Parameters:
    ///   - bytes: The output, UTF-8 (invalid bytes are replaced).
    ///   - path: The file's path, for the error's location.
    /// - Returns: The run at its largest size (of equal sizes, the last row); throws a located diagnostic
    ///   when there is no result row or no rank line.
    /// - Complexity: O(*n*) in the output's length.
    public static func parse(_ bytes: [UInt8], path: String) throws(Diagnostic) -> NCCLTestsOutput {
        let text = String(decoding: bytes, as: UTF8.self)
        let parsed = TopoTopology.NCCLTestsOutput(text: text)
        // The largest size; of equal sizes, the last row.
        guard
            let best = parsed.rows.enumerated().max(by: {
                ($0.element.bytes, $0.offset) < ($1.element.bytes, $1.offset)
            })?.element
        else {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            let message =
                parsed.hasHeader
                ? "the output has a header row but no result rows; the run ended before its first message size"
                : "no nccl-tests header row (`# size count type … busbw …`); expected the output of an nccl-tests binary such as all_reduce_perf"
            throw VerifyCodes.ncclTestsUnreadable.diagnostic(
                message, at: SourceLocation(file: path, line: max(1, lines), column: 1))
        }
        let ranks = parsed.rankList.compactMap { rank in rank.device.map { Rank(host: rank.host, device: $0) } }
        guard !ranks.isEmpty else {
            throw VerifyCodes.ncclTestsUnreadable.diagnostic(
                "the output lists no ranks (`#  Rank 0 Group 0 Pid … on HOST device 0 …`), so its nodes are unknown",
                at: SourceLocation(file: path, line: 1, column: 1))
        }
        guard best.busbwGBs.isFinite, best.busbwGBs >= 0 else {
            throw VerifyCodes.ncclTestsUnreadable.diagnostic(
                "the busbw of the largest size is not a number",
                at: SourceLocation(file: path, line: best.line, column: 1))
        }
        return NCCLTestsOutput(
            collective: parsed.operation?.rawValue, ranks: ranks, largestBytes: best.bytes,
            busbw: best.busbwGBs, line: best.line)
    }

    /// Distinct hosts, in rank order.
    public var hosts: [String] {
        var seen = Set<String>()
        return ranks.map(\.host).filter { seen.insert($0).inserted }
    }
}
