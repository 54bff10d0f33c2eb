import Foundation
import Testing
import TopoLint
import TopoModel
import TopoTestSupport

/// Golden files: expected emitter output, kept under Tests/TopoEmitTests/Golden. Run the tests with
/// `TOPOSPEC_UPDATE_GOLDEN=1` to rewrite them after an intended change, then review the diff.
enum Golden {
    /// The repository root, found from this source file's location.
    static let root = RepositoryPaths.root

    static let folder = root + "/Tests/TopoEmitTests/Golden/"

    /// A spec from `specs/`, linted with no configuration file.
    static func spec(_ name: String) throws -> ClusterSpec {
        let report = Linter(configuration: .none).lint(path: root + "/specs/" + name)
        return try #require(report.spec, "\(name): \(report.diagnostics.map(\.message))")
    }

    /// Checks `text` against the golden file `name` (or rewrites it when asked to).
    static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = folder + name
        if ProcessInfo.processInfo.environment["TOPOSPEC_UPDATE_GOLDEN"] == "1" {
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record(
                "missing golden file \(name); run with TOPOSPEC_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            let want = line < a.count ? String(a[line]) : "<end>"
            let got = line < b.count ? String(b[line]) : "<end>"
            Issue.record(
                "\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)",
                sourceLocation: sourceLocation)
        }
    }
}
