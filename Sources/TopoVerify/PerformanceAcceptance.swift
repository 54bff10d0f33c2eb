import TopoDiagnostics
import TopoModel

/// Compares nccl-tests runs with the predicted busbw and narrows a shortfall to nodes: a node in
/// a run that passed is cleared; the suspects are the nodes every failing run shares (or, when
/// no node is in all of them, any failing run's nodes), minus the cleared ones.
struct PerformanceAcceptance {
    let verifier: FleetVerifier
    let threshold: Double
    private var seen = Set<Int>()
    private var runs: [(path: String, run: NCCLTestsOutput)] = []

    init(verifier: FleetVerifier, threshold: Double) {
        self.verifier = verifier
        self.threshold = threshold
    }

    mutating func add(path: String, cache: inout CaptureCache, report: inout VerifyReport) {
        guard let id = cache.content(of: path, kind: .ncclTests, report: &report), seen.insert(id).inserted,
            let run = cache.tests[id]
        else { return }
        runs.append((path, run))
    }

    /// The spec's node for a host name as nccl-tests prints it (short name or FQDN).
    private func node(_ host: String) -> Int? {
        let index = verifier.spec.nodeIndex
        if let i = index[host] { return i }
        if let short = host.split(separator: ".").first { return index[String(short)] }
        return nil
    }

    func judge(into report: inout VerifyReport) {
        let spec = verifier.spec
        var judged: [(path: String, run: NCCLTestsOutput, nodes: [Int], result: VerifyReport.Run)] = []
        for (path, run) in runs {
            let hosts = run.hosts
            let nodes = hosts.compactMap(node)
            let collective = run.collective ?? "all_reduce"
            var entry = VerifyReport.Run(
                file: path, collective: collective, nodes: Hostlist.compress(hosts), ranks: run.ranks.count,
                bytes: run.largestBytes, busbw: run.busbw, predicted: nil, basis: nil, passed: nil)
            if nodes.count == hosts.count {
                let ranks = run.ranks.compactMap { r in node(r.host).map { (node: $0, gpu: r.device) } }
                if let prediction = BusBandwidthPrediction.predict(
                    collective: collective, ranks: ranks, bytes: run.largestBytes,
                    analysis: verifier.analysis)
                {
                    entry.predicted = prediction.busbw
                    entry.basis =
                        prediction.basis
                        + (run.collective == nil ? " (the output does not name its test; all_reduce assumed)" : "")
                    entry.passed = run.busbw >= threshold * prediction.busbw
                } else {
                    entry.basis = "no prediction for \(collective) on these ranks"
                }
            } else {
                entry.basis =
                    "not predicted: \(hosts.count - nodes.count) host\(hosts.count - nodes.count == 1 ? " is" : "s are") not declared in the spec"
            }
            report.runs.append(entry)
            judged.append((path, run, nodes, entry))
        }
        let cleared = Set(judged.filter { $0.result.passed == true }.flatMap(\.nodes))
        let failing = judged.filter { $0.result.passed == false }
        guard !failing.isEmpty else { return }
        var shared = Set(failing[0].nodes)
        for f in failing.dropFirst() { shared.formIntersection(f.nodes) }
        var suspects = shared.subtracting(cleared)
        if suspects.isEmpty { suspects = Set(failing.flatMap(\.nodes)).subtracting(cleared) }
        let drifted = Set(report.drifted)
        for f in failing {
            guard let predicted = f.result.predicted else { continue }
            let inRun = f.nodes.filter { suspects.contains($0) }.sorted()
            let names = inRun.map { spec.nodes[$0].name }
            let percent = BusBandwidthPrediction.percent(f.run.busbw / predicted)
            let message =
                "nccl-tests \(f.result.collective) on \(f.result.nodes) (\(f.run.ranks.count) ranks, \(f.run.largestBytes) B): busbw \(BusBandwidthPrediction.format(f.run.busbw)) GB/s is \(percent) % of the predicted \(BusBandwidthPrediction.format(predicted)) GB/s (threshold \(BusBandwidthPrediction.percent(threshold)) %)"
            var notes: [Diagnostic.Note] = [
                .init("seen here", at: SourceLocation(file: f.path, line: f.run.line, column: 1))
            ]
            if let basis = f.result.basis { notes.append(.init("predicted from the \(basis)")) }
            let help: String
            if f.nodes.count == 1, let only = f.nodes.first {
                help =
                    "the shortfall is inside \(spec.nodes[only].name): run the test on each GPU pair of the node (CUDA_VISIBLE_DEVICES=a,b \(binary(f.result.collective)) -g 2) to find the slow link"
            } else if names.isEmpty {
                help =
                    "every node of this run passed in another run: repeat the run, and check the fabric between the nodes (switches, cables)"
            } else {
                let partner = cleared.sorted().first.map { spec.nodes[$0].name }
                let pairwise =
                    partner.map {
                        "pair each suspect with \($0), which passed (e.g. \(binary(f.result.collective)) on \(names[0]) and \($0))"
                    }
                    ?? "run the suspects pairwise (\(names.count * (names.count - 1) / 2) two-node runs)"
                let halves =
                    names.count > 8
                    ? "; or halve the set and rerun each half (\(rounds(names.count)) rounds at most)" : ""
                help =
                    "the shortfall narrows to \(Hostlist.compress(names)) (\(names.count) of \(f.nodes.count) nodes: in every failing run, in no passing run); to narrow it further, \(pairwise)\(halves)"
                let alsoDrifted = names.filter { drifted.contains($0) }
                if !alsoDrifted.isEmpty {
                    notes.append(
                        .init(
                            "\(Hostlist.compress(alsoDrifted)) also differ\(alsoDrifted.count == 1 ? "s" : "") from the spec (findings above)"
                        ))
                }
            }
            let at = (inRun.first ?? f.nodes.first).map { spec.nodes[$0].location }
            report.diagnostics.append(VerifyCodes.busBandwidthLow.diagnostic(message, at: at, notes: notes, help: help))
        }
        report.suspects = suspects.sorted().map { spec.nodes[$0].name }
    }

    /// Rounds of halving that isolate one node among `count`: ⌈log₂ count⌉.
    private func rounds(_ count: Int) -> Int {
        var rounds = 0
        while (1 << rounds) < count { rounds += 1 }
        return rounds
    }

    private func binary(_ collective: String) -> String { collective + "_perf" }
}
