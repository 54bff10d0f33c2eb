import ArgumentParser
import CYAML
import Foundation
import TopoLint

/// `topospec-bench lint --gpus N`: generates a spec of N GPUs written node by node (8 GPUs a node,
/// no hostlist ranges, with racks and a rail-optimized network), lints it, and prints one JSON
/// line with the time of each stage next to the time libyaml alone takes to parse the file.
struct LintBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint", abstract: "Time parse / decode / rules on a generated spec, against libyaml alone.")

    @Option(help: "GPUs in the generated cluster (a multiple of 8).")
    var gpus = 131_072

    @Option(name: .customLong("repeat"), help: "Repetitions; the fastest is reported.")
    var repetitions = 10

    @Option(help: "Also write the generated spec to this file.")
    var write: String?

    func validate() throws {
        guard gpus >= 8, gpus % 8 == 0 else { throw ValidationError("--gpus must be a positive multiple of 8") }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        let text = BenchSpec.nodeByNode(gpus: gpus)
        let bytes = Array(text.utf8)
        if let write {
            try text.write(toFile: write, atomically: true, encoding: .utf8)
        }
        var libyaml = Double.infinity
        var best: Linter.Timings?
        var findings = 0
        var failed = false
        for _ in 0..<repetitions {
            libyaml = min(libyaml, LibYAMLBaseline.parseSeconds(bytes))
            let report = Linter().lint(bytes: bytes, path: "bench.yaml")
            failed = failed || report.inputFailed
            findings = report.diagnostics.count
            if report.timings.total < (best?.total ?? .infinity) { best = report.timings }
        }
        guard let timings = best, !failed else {
            throw ValidationError("the generated spec did not decode; this is a bug in the generator")
        }
        let fields: [(String, String)] = [
            ("bench", "\"lint\""),
            ("gpus", String(gpus)),
            ("nodes", String(gpus / 8)),
            ("bytes", String(bytes.count)),
            ("libyaml_seconds", Stopwatch.format(libyaml)),
            ("parse_seconds", Stopwatch.format(timings.parse)),
            ("decode_seconds", Stopwatch.format(timings.decode)),
            ("rules_seconds", Stopwatch.format(timings.rules)),
            ("total_seconds", Stopwatch.format(timings.total)),
            ("ratio_to_libyaml", String(format: "%.2f", timings.total / libyaml)),
            ("findings", String(findings)),
            ("peak_rss_mb", String(format: "%.1f", PeakMemory.megabytes())),
        ]
        JSONLine.print(fields)
    }

}

/// The spec the lint benchmark generates.
enum BenchSpec {
    /// DGX H100-like nodes written one per line, 4 nodes a rack, an 8-rail NDR fabric, and one
    /// job over the first nodes.
    static func nodeByNode(gpus: Int) -> String {
        let nodes = gpus / 8
        let width = max(5, String(nodes).count)
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        var out = """
            topospec: 1
            cluster: bench-\(gpus)
            networks:
              compute:
                fabric: infiniband
                gbps: 400
                topology: rail-optimized-fat-tree
                rails: 8
                tiers: [{name: leaf, radix: 64, down: 32, up: 32}, {name: spine, radix: 64, down: 64}]
            node_types:
              dgx-h100:
                gpus: {sku: h100-sxm5-80gb, count: 8}
                sockets: 2
                nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
                pcie:
                  - {switch: pex0, socket: 0, gen: 5, gpus: [0, 1], nics: [cx0, cx1]}
                  - {switch: pex1, socket: 0, gen: 5, gpus: [2, 3], nics: [cx2, cx3]}
                  - {switch: pex2, socket: 1, gen: 5, gpus: [4, 5], nics: [cx4, cx5]}
                  - {switch: pex3, socket: 1, gen: 5, gpus: [6, 7], nics: [cx6, cx7]}
                nics:
                  "cx[0-7]": {sku: connectx-7, network: compute, device: "mlx5_[0-7]"}
            nodes:

            """
        out.reserveCapacity(nodes * 48 + 2048)
        let rackWidth = max(4, String((nodes + 3) / 4).count)
        for n in 1...nodes {
            out += "  gpu\(pad(n, width)): {type: dgx-h100, rack: r\(pad((n - 1) / 4 + 1, rackWidth))}\n"
        }
        let jobNodes = min(nodes, 128)
        out += """
            jobs:
              train:
                nodes: "gpu[\(pad(1, width))-\(pad(jobNodes, width))]"
                parallelism: {tp: 8, pp: \(jobNodes % 4 == 0 ? 4 : 1), dp: auto}
                model: {params: 70B, layers: 80, hidden: 8192, dtype: bf16}

            """
        return out
    }
}

/// libyaml alone: the event loop over the same bytes, no tree, no decoding.
enum LibYAMLBaseline {
    static func parseSeconds(_ bytes: [UInt8]) -> Double {
        let clock = Stopwatch()
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else { return .infinity }
        defer { yaml_parser_delete(&parser) }
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) != 0 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { break }
            }
        }
        return clock.lap()
    }
}
