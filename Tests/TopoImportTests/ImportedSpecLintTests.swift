import Foundation
import Testing
import TopoImport
import TopoLint

/// `topospec import` writes the spec, then the rule engine lints it and its findings go into the
/// spec as comments (`ImportedSpecLint`): the comments name exactly what `topospec lint` says.
@Suite struct ImportedSpecLintTests {
    static let imports: [String] =
        Fixtures.nvidiaSmiFiles.map { "nvidia-smi/" + $0 } + Fixtures.ncclFiles.map { "nccl-xml/" + $0 }
        + Fixtures.files(in: HwlocRealFileTests.folder, suffix: ".xml").filter { $0.hasPrefix("topo.") }.map {
            "hwloc/" + $0
        }

    static func written(_ item: String) -> String? {
        let kind = item.prefix { $0 != "/" }, file = String(item.drop { $0 != "/" }.dropFirst())
        switch kind {
        case "nvidia-smi": return NvidiaSmiTopoImporter().importFile(path: Fixtures.nvidiaSmiFolder + file).spec
        case "nccl-xml": return NCCLTopologyImporter().importFile(path: Fixtures.ncclFolder + file).spec
        default: return HwlocImporter().importFile(path: HwlocRealFileTests.folder + file).spec
        }
    }

    /// The `#  - TSnnn (severity): message` lines of an annotated spec.
    static func listed(_ spec: String) -> [String] {
        spec.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("#  - TS") ? String(trimmed.dropFirst(5)) : nil
        }
    }

    @Test(arguments: imports)
    func commentsNameExactlyWhatLintSays(_ item: String) throws {
        guard let spec = Self.written(item) else { return }  // refused inputs: the importers' tests cover them
        let lint = Fixtures.lint(spec)
        let (annotated, findings) = ImportedSpecLint.annotate(spec, path: "imported.yaml")
        #expect(findings.map(\.code) == lint.diagnostics.map(\.code))
        #expect(
            Self.listed(annotated) == lint.diagnostics.map { "\($0.code) (\($0.severity.rawValue)): \($0.message)" },
            "\(item)")
        // The comments change no finding.
        let again = Fixtures.lint(annotated)
        #expect(again.diagnostics.map(\.message) == lint.diagnostics.map(\.message))
        #expect(again.spec != nil)
    }

    @Test func everyImporterIsCovered() {
        let written = Self.imports.filter { Self.written($0) != nil }
        #expect(Set(written.map { $0.prefix { $0 != "/" } }) == ["nvidia-smi", "nccl-xml", "hwloc"])
        // Every real machine here deserves at least one finding (a placeholder model at least).
        #expect(
            written.allSatisfy {
                !Self.listed(ImportedSpecLint.annotate(Self.written($0) ?? "", path: "x.yaml").spec).isEmpty
            })
    }

    /// The dual-socket L40S node: what people read in the imported spec before the rules ran
    /// on it (NICs across the sockets and behind host bridges, too few NICs, no P2P across the
    /// sockets, placeholder models) is still there, now from the rules themselves.
    @Test func dualSocketL40SKeepsItsWarnings() throws {
        let spec = try #require(Self.written("nvidia-smi/4x-l40s-dual-socket-node-sys-2nic.txt"))
        let annotated = ImportedSpecLint.annotate(spec, path: "imported.yaml").spec
        let codes = Self.listed(annotated).map { String($0.prefix(5)) }
        #expect(Set(codes) == ["TS206", "TS207", "TS208", "TS211", "TS404", "TS405"])
        // The block sits right under `node_types:`, above the node type.
        let lines = annotated.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex(of: "node_types:"))
        #expect(lines[index + 1].hasPrefix("  # Lint findings on this spec"))
    }
}
