import TopoDiagnostics
import TopoImport

/// The comparisons only an hwloc capture allows: CPU packages against `sockets`, PCIe switch
/// uplinks against the `pcie:` entries' generation and width, and NIC links against the NIC
/// model and slot. The GPU count, models (from PCI ids), PCIe placement and NUMA nodes of an
/// hwloc capture go through the same comparisons as the other kinds, with the same messages,
/// so a deviation that nvidia-smi and hwloc both show is reported once.
extension NodeComparison {
    /// Fraction below the declared bandwidth at which a link counts as slower: hwloc's GB/s are
    /// after encoding overhead and rounded, and equal the catalog's figures within about 1 %.
    static let linkTolerance = 0.98

    func socketDeviation(_ capture: NodeCapture) -> Deviation? {
        guard let seen = capture.sockets, !expected.socketCountUnknown, seen != expected.sockets else { return nil }
        return Deviation(
            VerifyCodes.socketCount,
            "shows \(Format.count(seen, "CPU package")) (sockets), node type \(expected.name) has \(expected.sockets)",
            line: capture.rootLine)
    }

    /// hwloc lists every network function, management Ethernet ports included; a node type
    /// written from `nvidia-smi topo -m` or an NCCL dump lists only the RDMA NICs. When the
    /// capture has more NICs than declared, ports without an RDMA device that the node type does
    /// not name (by device or bus id) are left out.
    ///
    /// hwloc lists NICs in bus order; when every NIC it shows is declared by its device name, the
    /// NICs are put in the node type's order (an `nvidia-smi` import numbers them by RDMA name).
    func withDeclaredNICs(_ capture: NodeCapture) -> NodeCapture {
        guard capture.nicRDMA.count == capture.nicCount else { return capture }
        let devices = Set(expected.nicDevices.compactMap { $0 })
        let busIDs = Set(expected.nicBusIDs.compactMap { $0.map(Self.canonicalBusID) })
        var kept = Array(0..<capture.nicCount)
        if capture.nicCount > expected.nicNames.count {
            kept = kept.filter { i in
                capture.nicRDMA[i] || capture.nicNames[i].map(devices.contains) == true
                    || capture.nicBusIDs[i].map { busIDs.contains(Self.canonicalBusID($0)) } == true
            }
        }
        var declaredIndex: [String: Int] = [:]
        for (k, device) in expected.nicDevices.enumerated() {
            if let device { declaredIndex[device] = declaredIndex[device] ?? k }
        }
        let positions = kept.map { i in capture.nicNames[i].flatMap { declaredIndex[$0] } }
        if positions.allSatisfy({ $0 != nil }), Set(positions).count == positions.count {
            kept = zip(kept, positions).sorted { ($0.1 ?? 0) < ($1.1 ?? 0) }.map(\.0)
        }
        return kept == Array(0..<capture.nicCount) ? capture : capture.keepingNICs(kept)
    }

    func switchLinkDeviations(_ capture: NodeCapture, _ gpuMap: [Int]?, _ nicMap: [Int]?) -> [Deviation] {
        guard !capture.pcieSwitches.isEmpty else { return [] }
        var out: [Deviation] = []
        for sw in expected.switches {
            guard let declared = sw.uplink, let declaredGBs = expected.pcieGBs(declared.generation, declared.width),
                let s = captureSwitch(of: sw, capture, gpuMap, nicMap), let seen = capture.pcieSwitches[s].uplinkGBs,
                seen < declaredGBs * Self.linkTolerance
            else { continue }
            let below = sw.gpus.map { "GPU \($0)" } + sw.nics.map { "NIC \(expected.nicNames[$0])" }
            let what =
                below.isEmpty
                ? "" : " (above \(below.prefix(4).joined(separator: ", "))\(below.count > 4 ? ", …" : ""))"
            out.append(
                Deviation(
                    VerifyCodes.pcieSwitchLink,
                    "PCIe switch \(sw.name)\(what) has its uplink at \(linkText(seen, within: declared)), node type \(expected.name) declares Gen\(declared.generation) x\(declared.width) (\(Format.bandwidth(gbs: declaredGBs)))",
                    line: capture.pcieSwitches[s].line, subject: "switch \(sw.name)"))
        }
        return out
    }

    func nicLinkDeviations(_ capture: NodeCapture, _ nicMap: [Int]?) -> [Deviation] {
        guard let nicMap, capture.nicLinkGBs.count == capture.nicCount, capture.nicSKUs.count == capture.nicCount else {
            return []
        }
        var out: [Deviation] = []
        for (i, k) in nicMap.enumerated() {
            // Only NICs hwloc identifies as the declared model: another model's maximum is not the declared one.
            guard let declared = expected.nicPCIe[k], capture.nicSKUs[i] == expected.nicSKUs[k],
                let declaredGBs = expected.pcieGBs(declared.generation, declared.width),
                let seen = capture.nicLinkGBs[i],
                seen < declaredGBs * Self.linkTolerance
            else { continue }
            out.append(
                Deviation(
                    VerifyCodes.nicLinkDegraded,
                    "NIC \(nicLabel(k, capture.nicNames[i]))'s PCIe link is \(linkText(seen, within: declared)), node type \(expected.name) allows Gen\(declared.generation) x\(declared.width) (\(Format.bandwidth(gbs: declaredGBs))) for its `\(expected.nicSKUs[k])` in this slot",
                    line: capture.nicLines[i], subject: "NIC \(k)"))
        }
        return out
    }

    /// The capture's switch for a declared one: the same bus id, else the switch directly above
    /// the first of its GPUs or NICs.
    private func captureSwitch(
        of sw: ExpectedNodeType.ExpectedSwitch, _ capture: NodeCapture, _ gpuMap: [Int]?,
        _ nicMap: [Int]?
    ) -> Int? {
        if let id = sw.busID.map(Self.canonicalBusID),
            let s = capture.pcieSwitches.firstIndex(where: { $0.busID.map(Self.canonicalBusID) == id })
        {
            return s
        }
        if let gpuMap, capture.gpuSwitch.count == capture.gpuCount {
            for g in sw.gpus { if let i = gpuMap.firstIndex(of: g), let s = capture.gpuSwitch[i] { return s } }
        }
        if let nicMap, capture.nicSwitch.count == capture.nicCount {
            for k in sw.nics { if let i = nicMap.firstIndex(of: k), let s = capture.nicSwitch[i] { return s } }
        }
        return nil
    }

    /// "Gen4 x8 or Gen3 x16 (15.8 GB/s)": the generations and widths at or below the declared
    /// ones whose bandwidth is `gbs` (hwloc gives only the bandwidth), else the bandwidth alone.
    private func linkText(_ gbs: Double, within declared: (generation: Int, width: Int)) -> String {
        var names: [String] = []
        for generation in stride(from: declared.generation, through: 1, by: -1) {
            for width in [32, 16, 8, 4, 2, 1] where width <= declared.width {
                guard let x = expected.pcieGBs(generation, width), abs(x - gbs) <= 0.02 * x else { continue }
                names.append("Gen\(generation) x\(width)")
            }
        }
        return names.isEmpty
            ? Format.bandwidth(gbs: gbs) : names.joined(separator: " or ") + " (\(Format.bandwidth(gbs: gbs)))"
    }

    /// `00000000:3B:00.0` and `0000:3b:00.0` are the same function.
    static func canonicalBusID(_ id: String) -> String {
        let parts = id.lowercased().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return id.lowercased() }
        let domain = String(parts[0].drop { $0 == "0" })
        return (domain.isEmpty ? "0" : domain) + ":" + parts[1] + ":" + parts[2]
    }
}
