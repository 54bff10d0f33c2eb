import ArgumentParser
import Foundation
import TopoImport
import TopoVerify

/// `topospec-bench verify --nodes N`: a generated fleet of N H100 nodes' captures (the real
/// `nvidia-smi topo -m` of an HGX H100 and a GPU list per node, 40 nodes with one NVLink pair
/// down, 16 without captures, 4 undeclared, one nccl-tests run) verified against its spec, timed
/// from reading the spec to the fleet summary. One JSON line with peak memory.
struct VerifyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Time `topospec verify` on a generated fleet of captures.")

    @Option(help: "Nodes in the generated fleet.")
    var nodes = 16_384

    @Option(help: "The `nvidia-smi topo -m` capture every node is built from.")
    var capture = "Tests/Fixtures/shared/nvidia-smi-topo/hgx-h100-sxm-8gpu-8nic-mlx5.txt"

    @Option(
        help:
            "An hwloc export (`lstopo --of xml`) to add as every node's `hwloc.xml` (another machine than the spec's: every node drifts alike, compared once; measures reading and hashing the larger files)."
    )
    var hwloc: String?

    @Option(help: "Where to write the fleet (default: a new folder under the temporary directory).")
    var directory: String?

    func validate() throws {
        guard nodes >= 64, nodes <= 1_000_000 else { throw ValidationError("--nodes must be between 64 and 1,000,000") }
    }

    func run() throws {
        guard let text = try? String(contentsOfFile: capture, encoding: .utf8) else {
            throw ValidationError("cannot read \(capture) (run from the repository root or pass --capture)")
        }
        let root = directory ?? NSTemporaryDirectory() + "topospec-bench-verify-\(getpid())"
        let captures = root + "/captures"
        try FileManager.default.createDirectory(atPath: captures, withIntermediateDirectories: true)
        let width = String(nodes).count
        func number(_ i: Int) -> String { String(repeating: "0", count: width - String(i).count) + String(i) }
        func name(_ i: Int) -> String { "gpu" + number(i) }
        var gpus = "index, name, pci.bus_id, pcie.link.gen.current, pcie.link.gen.max, pcie.link.width.current\n"
        for i in 0..<8 { gpus += "\(i), NVIDIA H100 80GB HBM3, 00000000:1\(i):00.0, 1, 5, 16\n" }
        guard
            let specText = NvidiaSmiTopoImporter(typeName: "hgx-h100").importText(
                Array(text.utf8), path: capture, gpuNames: (Array(gpus.utf8), "gpus.csv")
            ).spec
        else {
            throw ValidationError("the capture does not import")
        }
        let spec = specText.replacingOccurrences(
            of: "  node01: {type: hgx-h100}", with: "  \"gpu[\(number(1))-\(number(nodes))]\": {type: hgx-h100}")
        try spec.write(toFile: root + "/fleet.yaml", atomically: true, encoding: .utf8)
        var hwlocText: String?
        if let hwloc {
            guard let t = try? String(contentsOfFile: hwloc, encoding: .utf8) else {
                throw ValidationError("cannot read \(hwloc)")
            }
            hwlocText = t
        }
        let lowered = Self.setCell(text, "GPU3", "GPU5", to: "NV12")
        let step = max(2, nodes / 40)
        for i in 1...(nodes + 4) {
            if i > 16, i <= 32 { continue }  // no captures
            let node = i > nodes ? "spare\(i - nodes)" : name(i)
            let topology = i % step == 0 ? lowered : text
            try topology.write(toFile: "\(captures)/\(node).nvidia-smi.txt", atomically: false, encoding: .utf8)
            try gpus.write(toFile: "\(captures)/\(node).gpus.csv", atomically: false, encoding: .utf8)
            try hwlocText?.write(toFile: "\(captures)/\(node).hwloc.xml", atomically: false, encoding: .utf8)
        }
        var run = "# Collective test starting: all_reduce_perf\n"
        for (r, i) in (33...40).enumerated() {
            run += "#  Rank \(r) Group  0 Pid  \(100 + r) on \(name(i)) device  0 [0x10] NVIDIA H100 80GB HBM3\n"
        }
        run +=
            "#       size         count      type   redop    root     time   algbw   busbw #wrong     time   algbw   busbw #wrong\n"
        run +=
            "  8589934592    2147483648     float     sum      -1  90000.0  95.44  30.0      0  90000.0  95.44  30.0      0\n"
        try run.write(toFile: "\(captures)/\(name(33)).nccl-tests.txt", atomically: false, encoding: .utf8)

        let clock = Stopwatch()
        guard let loaded = try? SpecInput.load(root + "/fleet.yaml"),
            let fleet = try? CaptureDirectory.scan(captures)
        else {
            throw ValidationError("the generated fleet did not load; this is a bug in the generator")
        }
        let load = clock.lap()
        let report = FleetVerifier(spec: loaded.spec).verify(fleet)
        let check = clock.lap()
        let summary = report.summaryText
        let render = clock.lap()
        if directory == nil { try? FileManager.default.removeItem(atPath: root) }
        JSONLine.print([
            ("bench", "\"verify\""),
            ("nodes", String(nodes)),
            ("capture_files", String(fleet.nodes.values.reduce(0) { $0 + $1.count })),
            ("distinct_captures", String(report.distinctCaptures)),
            ("findings", String(report.diagnostics.count)),
            ("fleet_groups", String(report.fleet.count)),
            ("load_seconds", Stopwatch.format(load)),
            ("verify_seconds", Stopwatch.format(check)),
            ("summary_seconds", Stopwatch.format(render)),
            ("total_seconds", Stopwatch.format(load + check + render)),
            ("exit_code", String(report.exitCode)),
            ("peak_rss_mb", String(format: "%.1f", PeakMemory.megabytes())),
        ])
    }

    /// The matrix with the cell between devices `a` and `b` set to `value` on both sides.
    static func setCell(_ text: String, _ a: String, _ b: String, to value: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let header = lines.first?.split(separator: " ").map(String.init) else { return text }
        for (x, y) in [(a, b), (b, a)] {
            guard let column = header.firstIndex(of: y),
                let row = lines.firstIndex(where: { $0.hasPrefix(x + " ") })
            else { continue }
            var words = lines[row].split(separator: " ").map(String.init)
            if column + 1 < words.count { words[column + 1] = value }
            lines[row] = words.joined(separator: "    ")
        }
        return lines.joined(separator: "\n")
    }
}
