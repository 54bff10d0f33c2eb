import ArgumentParser
import TopoCodes
import TopoDiagnostics
import TopoEmit
import TopoLint
import TopoModel
import TopoVerify

/// `topospec verify SPEC DIR`: captures of running nodes against the spec, node by node; or, with
/// `--learn DIR -o TYPES.yaml`, node types learned from the majority of a fleet.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a running fleet's captures against its spec, node by node.",
        discussion: """
            DIR holds captures named by node: NODE.nvidia-smi.txt (nvidia-smi topo -m), NODE.nccl.xml \
            (NCCL_TOPO_DUMP_FILE), NODE.gpus.csv (nvidia-smi --query-gpu=index,name,pci.bus_id,\
            pcie.link.gen.current,pcie.link.gen.max,pcie.link.width.current --format=csv), \
            NODE.nccl-tests.txt (nccl-tests output of a run that included the node), or the same names \
            in DIR/NODE/. Findings are located at the node's line in the spec. Exit status: 0 every node \
            matches, 1 drift, 2 unusable input. With --learn DIR -o TYPES.yaml, writes node types \
            learned from the majority of nodes with identical captures instead.
            """
    )

    @Argument(help: "The spec, then the capture directory (with --learn: only the directory).")
    var inputs: [String]

    @Option(help: "Output: text, json, sarif (SARIF 2.1.0) or github (workflow annotations).")
    var format: OutputFormat = .text

    @Option(help: "Only these nodes (a Slurm hostlist, e.g. dgx[001-016]).")
    var node: String?

    @Option(help: "Report nccl-tests runs below this percentage of the predicted busbw.")
    var threshold: Double = 80

    @Flag(help: "Learn node types from the captures in DIR (with -o).")
    var learn = false

    @Option(name: .shortAndLong, help: "With --learn: the spec to write (atomically).")
    var output: String?

    @Flag(help: "Text format: print only the fleet summary, not one finding per node.")
    var summaryOnly = false

    @Option(help: "Colour (text format): auto (terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    func run() throws {
        if learn {
            try runLearn()
            return
        }
        guard inputs.count == 2 else {
            try fail("expected SPEC DIR (or --learn DIR -o TYPES.yaml)", from: "topospec verify")
        }
        guard threshold > 0, threshold <= 1000 else {
            try fail("--threshold is a percentage above 0", from: "topospec verify")
        }
        let useColor = format == .text && Terminal.wantsColor(color, for: .standardOutput)
        let loaded: (spec: ClusterSpec, source: SourceText)
        do {
            loaded = try SpecInput.load(inputs[0])
        } catch {
            let renderer = DiagnosticRenderer(sources: error.sources, useColor: useColor)
            for d in error.diagnostics { Terminal.error(renderer.render(d) + "\n") }
            throw ExitCode(2)
        }
        let directory: CaptureDirectory
        do {
            directory = try CaptureDirectory.scan(inputs[1])
        } catch {
            try fail("\(error.message)", from: "topospec verify")
        }
        var options = FleetVerifier.Options(threshold: threshold / 100)
        if let node {
            switch Hostlist.expand(node) {
            case let .success(names): options.nodes = Set(names)
            case let .failure(f):
                try fail("--node `\(node)`: \(f.message)", from: "topospec verify")
            }
        }
        let showProgress = Terminal.stderrIsTerminal
        let report = FleetVerifier(spec: loaded.spec).verify(
            directory, options: options,
            progress: showProgress
                ? { done, total in
                    Terminal.error("\rverify: \(done)/\(total) nodes" + (done == total ? "\r\u{1B}[K" : ""))
                } : nil)
        let renderer = DiagnosticRenderer(sources: [loaded.source] + report.sources, useColor: useColor)
        for d in report.inputErrors { Terminal.error(renderer.render(d) + "\n") }
        switch format {
        case .text:
            if !summaryOnly { for d in report.diagnostics { print(renderer.render(d)) } }
            print(report.summaryText, terminator: "")
        case .json: print(report.json, terminator: "")
        case .sarif:
            print(
                SARIFOutput.render(
                    report.lintSummary(spec: loaded.spec, specSource: loaded.source), codes: CodeCatalog.codes),
                terminator: "")
        case .github:
            print(GitHubOutput.render(report.lintSummary(spec: loaded.spec, specSource: loaded.source)), terminator: "")
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    private func runLearn() throws {
        guard inputs.count == 1, let output else {
            try fail("expected one capture directory and -o TYPES.yaml", from: "topospec verify --learn")
        }
        let directory: CaptureDirectory
        do {
            directory = try CaptureDirectory.scan(inputs[0])
        } catch {
            try fail("\(error.message)", from: "topospec verify --learn")
        }
        let learned = TemplateLearner.learn(directory, specPath: output)
        let renderer = DiagnosticRenderer(
            sources: learned.sources, useColor: Terminal.wantsColor(color, for: .standardError))
        for d in learned.inputErrors { Terminal.error(renderer.render(d) + "\n") }
        guard let text = learned.spec else { throw ExitCode(2) }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            try fail("cannot write \(output): \(error)", from: "topospec verify --learn")
        }
        for d in learned.findings { print(renderer.render(d)) }
        print(learned.summary, terminator: "")
        if !learned.findings.isEmpty { throw ExitCode(1) }
    }
}
