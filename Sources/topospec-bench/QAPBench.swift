import ArgumentParser
import Foundation
import TopoSolver

/// `topospec-bench qap FILE.dat [--best N] [--seconds S]`: solves a QAPLIB instance and prints
/// one JSON line with n, the cost found, the seconds taken and the gap to the best known value.
struct QAPBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qap", abstract: "Solve a QAPLIB instance; print n, cost, seconds and gap to the best known value."
    )

    @Argument(help: "A QAPLIB .dat file.")
    var file: String

    @Option(help: "The best known cost, for the gap.")
    var best: Double?

    @Option(help: "Time budget in seconds.")
    var seconds: Double = 1

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    func run() throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ValidationError("cannot read \(file)")
        }
        let instance: QAPInstance
        switch QAPInstance.parseQAPLIB(text) {
        case let .success(q): instance = q
        case let .failure(e): throw ValidationError("\(file): \(e)")
        }
        let clock = Stopwatch()
        let result = QAPSolver(seconds: seconds, seed: seed, target: best).solve(instance)
        let elapsed = clock.lap()
        var fields: [(String, String)] = [
            ("bench", "\"qap\""),
            ("instance", "\"\((file as NSString).lastPathComponent)\""),
            ("n", String(instance.n)),
            ("cost", String(format: "%.0f", result.cost)),
            ("seconds", String(format: "%.3f", elapsed)),
            ("iterations", String(result.iterations)),
        ]
        if let best { fields.append(("best_known", String(format: "%.0f", best))) }
        if let best, best > 0 {
            fields.append(("gap_percent", String(format: "%.3f", (result.cost - best) / best * 100)))
        }
        if let bound = result.lowerBound { fields.append(("lower_bound", String(format: "%.0f", bound))) }
        JSONLine.print(fields)
    }
}
