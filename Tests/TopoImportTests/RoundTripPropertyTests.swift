import Testing
import TopoEmit
import TopoImport
import TopoLint
import TopoModel

/// Random PCIe trees: the matrix `topospec matrix` prints for a spec, imported again, gives a spec
/// whose matrix is the same cell for cell (the importer finds a tree for every matrix a tree made).
@Suite struct RoundTripPropertyTests {
    /// A random node type: sockets, host bridges and switches nested up to three deep, GPUs and
    /// NICs spread over them; NVSwitch-attached H100s or L40S cards without NVLink.
    static func randomSpec(_ generator: inout SplitMix) -> String {
        func below(_ n: Int) -> Int { Int(generator.next() % UInt64(max(1, n))) }
        let sockets = 1 + below(3)
        let gpus = 1 + below(8)
        let nics = below(5)
        var entries: [(line: String, name: String)] = []
        var names: [String] = []
        var bridges = 0, switches = 0
        for socket in 0..<sockets {
            for _ in 0..<(1 + below(3)) {
                let top: String
                if below(2) == 0 {
                    top = "hb\(bridges)"
                    bridges += 1
                    entries.append(("host_bridge: \(top), socket: \(socket)", top))
                } else {
                    top = "sw\(switches)"
                    switches += 1
                    entries.append(("switch: \(top), socket: \(socket)", top))
                }
                names.append(top)
                for _ in 0..<below(3) {
                    let child = "sw\(switches)"
                    switches += 1
                    entries.append(("switch: \(child), parent: \(top)", child))
                    names.append(child)
                    if below(3) == 0 {
                        let grandchild = "sw\(switches)"
                        switches += 1
                        entries.append(("switch: \(grandchild), parent: \(child)", grandchild))
                        names.append(grandchild)
                    }
                }
            }
        }
        var gpuPlace = [[Int]](repeating: [], count: entries.count)
        var nicPlace = [[String]](repeating: [], count: entries.count)
        for gpu in 0..<gpus { gpuPlace[below(entries.count)].append(gpu) }
        for nic in 0..<nics { nicPlace[below(entries.count)].append("n\(nic)") }
        let nvswitch = below(2) == 0
        var text = "topospec: 1\ncluster: generated\nnode_types:\n  t:\n"
        text += "    gpus: {sku: \(nvswitch ? "h100-sxm5-80gb" : "l40s"), count: \(gpus)}\n"
        text += "    sockets: \(sockets)\n"
        text += nvswitch ? "    nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}\n" : "    nvlink: none\n"
        text += "    pcie:\n"
        for (i, entry) in entries.enumerated() {
            var fields = entry.line
            if !gpuPlace[i].isEmpty {
                fields += ", gpus: [" + gpuPlace[i].map(String.init).joined(separator: ", ") + "]"
            }
            if !nicPlace[i].isEmpty { fields += ", nics: [" + nicPlace[i].joined(separator: ", ") + "]" }
            text += "      - {\(fields)}\n"
        }
        if nics > 0 {
            text += "    nics:\n"
            for nic in 0..<nics { text += "      n\(nic): {sku: connectx-7, device: mlx5_\(nic)}\n" }
        }
        text += "nodes:\n  x: {type: t}\n"
        return text
    }

    @Test func randomTreesRoundTrip() throws {
        var generator = SplitMix(seed: 2026)
        for round in 0..<250 {
            let spec = Self.randomSpec(&generator)
            let original = try #require(Fixtures.lint(spec).spec, "round \(round):\n\(spec)")
            let matrix = TopologyMatrix.render(spec: original, typeID: NodeTypeID(0))
            let result = NvidiaSmiTopoImporter().importText(Array(matrix.utf8), path: "generated.txt")
            let imported = try #require(result.spec, "round \(round): \(result.findings.map(\.message))")
            #expect(result.findings.isEmpty, "round \(round): \(result.findings.map(\.message))\n\(spec)")
            let report = Fixtures.lint(imported)
            #expect(report.errorCount == 0, "round \(round): \(report.diagnostics.map(\.message))")
            let decoded = try #require(report.spec)
            let before = MatrixText(matrix),
                after = MatrixText(TopologyMatrix.render(spec: decoded, typeID: NodeTypeID(0)))
            #expect(before.labels == after.labels)
            #expect(before.rows == after.rows, "round \(round):\n\(spec)\n\(matrix)\n\(imported)")
            if before.rows != after.rows { return }
        }
    }
}
