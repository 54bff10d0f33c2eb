import Foundation
import TopoDiagnostics
import TopoLint

/// The budget cases of the hostile corpus, linted once per test process and shared by the suites
/// that check them: each lint spends the whole placement budget (minutes in a debug build), so
/// `HostileCorpusTests` and `HostileBudgetTests` read the same report and work counts instead of
/// linting the file twice.
enum HostileBudgetLints {
    /// A budget file's lint: the report, the work it counted, and the bytes it read.
    struct Outcome: Sendable {
        let report: Linter.FileReport
        let work: WorkCounter
        let bytes: [UInt8]
    }

    /// Per budget file (`budget-*.yaml`, by file name): its lint, or nil when it cannot be read.
    static let outcomes: [String: Outcome] = {
        var result: [String: Outcome] = [:]
        for file in HostileCorpusTests.cases.map(\.file) where file.hasPrefix("budget-") {
            guard let data = FileManager.default.contents(atPath: HostileCorpusTests.folder + "/" + file) else {
                continue
            }
            let bytes = [UInt8](data)
            let (report, work) = WorkCounter.counting {
                Linter(configuration: .none).lint(bytes: bytes, path: file)
            }
            result[file] = Outcome(report: report, work: work, bytes: bytes)
        }
        return result
    }()

    /// The hostile folder's files that a subprocess lints in a few seconds: every file but the
    /// budget cases that spend the whole placement budget on a large cluster (`budget-366`: 2,048
    /// jobs on 10,240 nodes). Determinism under the budget is still shown by `budget-365`, which
    /// also hits it; the large one is linted in-process, once (`outcomes`).
    static let quickFiles: [String] = HostileCorpusTests.cases.map(\.file)
        .filter { !$0.hasPrefix("budget-366") }
        .sorted()
        .map { "Tests/Fixtures/hostile/" + $0 }
}
