import TopoDiagnostics

/// What the summary line, JSON's summary and the exit status need of the files linted so far:
/// counts, not the files. Streamed output adds each file as it is linted and forgets it, so
/// memory does not grow with the number of files (issue 12).
public struct LintTally: Sendable, Equatable {
    public var files = 0
    public var excluded = 0
    public var errors = 0
    public var warnings = 0
    public var infos = 0
    /// Files with at least one diagnostic.
    public var affected = 0
    /// Files that could not be used (exit status 2).
    public var unusable = 0

    public init() {}

    /// The counts of `reports`.
    ///
    /// - Parameter reports: The files linted; each is added as `add(_:)` does.
    public init(files reports: [Linter.FileReport]) {
        for report in reports { add(report) }
    }

    /// Counts one more file.
    ///
    /// - Parameter report: The file's report; its findings are counted by severity, and it counts as
    ///   excluded, unusable or affected as it is.
    public mutating func add(_ report: Linter.FileReport) {
        files += 1
        if report.excluded { excluded += 1 }
        if report.inputFailed { unusable += 1 }
        if !report.diagnostics.isEmpty { affected += 1 }
        for d in report.diagnostics {
            switch d.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
    }

    /// 2 when any input (or its configuration) could not be used, 1 when any finding is an error
    /// (or, with `strict`, a warning), 0 otherwise.
    ///
    /// - Parameter strict: Whether warnings fail the run too.
    /// - Returns: 2, 1 or 0.
    public func exitCode(strict: Bool = false) -> Int32 {
        if unusable > 0 { return 2 }
        if errors > 0 { return 1 }
        if strict, warnings > 0 { return 1 }
        return 0
    }

    /// One line: "3 files: no findings." / "4 files: 2 errors, 1 warning in 2 files."
    public var line: String {
        let count = "\(Format.count(files - excluded, "file"))" + (excluded > 0 ? " (\(excluded) excluded)" : "")
        if errors == 0 && warnings == 0 && affected == 0 { return "\(count) checked: no findings." }
        var parts: [String] = []
        if errors > 0 { parts.append("\(Format.count(errors, "error"))") }
        if warnings > 0 { parts.append("\(Format.count(warnings, "warning"))") }
        if infos > 0 { parts.append("\(Format.count(infos, "note"))") }
        return "\(count) checked: \(parts.joined(separator: ", ")) in \(Format.count(affected, "file"))."
    }
}
