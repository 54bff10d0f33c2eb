import Testing
import TopoCodes
import TopoDiagnostics
import TopoImport
import TopoLint

/// The importer codes are documented, unique, in the TS5xx range, and listed once in the code
/// catalog (`topospec rules`, `topospec explain`) as importer codes.
@Suite struct ImportCodesTests {
    @Test func codesAreDocumentedAndUnique() {
        let codes = ImportCodes.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(Set(ImportCodes.all.map(\.slug)).count == codes.count)
        #expect(codes == codes.sorted())
        for code in ImportCodes.all {
            #expect(code.code.hasPrefix("TS5") && code.code.count == 5, "\(code.code)")
            #expect(!code.summary.isEmpty && code.explanation.count > 80, "\(code.code)")
            #expect(
                CodeCatalog.entry(named: code.code)?.kind == "import",
                "\(code.code) is not in the catalog as an importer code")
            #expect(CodeCatalog.entry(named: code.slug)?.code == code.code, "\(code.slug) names another code")
        }
        // Inputs that cannot be imported are errors; findings in usable inputs are not.
        #expect(
            ImportCodes.all.filter { $0.severity == .error }.map(\.code) == [
                "TS501", "TS502", "TS503", "TS504", "TS505", "TS506", "TS507",
            ])
    }

    @Test func everyFindingUsesADocumentedCode() {
        let documented = Set(ImportCodes.all.map(\.code) + ["TS017"])
        var seen: Set<String> = []
        for file in Fixtures.nvidiaSmiFiles {
            seen.formUnion(
                NvidiaSmiTopoImporter().importFile(path: Fixtures.nvidiaSmiFolder + file).findings.map(\.code))
        }
        for file in Fixtures.ncclFiles {
            seen.formUnion(NCCLTopologyImporter().importFile(path: Fixtures.ncclFolder + file).findings.map(\.code))
        }
        #expect(!seen.isEmpty)
        #expect(seen.isSubset(of: documented), "\(seen.subtracting(documented))")
    }
}

@Suite struct CatalogUniquenessTests {
    @Test func everyCodeAndSlugIsListedOnce() {
        let codes = CodeCatalog.entries.map(\.code)
        let slugs = CodeCatalog.entries.map(\.slug)
        #expect(Set(codes).count == codes.count)
        #expect(Set(slugs).count == slugs.count)
    }
}
