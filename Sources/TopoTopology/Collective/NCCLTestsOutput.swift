/// The output of an nccl-tests / rccl-tests binary (`all_reduce_perf -g 8`, or an MPI run over
/// several nodes, with or without `N:` / `[1,0]<stdout>:` prefixes), reduced to what a
/// comparison needs: the operation, ranks, hosts and the out-of-place rows. Both `topospec
/// collective --compare` and `topospec verify` read nccl-tests output through it.
public struct NCCLTestsOutput: Sendable, Equatable {
    /// One `#  Rank r Group g Pid p on HOST device D [bus] NAME` line.
    public struct Rank: Sendable, Equatable {
        public var host: String
        /// The CUDA device, when the line gives one.
        public var device: Int?
    }

    public struct Row: Sendable, Equatable {
        public var bytes: Int
        public var timeMicroseconds: Double
        public var algbwGBs: Double
        public var busbwGBs: Double
        /// 1-based line of the row in the file.
        public var line: Int
    }

    /// The operation, when the output names it ("Collective test starting: all_reduce_perf" or
    /// the command line).
    public var operation: CollectiveOperation?
    public var ranks: Int
    public var hosts: [String]
    /// Every rank line, in rank order.
    public var rankList: [Rank]
    public var rows: [Row]
    /// Whether the result table's header (`# size count type … busbw …`) was seen.
    public var hasHeader: Bool

    /// Reads the output of one nccl-tests run; lines it does not recognise are skipped, so it never fails.
    ///
    /// - Parameter text: The whole output, possibly with MPI or srun prefixes before each line.
    /// - Complexity: O(*n*) in the text's length.
    public init(text: String) {
        var operation: CollectiveOperation?
        var ranks = 0
        var hosts: [String] = []
        var seenHosts: Set<String> = []
        var rankList: [Rank] = []
        var rows: [Row] = []
        var hasRoot = false
        var hasHeader = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            // MPI / srun prefixes before the first `:` ("0: ", "[1,0]<stdout>: ") when no `#` comes first.
            if let colon = line.firstIndex(of: ":"), line[..<colon].contains(where: \.isNumber),
                line[..<colon].allSatisfy({ $0.isNumber || $0.isLetter || " [],<>".contains($0) })
            {
                line = line[line.index(after: colon)...]
            }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("#") {
                let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if operation == nil {
                    for word in words where word.hasSuffix("_perf") || word.hasSuffix("_perf_mpi") {
                        let name = word.split(separator: "/").last.map(String.init) ?? ""
                        let base =
                            name.hasSuffix("_perf_mpi")
                            ? String(name.dropLast(9)) : name.hasSuffix("_perf") ? String(name.dropLast(5)) : name
                        if let op = CollectiveOperation(rawValue: base) { operation = op }
                    }
                }
                if words.count > 2, words[1] == "Rank", let on = words.firstIndex(of: "on"), on + 1 < words.count {
                    ranks += 1
                    let host = String(words[on + 1])
                    if seenHosts.insert(host).inserted { hosts.append(host) }
                    let device = words.firstIndex(of: "device").flatMap {
                        $0 + 1 < words.count ? Int(words[$0 + 1]) : nil
                    }
                    rankList.append(Rank(host: host, device: device.flatMap { (0..<4096).contains($0) ? $0 : nil }))
                }
                if words.contains("redop") && words.contains("root") { hasRoot = true }
                if words.contains("size") && words.contains("busbw") { hasHeader = true }
                continue
            }
            let fields = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 7, let bytes = Int(fields[0]), Int(fields[1]) != nil else { continue }
            var i = 3  // after size, count, type
            if i < fields.count, Double(fields[i]) == nil { i += 1 }  // redop
            if hasRoot, i < fields.count, Int(fields[i]) != nil, i + 3 < fields.count { i += 1 }  // root
            guard i + 2 < fields.count, let time = Double(fields[i]), let algbw = Double(fields[i + 1]),
                let busbw = Double(fields[i + 2])
            else { continue }
            rows.append(Row(bytes: bytes, timeMicroseconds: time, algbwGBs: algbw, busbwGBs: busbw, line: index + 1))
        }
        self.operation = operation
        self.ranks = ranks
        self.hosts = hosts
        self.rankList = rankList
        self.rows = rows
        self.hasHeader = hasHeader
    }
}
