/// Bounds how many diagnostics one file produces: a 3 MB spec with an error on every line made
/// 3.6 GB of SARIF (issue 12). At most `perCode` diagnostics of one code and `perFile` in all are
/// kept; the rest are counted, and one closing diagnostic per code says how many more there were
/// ("2,048 more TS017 diagnostics not shown"), with the severity of the worst one left out (so the
/// exit status is what it would have been) at the first place left out.
package struct DiagnosticCap: Sendable {
    package static let perCode = 100
    package static let perFile = 1_000

    package var perCode: Int
    package var perFile: Int
    private var kept: [String: Int] = [:]
    private var keptTotal = 0
    /// For each code with diagnostics left out: how many, the worst severity, the first place.
    private var dropped: [String: (count: Int, severity: Severity, first: Diagnostic)] = [:]

    package init(perCode: Int = DiagnosticCap.perCode, perFile: Int = DiagnosticCap.perFile) {
        self.perCode = perCode
        self.perFile = perFile
    }

    /// True when `diagnostic` is to be kept; otherwise it is counted.
    package mutating func admit(_ diagnostic: Diagnostic) -> Bool {
        let count = kept[diagnostic.code, default: 0]
        if count < perCode, keptTotal < perFile {
            kept[diagnostic.code] = count + 1
            keptTotal += 1
            return true
        }
        if var entry = dropped[diagnostic.code] {
            entry.count += 1
            if diagnostic.severity > entry.severity { entry.severity = diagnostic.severity }
            dropped[diagnostic.code] = entry
        } else {
            dropped[diagnostic.code] = (1, diagnostic.severity, diagnostic)
        }
        return false
    }

    /// The closing diagnostics, one per code with diagnostics left out, in code order.
    package var closing: [Diagnostic] {
        dropped.keys.sorted().compactMap { code in
            guard let entry = dropped[code] else { return nil }
            return Diagnostic(
                code: entry.first.diagnosticCode, severity: entry.severity,
                message:
                    "\(entry.count) more \(code) diagnostic\(entry.count == 1 ? "" : "s") in this file not shown (at most \(perCode) per code and \(perFile) per file)",
                location: entry.first.location)
        }
    }

    /// `diagnostics` (in their order) cut to the cap, with the closing diagnostics after them.
    ///
    /// - Parameter diagnostics: One file's diagnostics.
    /// - Returns: At most `perCode` of each code and `perFile` in all, then one closing
    ///   diagnostic per code that had some left out.
    /// - Complexity: O(*n*) in `diagnostics`, plus O(*k* log *k*) for the *k* codes cut.
    package static func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard diagnostics.count > perCode else { return diagnostics }
        var cap = DiagnosticCap()
        var result = diagnostics.filter { cap.admit($0) }
        result += cap.closing
        return result
    }
}
