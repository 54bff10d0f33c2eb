import TopoDiagnostics
import TopoImport

/// Compares one capture of a node with the node's type and its own overrides (failed GPUs and
/// NICs): GPU and NIC counts, NVLink per pair, NVSwitch reachability, PCIe placement, PCIe link
/// state, NIC speed and NUMA affinity. Each difference is one `Deviation`; facts the capture does
/// not show are not compared.
struct NodeComparison {
    let expected: ExpectedNodeType
    let failedGPUs: Set<Int>
    let failedNICs: Set<String>

    /// Declared GPU index of each GPU the capture shows, or nil when the counts do not match.
    func gpuMapping(observed: Int) -> [Int]? {
        let declared = expected.gpuSKUs.count
        if observed == declared { return Array(0..<declared) }
        let healthy = (0..<declared).filter { !failedGPUs.contains($0) }
        return observed == healthy.count && !failedGPUs.isEmpty ? healthy : nil
    }

    /// Declared NIC index of each NIC the capture shows, or nil when the counts do not match.
    func nicMapping(observed: Int) -> [Int]? {
        let declared = expected.nicNames.count
        if observed == declared { return Array(0..<declared) }
        let healthy = (0..<declared).filter { !failedNICs.contains(expected.nicNames[$0]) }
        return observed == healthy.count && !failedNICs.isEmpty ? healthy : nil
    }

    private func gpuCountDeviation(_ observed: Int, line: Int?) -> Deviation {
        let declared = expected.gpuSKUs.count
        let failed = failedGPUs.isEmpty ? "" : " (\(failedGPUs.count) declared failed)"
        let what = observed < declared ? "\(declared - observed) missing" : "\(observed - declared) more than declared"
        return Deviation(
            VerifyCodes.gpuCount,
            "shows \(observed) GPU\(observed == 1 ? "" : "s"), node type \(expected.name) declares \(declared)\(failed): \(what)",
            line: line)
    }

    /// Deviations of a topology capture (nvidia-smi matrix or NCCL dump).
    func compare(_ shown: NodeCapture) -> [Deviation] {
        var out: [Deviation] = []
        let type = expected.name
        if let d = socketDeviation(shown) { out.append(d) }
        guard shown.showsDevices else { return out }
        let capture = shown.kind == .hwloc ? withDeclaredNICs(shown) : shown
        let gpuMap = gpuMapping(observed: capture.gpuCount)
        if gpuMap == nil { out.append(gpuCountDeviation(capture.gpuCount, line: capture.gpuLines.first)) }
        let nicMap = nicMapping(observed: capture.nicCount)
        out += switchLinkDeviations(capture, gpuMap, nicMap)
        if nicMap == nil, capture.kind != .ncclXML || capture.nicCount > 0 {
            let declared = expected.nicNames.count
            let failed = failedNICs.isEmpty ? "" : " (\(failedNICs.count) declared failed)"
            out.append(
                Deviation(
                    VerifyCodes.nicCount,
                    "shows \(capture.nicCount) NIC\(capture.nicCount == 1 ? "" : "s"), node type \(type) declares \(declared)\(failed)",
                    line: capture.nicLines.first ?? capture.gpuLines.first))
        }
        guard let gpuMap else { return out }
        if capture.showsNVLink { out += nvlinkDeviations(capture, gpuMap) }
        out += placementDeviations(capture, gpuMap, nicMap)
        out += modelAndLinkDeviations(capture, gpuMap)
        out += numaDeviations(capture, gpuMap)
        out += nicLinkDeviations(capture, nicMap)
        if let nicMap {
            for (i, k) in nicMap.enumerated() {
                guard let seen = capture.nicGbps[i], let declared = expected.nicGbps[k], seen < declared else {
                    continue
                }
                out.append(
                    Deviation(
                        VerifyCodes.nicSpeed,
                        "NIC \(nicLabel(k, capture.nicNames[i])) runs at \(format(seen)) Gb/s, node type \(type) declares \(format(declared)) Gb/s",
                        line: capture.nicLines[i], subject: "NIC \(k)"))
            }
        }
        return out
    }

    /// Deviations of a GPU list (`nvidia-smi --query-gpu=… --format=csv`).
    func compare(_ list: [GPUListEntry]) -> [Deviation] {
        var out: [Deviation] = []
        guard let gpuMap = gpuMapping(observed: list.count) else {
            return [gpuCountDeviation(list.count, line: list.first?.line)]
        }
        for (i, entry) in list.enumerated() {
            let g = gpuMap[i]
            if let sku = entry.sku, sku != expected.gpuSKUs[g] {
                out.append(
                    Deviation(
                        VerifyCodes.gpuModel,
                        "GPU \(g) is \(entry.name) (`\(sku)`), node type \(expected.name) declares `\(expected.gpuSKUs[g])`",
                        line: entry.line, subject: "GPU \(g)"))
            }
            let generation = entry.pcie.maxGeneration ?? entry.pcie.generation
            if let d = linkDeviation(gpu: g, generation: generation, width: entry.pcie.width, line: entry.line) {
                out.append(d)
            }
        }
        return out
    }

    // MARK: NVLink

    private func nvlinkDeviations(_ capture: NodeCapture, _ gpuMap: [Int]) -> [Deviation] {
        let n = capture.gpuCount
        var out: [Deviation] = []
        func declared(_ a: Int, _ b: Int) -> Int { expected.gpuLinks[gpuMap[a]][gpuMap[b]]?.nvlinkCount ?? 0 }
        func seen(_ a: Int, _ b: Int) -> Int { capture.gpuLinks[a][b]?.nvlinkCount ?? 0 }
        var open = Set<[Int]>()
        for a in 0..<n { for b in (a + 1)..<max(a + 1, n) where declared(a, b) != seen(a, b) { open.insert([a, b]) } }
        // NVSwitch reachability: a switched GPU with no link to the switch or to any switched peer.
        var unreachable: [Int] = []
        for a in 0..<n where expected.switched.contains(gpuMap[a]) {
            let peers = (0..<n).filter { $0 != a && expected.switched.contains(gpuMap[$0]) }
            let lost: Bool
            if let switchLinks = capture.nvswitchLinks {
                lost = switchLinks[a] == 0
            } else {
                lost = !peers.isEmpty && peers.allSatisfy { seen(a, $0) == 0 }
            }
            if lost { unreachable.append(a) }
        }
        for a in unreachable {
            let what = capture.nvswitchLinks != nil ? "has no NVLink to an NVSwitch chip" : "has no NVLink to any peer"
            out.append(
                Deviation(
                    VerifyCodes.nvswitchUnreachable,
                    "GPU \(gpuMap[a]) \(what); node type \(expected.name) attaches it to NVSwitch",
                    line: capture.gpuLines[a]))
            open = open.filter { !$0.contains(a) }
        }
        // Every pair differing the same way (a spec without the node's NVLink, a fabric down) is
        // one finding.
        if n >= 3, open.count == n * (n - 1) / 2, let p = open.first,
            open.allSatisfy({ seen($0[0], $0[1]) == seen(p[0], p[1]) && declared($0[0], $0[1]) == declared(p[0], p[1]) }
            )
        {
            let s = seen(p[0], p[1]), d = declared(p[0], p[1])
            return out + [
                Deviation(
                    VerifyCodes.nvlinkLinks,
                    "all \(open.count) GPU pairs have \(nv(s)), node type \(expected.name) declares \(nv(d))\(difference(s, d))",
                    line: capture.gpuLines.first)
            ]
        }
        // A GPU whose every pair differs the same way is one finding (its links to the switch).
        while true {
            var best: (gpu: Int, pairs: [[Int]])?
            for a in 0..<n {
                let pairs = open.filter { $0.contains(a) }
                guard pairs.count >= 2, pairs.count == n - 1 - unreachable.filter({ $0 != a }).count else { continue }
                let values = Set(pairs.map { p in seen(p[0], p[1]) }),
                    wanted = Set(pairs.map { p in declared(p[0], p[1]) })
                guard values.count == 1, wanted.count == 1 else { continue }
                if pairs.count > best?.pairs.count ?? 0 {
                    best = (a, pairs.sorted { $0.lexicographicallyPrecedes($1) })
                }
            }
            guard let (a, pairs) = best, let p = pairs.first else { break }
            let s = seen(p[0], p[1]), d = declared(p[0], p[1])
            out.append(
                Deviation(
                    VerifyCodes.nvlinkLinks,
                    "GPU \(gpuMap[a]) has \(nv(s)) to each of its \(pairs.count) peers, node type \(expected.name) declares \(nv(d))\(difference(s, d))",
                    line: capture.gpuLines[a]))
            open.subtract(pairs)
        }
        for pair in open.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let a = pair[0], b = pair[1], s = seen(a, b), d = declared(a, b)
            out.append(
                Deviation(
                    VerifyCodes.nvlinkLinks,
                    "GPU \(gpuMap[a]) ↔ GPU \(gpuMap[b]) has \(nv(s)), node type \(expected.name) declares \(nv(d))\(difference(s, d))",
                    line: capture.gpuLines[a]))
        }
        return out
    }

    private func nv(_ count: Int) -> String { count == 0 ? "no NVLink" : "NV\(count)" }

    private func difference(_ seen: Int, _ declared: Int) -> String {
        guard seen < declared else { return "" }
        let down = declared - seen
        return " (\(down) link\(down == 1 ? "" : "s") down)"
    }

    // MARK: PCIe placement

    private enum Device: Hashable, Comparable {
        case gpu(Int), nic(Int)

        static func < (a: Device, b: Device) -> Bool {
            switch (a, b) {
            case let (.nic(x), .nic(y)), let (.gpu(x), .gpu(y)): x < y
            case (.nic, .gpu): true
            case (.gpu, .nic): false
            }
        }
    }

    private struct Relation: Hashable {
        var a: Device
        var b: Device
        var seen: NodeCapture.Link
        var declared: NodeCapture.Link
    }

    private func samePCIeClass(_ x: NodeCapture.Link, _ y: NodeCapture.Link, separatesHostBridges: Bool) -> Bool {
        if x == y { return true }
        if !separatesHostBridges, [x, y].allSatisfy({ $0 == .phb || $0 == .node }) { return true }
        return false
    }

    private func placementDeviations(_ capture: NodeCapture, _ gpuMap: [Int], _ nicMap: [Int]?) -> [Deviation] {
        var relations: [Relation] = []
        let n = capture.gpuCount
        for a in 0..<n {
            for b in (a + 1)..<max(a + 1, n) {
                guard let s = capture.gpuLinks[a][b], let d = expected.gpuLinks[gpuMap[a]][gpuMap[b]],
                    s.nvlinkCount == 0, d.nvlinkCount == 0,
                    !samePCIeClass(s, d, separatesHostBridges: capture.separatesHostBridges)
                else { continue }
                relations.append(Relation(a: .gpu(gpuMap[a]), b: .gpu(gpuMap[b]), seen: s, declared: d))
            }
        }
        if let nicMap {
            for a in 0..<n {
                for (i, k) in nicMap.enumerated() {
                    guard let s = capture.gpuNICLinks[a][i], let d = expected.gpuNICLinks[gpuMap[a]][k],
                        !samePCIeClass(s, d, separatesHostBridges: capture.separatesHostBridges)
                    else { continue }
                    relations.append(Relation(a: .nic(k), b: .gpu(gpuMap[a]), seen: s, declared: d))
                }
            }
        }
        var nicNames: [Int: String?] = [:]
        var gpuLines: [Int: Int] = [:], nicLines: [Int: Int] = [:]
        for (i, g) in gpuMap.enumerated() { gpuLines[g] = capture.gpuLines[i] }
        for (i, k) in (nicMap ?? []).enumerated() {
            nicNames[k] = capture.nicNames[i]
            nicLines[k] = capture.nicLines[i]
        }
        func label(_ device: Device) -> String {
            switch device {
            case let .gpu(g): "GPU \(g)"
            case let .nic(k): "NIC \(nicLabel(k, nicNames[k] ?? nil))"
            }
        }
        // Attribute the differing relations to the devices that explain most of them.
        var out: [Deviation] = []
        var open = relations
        while !open.isEmpty {
            var counts: [Device: Int] = [:]
            for r in open { counts[r.a, default: 0] += 1; counts[r.b, default: 0] += 1 }
            guard let device = counts.keys.sorted().max(by: { counts[$0] ?? 0 < counts[$1] ?? 0 }) else { break }
            let mine = open.filter { $0.a == device || $0.b == device }
            open.removeAll { $0.a == device || $0.b == device }
            let parts = mine.map { r -> String in
                let other = r.a == device ? r.b : r.a
                return "\(label(other)) is \(r.seen) (declared \(r.declared))"
            }
            let shown =
                parts.prefix(4).joined(separator: ", ") + (parts.count > 4 ? ", and \(parts.count - 4) more" : "")
            let line: Int?
            switch device {
            case let .gpu(g): line = gpuLines[g]
            case let .nic(k): line = nicLines[k]
            }
            out.append(
                Deviation(
                    VerifyCodes.pciePlacement,
                    "\(label(device)) is elsewhere in the PCIe tree than node type \(expected.name) places it: \(shown)",
                    line: line))
        }
        return out
    }

    func nicLabel(_ k: Int, _ device: String?) -> String {
        let name = expected.nicNames[k]
        if let device, device != name { return "\(name) (\(device))" }
        return name
    }

    // MARK: Models, links, NUMA

    private func modelAndLinkDeviations(_ capture: NodeCapture, _ gpuMap: [Int]) -> [Deviation] {
        var out: [Deviation] = []
        for (i, g) in gpuMap.enumerated() {
            if let sku = capture.gpuSKUs[i], sku != expected.gpuSKUs[g] {
                out.append(
                    Deviation(
                        VerifyCodes.gpuModel,
                        "GPU \(g) is `\(sku)`, node type \(expected.name) declares `\(expected.gpuSKUs[g])`",
                        line: capture.gpuLines[i], subject: "GPU \(g)"))
            }
            if let link = capture.gpuPCIe[i],
                let d = linkDeviation(gpu: g, generation: link.generation, width: link.width, line: capture.gpuLines[i])
            {
                out.append(d)
            }
        }
        return out
    }

    private func linkDeviation(gpu g: Int, generation: Int?, width: Int?, line: Int) -> Deviation? {
        guard let declared = expected.gpuPCIe[g] else { return nil }
        let slowGen = generation.map { $0 < declared.generation } ?? false
        let narrow = width.map { $0 < declared.width } ?? false
        guard slowGen || narrow else { return nil }
        let seen = "Gen\(generation.map(String.init) ?? "?") x\(width.map(String.init) ?? "?")"
        return Deviation(
            VerifyCodes.pcieLinkDegraded,
            "GPU \(g)'s PCIe link is \(seen), node type \(expected.name) declares Gen\(declared.generation) x\(declared.width)",
            line: line, subject: "GPU \(g)")
    }

    private func numaDeviations(_ capture: NodeCapture, _ gpuMap: [Int]) -> [Deviation] {
        let numa = capture.gpuNUMA.compactMap { $0 }
        guard numa.count == capture.gpuCount, !numa.isEmpty else { return [] }
        let distinct = Array(Set(numa)).sorted()
        guard distinct.count == expected.sockets, expected.sockets > 1 else { return [] }
        var out: [Deviation] = []
        for (i, g) in gpuMap.enumerated() {
            guard let id = capture.gpuNUMA[i], let socket = distinct.firstIndex(of: id),
                let declared = expected.gpuSockets[g], declared != socket
            else { continue }
            let affinity = capture.gpuCPUAffinity[i].map { ", CPUs \($0)" } ?? ""
            out.append(
                Deviation(
                    VerifyCodes.numaAffinity,
                    "GPU \(g) is on NUMA node \(id)\(affinity); node type \(expected.name) places it on \(expected.socketCountUnknown ? "NUMA node" : "socket") \(declared)",
                    line: capture.gpuLines[i], subject: "GPU \(g)"))
        }
        return out
    }

    private func format(_ gbps: Double) -> String {
        gbps == gbps.rounded() ? String(Int(gbps)) : String(gbps)
    }
}
