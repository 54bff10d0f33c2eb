import Foundation
import Testing
import TopoEmit
import TopoLint
import TopoModel
import TopoRules
import TopoTopology

/// Every emitter, the report and the diff on every spec in `specs/`, each run twice: the output
/// must be non-empty and byte-identical.
@Suite struct EverySpecTests {
    static let files = NCCLTopologyEmitterTests.specFiles

    /// Everything topospec writes for one spec, by name.
    static func outputs(_ file: String) throws -> [String: String] {
        let report = Linter(configuration: .none).lint(path: Golden.root + "/specs/" + file)
        let spec = try #require(report.spec)
        var out: [String: String] = [:]
        for (t, type) in spec.nodeTypesWithIDs {
            if NCCLTopologyEmitter.unsupported(spec: spec, typeID: t) == nil {
                out["nccl \(type.name)"] = NCCLTopologyEmitter.render(spec: spec, typeID: t, source: file)
            }
            let graph = TopologyGraph.nodeType(spec: spec, typeID: t)
            out["dot \(type.name)"] = DOTRenderer.render(graph)
            out["mermaid \(type.name)"] = MermaidRenderer.render(graph)
        }
        out["slurm tree"] = SlurmTopologyEmitter.treeConf(spec: spec, source: file)
        if case let .success(text) = Result(catching: { () throws(EmitFailure) in
            try SlurmTopologyEmitter.blockYAML(spec: spec, source: file)
        }) {
            out["slurm block"] = text
        }
        out["k8s"] = try KubernetesLabelsEmitter.script(spec: spec, source: file)
        if case let .success(text) = Result(catching: { () throws(EmitFailure) in
            try SlurmTopologyEmitter.blockConf(spec: spec, source: file)
        }) {
            out["slurm block conf"] = text
        }
        out["dot cluster"] = DOTRenderer.render(TopologyGraph.cluster(spec: spec))
        out["mermaid cluster"] = MermaidRenderer.render(TopologyGraph.cluster(spec: spec))
        let context = SpecAnalysis(spec: spec)
        for (j, job) in spec.jobs.enumerated() {
            guard let layout = context.layouts[j] else { continue }
            let placement = LaunchFilesEmitter.Placement(context: context, job: job, slots: layout.slots, source: file)
            for f in LaunchFilesEmitter.files(placement, kinds: LaunchFilesEmitter.Kind.allCases).files {
                out["launch \(job.name) \(f.path)"] = f.contents
            }
        }
        out["report"] = SpecReport.build(
            spec: spec, diagnostics: report.diagnostics,
            options: SpecReport.Options(seconds: 600, source: file)
        ).markdown()
        let diff = SpecDiff.compare(spec, report.diagnostics, spec, report.diagnostics)
        #expect(diff.isEmpty, "\(file) differs from itself: \(diff.changes)")
        return out
    }

    @Test(arguments: files)
    func everyOutputTwice(file: String) throws {
        let first = try Self.outputs(file)
        let second = try Self.outputs(file)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (name, text) in first {
            #expect(!text.isEmpty, "\(file): \(name) is empty")
            #expect(second[name] == text, "\(file): \(name) differs between runs")
        }
        #expect(
            first.keys.contains("report") && first.keys.contains("slurm tree") && first.keys.contains("dot cluster"))
    }
}
