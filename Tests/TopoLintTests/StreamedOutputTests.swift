import Testing
import TopoCodes
import TopoDiagnostics
import TopoLint

/// `lint --format json|sarif` is written file by file as the files are linted (issue 12: the
/// whole document was built in memory first): the streamed text is byte for byte the document
/// encoded at once, for no files, clean files, unusable files, findings with
/// notes, and many files.
@Suite struct StreamedOutputTests {
    static func reports() -> [Linter.FileReport] {
        let broken = RepositoryFiles.specs(in: "specs/broken")
        var reports = broken.prefix(12).map { Linter().lint(path: $0) }
        reports.append(Linter().lint(path: RepositoryFiles.root + "/specs/dgx-a100.yaml"))
        return reports
    }

    @Test(arguments: [0, 1, 2, 13])
    func streamedJSONIsTheWholeDocument(count: Int) {
        let summary = LintSummary(files: Array(Self.reports().prefix(count)))
        for strict in [false, true] {
            #expect(JSONOutput.render(summary, strict: strict) == JSONOutput.document(summary, strict: strict))
        }
    }

    @Test(arguments: [0, 1, 2, 13])
    func streamedSARIFIsTheWholeLog(count: Int) {
        let summary = LintSummary(files: Array(Self.reports().prefix(count)))
        #expect(
            SARIFOutput.render(summary, codes: CodeCatalog.codes)
                == SARIFOutput.document(summary, codes: CodeCatalog.codes))
    }

    /// The tally kept instead of the files gives the summary line and exit status the files did.
    @Test func tallyMatchesTheFiles() {
        let reports = Self.reports()
        var tally = LintTally()
        for report in reports { tally.add(report) }
        #expect(tally == LintTally(files: reports))
        #expect(tally.files == reports.count && tally.excluded == 0)
        #expect(tally.exitCode() == LintSummary(files: reports).exitCode())
        #expect(tally.line == LintSummary(files: reports).line)
        #expect(tally.line.hasPrefix("\(reports.count) files checked: "))
    }
}
