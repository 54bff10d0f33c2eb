import Foundation
import TopoDiagnostics
import TopoImport
import TopoTestSupport
import TopoVerify

/// Real captures from the shared fixtures, specs imported from them, and temporary fleets of
/// capture files for verify to check.
enum VerifyFixtures {
    static let root = RepositoryPaths.root

    static let nvidiaSmiFolder = RepositoryPaths.nvidiaSmiFolder
    static let ncclFolder = RepositoryPaths.ncclFolder

    static func files(in folder: String, suffix: String) -> [String] {
        RepositoryPaths.files(in: folder, suffix: suffix)
    }

    static func text(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    static let h100 = text(nvidiaSmiFolder + "hgx-h100-sxm-8gpu-8nic-mlx5.txt")
    static let ibmH100 = text(ncclFolder + "ibm-cloud-gx3d-h100-8gpu-vsi-topo.xml")

    /// The importer's spec for a capture, with `nodes` (a hostlist) of its node type `t`.
    static func spec(nvidiaSmi capture: String, gpuNames: String? = nil, nodes: String = "node01") -> String? {
        let names = gpuNames.map { (bytes: Array($0.utf8), path: "gpus.csv") }
        let result = NvidiaSmiTopoImporter(typeName: "t").importText(
            Array(capture.utf8), path: "capture.txt", gpuNames: names)
        return result.spec.map { withNodes($0, nodes) }
    }

    static func spec(ncclXML capture: String, nodes: String = "node01") -> String? {
        NCCLTopologyImporter(typeName: "t").importText(Array(capture.utf8), path: "capture.xml").spec.map {
            withNodes($0, nodes)
        }
    }

    static func withNodes(_ spec: String, _ nodes: String) -> String {
        spec.replacingOccurrences(of: "  node01: {type: t}", with: "  \"\(nodes)\": {type: t}")
    }

    /// A fresh directory holding `files` (name → content).
    static func directory(_ files: [String: String]) -> String {
        let path = NSTemporaryDirectory() + "topospec-verify-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, content) in files {
            let full = path + "/" + name
            if let slash = full.lastIndex(of: "/") {
                try? FileManager.default.createDirectory(
                    atPath: String(full[..<slash]), withIntermediateDirectories: true)
            }
            try? content.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return path
    }

    /// Verifies `captures` against `spec` text.
    static func verify(
        spec: String, captures: [String: String], options: FleetVerifier.Options = .init()
    ) -> VerifyReport? {
        guard let loaded = try? SpecInput.decode(Array(spec.utf8), path: "spec.yaml"),
            let directory = try? CaptureDirectory.scan(directory(captures))
        else { return nil }
        return FleetVerifier(spec: loaded.spec).verify(directory, options: options)
    }

    // MARK: Editing an nvidia-smi matrix

    /// The matrix with the cell between devices `a` and `b` (labels `GPU3`, `NIC0`) set to `value`
    /// on both sides.
    static func setCell(_ text: String, _ a: String, _ b: String, to value: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard
            let header = lines.firstIndex(where: {
                $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).first == "GPU0"
            })
        else { return text }
        let labels = lines[header].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        for (x, y) in [(a, b), (b, a)] {
            guard let column = labels.firstIndex(of: y),
                let row = lines.indices.first(where: {
                    $0 > header
                        && lines[$0].split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) == x
                })
            else { continue }
            var words = lines[row].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            // Row words: label, then one cell per column label.
            if column + 1 < words.count { words[column + 1] = value }
            lines[row] = words.joined(separator: "   ")
        }
        return lines.joined(separator: "\n")
    }

    /// The matrix without device `label`'s row and column.
    static func removeDevice(_ text: String, _ label: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard
            let header = lines.firstIndex(where: {
                $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).first == "GPU0"
            })
        else { return text }
        var labels = lines[header].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let column = labels.firstIndex(of: label) else { return text }
        labels.remove(at: column)
        lines[header] = "        " + labels.joined(separator: "   ")
        var out: [String] = []
        for (i, line) in lines.enumerated() {
            guard i > header else { out.append(line); continue }
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if words.first == label { continue }
            if let first = words.first, first.hasPrefix("GPU") || first.hasPrefix("NIC"), column + 1 < words.count {
                words.remove(at: column + 1)
                out.append(words.joined(separator: "   "))
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }

    /// nccl-tests output of an all_reduce run over `hosts` (8 GPUs each) reaching `busbw` GB/s.
    static func ncclTests(hosts: [String], busbw: Double) -> String {
        var out =
            "# Collective test starting: all_reduce_perf\n# nThread 1 nGpus 1 minBytes 8 maxBytes 8589934592 step: 2(factor) warmup iters: 5 iters: 20 agg iters: 1 validation: 1 graph: 0\n#\n# Using devices\n"
        var rank = 0
        for host in hosts {
            for device in 0..<8 {
                out +=
                    "#  Rank \(rank) Group  0 Pid  \(1000 + rank) on \(host) device  \(device) [0x1\(device)] NVIDIA H100 80GB HBM3\n"
                rank += 1
            }
        }
        out +=
            "#\n#                                                              out-of-place                       in-place          \n"
        out +=
            "#       size         count      type   redop    root     time   algbw   busbw #wrong     time   algbw   busbw #wrong\n"
        out +=
            "#        (B)    (elements)                               (us)  (GB/s)  (GB/s)            (us)  (GB/s)  (GB/s)       \n"
        out +=
            "     1048576        262144     float     sum      -1    60.00   17.48   30.00      0    60.00   17.48   30.00      0\n"
        out +=
            "  8589934592    2147483648     float     sum      -1  40000.0  214.75  \(busbw)      0  40000.0  214.75  \(busbw)      0\n"
        out += "# Out of bounds values : 0 OK\n# Avg bus bandwidth    : 100.0\n#\n"
        return out
    }
}

// MARK: hwloc captures

extension VerifyFixtures {
    static let hwlocFolder = root + "/Tests/Fixtures/hwloc/"

    /// The real hwloc exports of machines with GPUs.
    static var hwlocFiles: [String] { files(in: hwlocFolder, suffix: ".xml").filter { $0.hasPrefix("topo.") } }

    static func spec(hwloc capture: String, nodes: String = "node01") -> String? {
        HwlocImporter(typeName: "t").importText(Array(capture.utf8), path: "capture.xml").spec.map {
            withNodes($0, nodes)
        }
    }

    /// The line range of the `object` element whose opening line holds `marker`.
    private static func element(_ lines: [String], _ marker: String) -> Range<Int>? {
        guard let start = lines.firstIndex(where: { $0.contains("<object") && $0.contains(marker) }) else { return nil }
        var depth = 0
        for i in start..<lines.count {
            let line = lines[i]
            if line.contains("<object") && !line.contains("/>") { depth += 1 }
            if line.contains("</object>") { depth -= 1 }
            if depth == 0 { return start..<(i + 1) }
        }
        return nil
    }

    /// The capture without the PCI function at `busID` (and what hwloc lists below it).
    static func removeFunction(_ xml: String, busID: String) -> String {
        var lines = xml.components(separatedBy: "\n")
        guard let range = element(lines, "pci_busid=\"\(busID)\"") else { return xml }
        lines.removeSubrange(range)
        return lines.joined(separator: "\n")
    }

    /// The capture with the PCI function at `busID` moved below the bridge at `bridge`.
    static func moveFunction(_ xml: String, busID: String, below bridge: String) -> String {
        var lines = xml.components(separatedBy: "\n")
        guard let range = element(lines, "pci_busid=\"\(busID)\"") else { return xml }
        let moved = Array(lines[range])
        lines.removeSubrange(range)
        guard
            let target = lines.firstIndex(where: {
                $0.contains("type=\"Bridge\"") && $0.contains("pci_busid=\"\(bridge)\"")
            })
        else { return xml }
        lines.insert(contentsOf: moved, at: target + 1)
        return lines.joined(separator: "\n")
    }

    /// The capture with the link speed of the bridge or function at `busID` set to `gbs`.
    static func setLinkSpeed(_ xml: String, busID: String, to gbs: String) -> String {
        var lines = xml.components(separatedBy: "\n")
        guard let i = lines.firstIndex(where: { $0.contains("pci_busid=\"\(busID)\"") }),
            let r = lines[i].range(of: #"pci_link_speed="[0-9.]*""#, options: .regularExpression)
        else { return xml }
        lines[i].replaceSubrange(r, with: "pci_link_speed=\"\(gbs)\"")
        return lines.joined(separator: "\n")
    }
}
