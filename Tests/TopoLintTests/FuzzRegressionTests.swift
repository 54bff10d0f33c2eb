import Foundation
import FuzzSupport
import Testing
import TopoImport
import TopoLint
import TopoYAML

/// Inputs the fuzz targets (`fuzz/run`) found problems with, kept under
/// `Tests/Fixtures/fuzz-regressions/TARGET/`, replayed through the same checks the targets make,
/// plus the bugs they found written out as ordinary tests.
@Suite struct FuzzRegressionTests {
    static let folder = RepositoryFiles.root + "/Tests/Fixtures/fuzz-regressions"

    static func inputs(_ target: String) -> [String] {
        let directory = folder + "/" + target
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { target + "/" + $0 }
    }

    /// Every input kept for each target, as `TARGET/FILE`.
    static let kept = FuzzCheck.allCases.flatMap { inputs($0.rawValue) }

    @Test func inputsAreKept() {
        #expect(!Self.kept.isEmpty)
    }

    /// Each kept input passes its target's check (and those of the targets that see the same kind
    /// of input: a spec the YAML fuzzer found goes through the decoder and the linter too).
    @Test(arguments: kept)
    func keptInputsPassTheirChecks(_ relative: String) throws {
        let target = String(relative.prefix { $0 != "/" })
        let bytes = try #require(FileManager.default.contents(atPath: Self.folder + "/" + relative).map { [UInt8]($0) })
        let checks: [FuzzCheck] =
            ["yaml", "decode", "lint"].contains(target)
            ? [.yaml, .decode, .lint] : FuzzCheck(rawValue: target).map { [$0] } ?? []
        #expect(!checks.isEmpty, "no fuzz target is called \(target)")
        for check in checks {
            #expect(check.failure(bytes) == nil, "\(check.rawValue)")
        }
    }

    /// FuzzYAML's first find: a `<<` merge key in the root mapping trapped (index out of range) in
    /// the alias-budget accounting, which credited the merged copies to a parent frame the root
    /// does not have.
    @Test func aMergeKeyInTheRootMapping() throws {
        let spec = """
            topospec: 1
            <<: {cluster: merged, nodes: {n1: {type: t}}}
            node_types:
              t: {gpus: {sku: t4, count: 1}}

            """
        let report = Linter(configuration: .none).lint(bytes: Array(spec.utf8), path: "merge.yaml")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        #expect(report.spec?.name == "merged")
        #expect(report.spec?.nodes.map(\.name) == ["n1"])
        let aliased = YAMLParser().parse(Array("a: &a {x: 1}\n<<: *a\n".utf8), file: "a.yaml")
        #expect(aliased.diagnostics.isEmpty)
        #expect(aliased.document?.root.pairs.map { $0.key.scalar ?? "" } == ["a", "x"])
    }

    /// FuzzNCCL's find (fresh-clone CI smoke): a `net` whose `speed` is 2×10¹⁴ Mb/s made the
    /// importer write a placeholder NIC model with `max_gbps: 200042949672`, which the spec's own
    /// range refuses. Such a speed is now ignored with a TS516 warning, and the spec decodes.
    @Test func anImpossibleNICSpeedIsIgnored() throws {
        let path = Self.folder + "/nccl-xml/nic-speed-beyond-any-network.xml"
        let bytes = try #require(FileManager.default.contents(atPath: path).map { [UInt8]($0) })
        let result = NCCLTopologyImporter().importText(bytes, path: "topo.xml")
        let spec = try #require(result.spec)
        #expect(
            result.findings.contains {
                $0.code == "TS516" && $0.message.hasPrefix("`speed=\"200042949672961\"` is 200042949672 Gb/s")
            })
        #expect(!spec.contains("200042949672"))
        #expect(!Linter(configuration: .none).lint(bytes: Array(spec.utf8), path: "imported.yaml").inputFailed)
    }
}
