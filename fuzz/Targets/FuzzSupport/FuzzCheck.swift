import TopoDiagnostics
import TopoImport
import TopoLint
import TopoModel
import TopoYAML

/// What each fuzz target asserts about one input, shared by the libFuzzer executables (which trap
/// on a failure) and `FuzzRegressionTests` (which replays the inputs the fuzzers found).
public enum FuzzCheck: String, CaseIterable, Sendable {
    /// The YAML layer: a document, diagnostics or an empty stream; locations start at 1:1.
    case yaml
    /// Parse and decode: a spec, or at least one error saying why not.
    case decode
    /// The whole lint pipeline and its text, JSON and GitHub renderings (SARIF's fixed rule table
    /// would triple the cost of a run): an unusable input has an error; every location lies in the
    /// file or just past its last line. A spec that decodes also goes through the writers
    /// (`WriterGrammar`): env files, Slurm topology, the Kubernetes script and NCCL XML re-read by
    /// their consumers' grammars.
    case lint
    /// The `nvidia-smi topo -m` importer; the part after a line `#gpus` (if any) is the GPU names
    /// file. An import succeeds or says why, and the spec it writes decodes.
    case nvidiaSmi = "nvidia-smi"
    /// The NCCL topology XML importer, with the same promise.
    case ncclXML = "nccl-xml"

    /// Nil when `bytes` pass, else what went wrong.
    public func failure(_ bytes: [UInt8]) -> String? {
        switch self {
        case .yaml:
            let result = YAMLParser().parse(bytes, file: "fuzz.yaml")
            if result.document == nil && result.diagnostics.isEmpty && !result.isEmpty {
                return "neither a document nor a diagnostic"
            }
            return Self.misplaced(result.diagnostics, lines: nil)
        case .decode:
            guard let document = YAMLParser().parse(bytes, file: "fuzz.yaml").document else { return nil }
            let decoded = SpecDecoder.decode(document)
            if decoded.spec == nil && !decoded.diagnostics.contains(where: { $0.severity == .error }) {
                return "the decoder refused the spec without an error"
            }
            return nil
        case .lint:
            let report = Linter().lint(bytes: bytes, path: "fuzz.yaml")
            if report.inputFailed && report.errorCount == 0 { return "input refused without an error" }
            let lines = 1 + bytes.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
            if let misplaced = Self.misplaced(report.diagnostics, lines: lines) { return misplaced }
            let renderer = DiagnosticRenderer(sources: report.sources, useColor: false)
            for diagnostic in report.diagnostics { _ = renderer.render(diagnostic) }
            let summary = LintSummary(files: [report])
            _ = JSONOutput.render(summary, strict: false)
            _ = GitHubOutput.render(summary)
            // The writers, with a hostile file name: each output keeps its consumer's grammar.
            if let spec = report.spec, spec.nodes.count <= 4096, let problem = WriterGrammar.failure(spec: spec) {
                return problem
            }
            return nil
        case .nvidiaSmi:
            let marker = Array("\n#gpus\n".utf8)
            var matrix = bytes
            var names: (bytes: [UInt8], path: String)?
            if let cut = bytes.firstRange(of: marker) {
                matrix = Array(bytes[..<cut.lowerBound])
                names = (Array(bytes[cut.upperBound...]), "gpus.csv")
            }
            let result = NvidiaSmiTopoImporter().importText(matrix, path: "topo.txt", gpuNames: names)
            return Self.imported(spec: result.spec, succeeded: result.succeeded, errors: result.errors.count)
        case .ncclXML:
            let result = NCCLTopologyImporter().importText(bytes, path: "topo.xml")
            return Self.imported(spec: result.spec, succeeded: result.succeeded, errors: result.errors.count)
        }
    }

    /// The first diagnostic before 1:1 or (when `lines` is given) below the line after the last.
    private static func misplaced(_ diagnostics: [Diagnostic], lines: Int?) -> String? {
        for diagnostic in diagnostics {
            guard let at = diagnostic.location else { continue }
            if at.line < 1 || at.column < 1 || at.line > (lines ?? Int.max - 1) + 1 {
                return "\(diagnostic.code) at \(at.line):\(at.column), outside the file"
            }
        }
        return nil
    }

    /// An importer's result: it succeeded or reported an error, and what it wrote decodes.
    private static func imported(spec: String?, succeeded: Bool, errors: Int) -> String? {
        if !succeeded && errors == 0 { return "import refused without an error" }
        guard let spec else { return nil }
        let report = Linter(configuration: .none).lint(bytes: Array(spec.utf8), path: "imported.yaml")
        guard !report.inputFailed else {
            return "the imported spec does not decode: \(report.diagnostics.map(\.message))\n\(spec)"
        }
        return nil
    }
}
