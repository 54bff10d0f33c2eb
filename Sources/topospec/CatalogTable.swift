import TopoDiagnostics
import TopoModel

/// The human-readable listing printed by `topospec catalog`.
enum CatalogTable {
    static func text(_ catalog: Catalog) -> String {
        var rows: [[String]] = [
            ["GPU", "form", "memory", "host", "scale-up", "per GPU (both dirs)", "bridge", "NVSwitch", "max domain"]
        ]
        for sku in catalog.gpus.values.sorted(by: { $0.id < $1.id }) {
            var link = "none"
            var total = "-"
            var bridge = "-"
            var nvswitch = "-"
            var domain = "1"
            if let s = sku.scaleUp {
                link = "\(s.kind == .nvlink ? "NVLink" : "IF") \(s.generation) ×\(s.links)"
                total = "\(Format.number(s.totalGBs, decimals: 3)) GB/s"
                bridge = s.bridgeMaxGPUs.map { "\($0)-way" } ?? "-"
                nvswitch = s.nvswitch ? "yes" : "-"
                domain = String(s.maxDomain)
            }
            rows.append([
                sku.id, sku.formFactor.rawValue, "\(Format.number(sku.memoryGB, decimals: 3)) GB", sku.host.description,
                link, total, bridge, nvswitch, domain,
            ])
        }
        var out = table(rows) + "\n"
        var switches = [["NVSwitch", "NVLink", "ports", "per port (both dirs)"]]
        for s in catalog.nvswitches.values.sorted(by: { $0.id < $1.id }) {
            switches.append([
                s.id, String(s.nvlinkGeneration), String(s.ports), "\(Format.number(s.portGBs, decimals: 3)) GB/s",
            ])
        }
        out += table(switches) + "\n"
        var nics = [["NIC", "max speed", "host", "fabrics"]]
        for n in catalog.nics.values.sorted(by: { $0.id < $1.id }) {
            nics.append([
                n.id, "\(Format.number(n.maxGbps, decimals: 3)) Gb/s", n.host.description,
                n.fabrics.map(\.rawValue).joined(separator: ", "),
            ])
        }
        out += table(nics) + "\n"
        var cpus = [["CPU", "arch", "vendor", "cpuid family/model", "name"]]
        for c in catalog.cpus.values.sorted(by: { $0.id < $1.id }) {
            let cpuid = c.family.flatMap { family in c.model.map { "\(family)/\($0)" } } ?? "-"
            cpus.append([c.id, c.architecture.rawValue, c.vendor.rawValue, cpuid, c.name])
        }
        out += table(cpus) + "\n"
        var pcie = [["PCIe", "GT/s", "per lane, per direction", "x16, per direction"]]
        for g in catalog.pcie.values.sorted(by: { $0.generation < $1.generation }) {
            pcie.append([
                "gen\(g.generation)", Format.number(g.transferGTs, decimals: 3),
                "\(Format.number(g.laneGBs, decimals: 3)) GB/s", "\(Format.number(g.gbs(width: 16), decimals: 3)) GB/s",
            ])
        }
        out += table(pcie) + "\n"
        var nccl = [["NCCL default", "versions", "behaviour", "source"]]
        for b in NCCLBehaviour.all { nccl.append([b.topic, b.versions, b.fact, b.source]) }
        return out + table(nccl)
    }

    private static func table(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : Format.padded(cell, widths[i] + 2) }
                .joined()
        }.joined(separator: "\n") + "\n"
    }

}
