import ArgumentParser
import FoundationEssentials
import TopoDiagnostics
import TopoEmit
import TopoLint
import TopoModel
import TopoTopology

/// The formats `topospec place` prints.
enum PlaceFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

/// `topospec place SPEC --job NAME`: where every rank of a job should run, and what it saves.
struct PlaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "place",
        abstract: "Place a job's ranks to minimize communication time on the spec's topology.",
        discussion: """
            Compares Megatron's default rank order with every order of the parallel dimensions and the \
            solver's search, and prints the figures of each: communication time per iteration, bytes per \
            link class, where each dimension's groups sit. The result is reproducible for a given --seed \
            (the move budget, not the clock, ends the search unless --seconds runs out first).
            """)

    @Argument(help: "A spec file.")
    var spec: String

    @Option(help: "The job to place.")
    var job: String

    @Option(help: "text or json.")
    var format: PlaceFormat = .text

    @Option(help: "Random seed of the search.")
    var seed: UInt64 = 1

    @Option(
        help:
            "Most seconds the whole command may take: checking the spec, evaluating the orders, the search (past it, what was cut short is said on stderr)."
    )
    var seconds: Double = 30

    @Flag(help: "Print the rank → node, GPU table (text; always in JSON).")
    var table = false

    @Option(
        help: ArgumentHelp(
            "Launch files to write into --output-dir, comma-separated: \(LaunchFilesEmitter.Kind.allCases.map(\.rawValue).joined(separator: ", ")), or all.",
            valueName: "kinds"))
    var emit: String?

    @Option(
        help:
            "Where --output-dir will be on the nodes: env/NODE.env files give NCCL_TOPO_FILE under it (default: --output-dir's absolute path here). env.sh finds its files itself."
    )
    var installDir: String?

    @Option(
        name: [.customShort("o"), .customLong("output-dir")],
        help: "The folder for --emit's files (created if missing).")
    var outputDir: String?

    @Flag(help: "Write --emit's launch files even when the spec has error-level findings.")
    var force = false

    func validate() throws {
        if emit != nil && outputDir == nil { throw ValidationError("--emit needs --output-dir (-o)") }
        if emit == nil && outputDir != nil { throw ValidationError("--output-dir needs --emit") }
        _ = try emitKinds()
    }

    /// The kinds `--emit` names (all for `all`), and whether `all` was asked for.
    func emitKinds() throws -> (kinds: [LaunchFilesEmitter.Kind], all: Bool) {
        guard let emit else { return ([], false) }
        var kinds: [LaunchFilesEmitter.Kind] = []
        for word in emit.split(separator: ",").map({
            String($0.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        }) where !word.isEmpty {
            if word == "all" { return (LaunchFilesEmitter.Kind.allCases, true) }
            guard let kind = LaunchFilesEmitter.Kind(rawValue: word) else {
                let names = LaunchFilesEmitter.Kind.allCases.map(\.rawValue) + ["all"]
                throw ValidationError(
                    "--emit: unknown kind `\(word)`\(Suggestion.hint(for: word, in: names)); kinds: \(names.joined(separator: ", "))"
                )
            }
            kinds.append(kind)
        }
        guard !kinds.isEmpty else { throw ValidationError("--emit: name at least one kind") }
        return (kinds, false)
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        Terminal.status("checking \(spec) …")
        let (decoded, report) = try lintSpec(spec)
        Terminal.clearStatus()
        if report.errorCount > 0 {
            let errors = Format.count(report.errorCount, "error")
            if outputDir != nil && !force {
                Terminal.error(
                    "topospec: \(spec) has \(errors) (see `topospec lint \(spec)`); no launch files written: fix the spec, or pass --force to write them anyway\n"
                )
                throw ExitCode(1)
            }
            Terminal.error(
                "topospec: warning: \(spec) has \(errors) (see `topospec lint \(spec)`); the placement follows the spec as written\n"
            )
        }
        let bar = ProgressBar(enabled: Terminal.stderrIsTerminal)
        // --seconds bounds the whole command: the plan gets what checking the spec left.
        let spent = clock.now - started
        let checking = Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
        let left = seconds - checking
        if left <= 0 {
            // Past the bound already: only what every plan needs (the traffic, the distances and
            // the default order's figures) is done, and the output says so.
            Terminal.error(
                "topospec: note: checking the spec took \(Format.oneDecimal(checking)) s of --seconds \(Format.oneDecimal(seconds)): only the default order is evaluated\n"
            )
        }
        switch PlacementReport.plan(
            spec: decoded, jobName: job, seed: seed, seconds: max(0, left), progress: bar.update)
        {
        case let .failure(failure):
            bar.finish()
            try fail("\(failure)")
        case let .success(plan):
            bar.finish()
            for note in plan.cutShort { Terminal.error("topospec: note: \(note)\n") }
            if let outputDir {
                try writeLaunchFiles(plan, spec: decoded, to: outputDir)
            }
            switch format {
            case .text: print(PlacementReport.text(plan, spec: decoded, jobName: job, table: table), terminator: "")
            case .json: print(PlacementReport.json(plan, spec: decoded, jobName: job), terminator: "")
            }
        }
    }
}

extension PlaceCommand {
    /// `folder` as an absolute path (the `.env` files are read by tools that do not know where they lie).
    func absolutePath(_ folder: String) -> String {
        folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
    }

    /// Writes the --emit files: nothing when a kind named explicitly cannot be written; with
    /// `all`, the kinds that can, and a note on the others.
    func writeLaunchFiles(_ plan: PlacementPlanner.Plan, spec decoded: ClusterSpec, to folder: String) throws {
        let (kinds, all) = try emitKinds()
        guard let jobIndex = decoded.jobs.firstIndex(where: { $0.name == job }) else { return }
        let slots = (0..<plan.traffic.layout.size).map { plan.distance.slots[plan.mapping.slot[$0]] }
        let placement = LaunchFilesEmitter.Placement(
            context: SpecAnalysis(spec: decoded), job: decoded.jobs[jobIndex],
            slots: slots, source: displayName(spec), folder: installDir ?? absolutePath(folder))
        let (files, failures) = LaunchFilesEmitter.files(placement, kinds: kinds)
        for failure in failures { Terminal.error("topospec: \(all ? "skipped " : "")\(failure)\n") }
        if !failures.isEmpty && !all { throw ExitCode(2) }
        if all {
            // The whole set replaces the folder at once: no file of an earlier run stays beside
            // the new ones, and a failure leaves the old set whole (AtomicDirectory).
            let set = files.map {
                AtomicDirectory.File(path: $0.path, contents: $0.contents, executable: $0.executable)
            }
            do {
                try AtomicDirectory.write(set, to: folder)
            } catch {
                try fail("\(error)")
            }
        }
        for file in files where !all {
            do {
                try AtomicFile.write(file.contents, to: folder + "/" + file.path, executable: file.executable)
            } catch {
                try fail("\(error)")
            }
        }
        Terminal.error(
            "wrote \(files.count) files to \(folder): \(files.map(\.path).prefix(8).joined(separator: ", "))\(files.count > 8 ? ", …" : "")\n"
        )
    }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private var last = -1

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int(min(1, max(0, fraction)) * 100)
        guard percent != last else { return }
        last = percent
        let filled = percent / 5
        Terminal.error(
            "\rsearching [" + String(repeating: "=", count: filled) + String(repeating: " ", count: 20 - filled)
                + "] \(percent) %")
    }

    func finish() {
        if enabled && last >= 0 { Terminal.error("\r" + String(repeating: " ", count: 40) + "\r") }
    }
}
