import TopoDiagnostics

/// Writes a `DraftSpec` as a topospec YAML file in the house style of `specs/`: comments above
/// what they explain, flow mappings for short items, hostlists for runs of NICs. The output
/// depends only on the draft, so the same input always gives the same bytes.
struct SpecWriter {
    private var lines: [String] = []

    /// `sockets: 2`, `sockets: {count: 2, cpu: epyc-rome}`, `sockets: unknown` or
    /// `sockets: {count: unknown, numa_nodes: 4, cpu: epyc-milan}`.
    private static func socketsLine(_ draft: DraftSpec) -> String {
        let cpu = draft.cpu.map { ", cpu: \($0)" } ?? ""
        if draft.socketCountUnknown {
            if draft.sockets == 1, cpu.isEmpty { return "sockets: unknown" }
            return "sockets: {count: unknown, numa_nodes: \(draft.sockets)\(cpu)}"
        }
        return cpu.isEmpty ? "sockets: \(draft.sockets)" : "sockets: {count: \(draft.sockets)\(cpu)}"
    }

    static func write(_ draft: DraftSpec) -> String {
        var writer = SpecWriter()
        writer.emit(draft)
        return writer.lines.joined(separator: "\n") + "\n"
    }

    private mutating func line(_ indent: Int, _ text: String, note: String? = nil) {
        var out = String(repeating: " ", count: indent) + text
        if let note, !note.isEmpty { out += "  # " + YAMLText.commentSafe(note) }
        lines.append(out)
    }

    /// Comment lines at `indent`, each text wrapped at word boundaries to fit 100 columns.
    private mutating func comments(_ indent: Int, _ texts: [String]) {
        let prefix = String(repeating: " ", count: indent) + "#"
        let width = max(40, 100 - indent - 2)
        for text in texts {
            let safe = YAMLText.commentSafe(text)
            // Keep a list item's indentation on its continuation lines.
            let lead = safe.prefix { $0 == " " }
            let hanging = safe.trimmingWhitespace().hasPrefix("- ") ? String(lead) + "  " : String(lead)
            var current = ""
            for word in safe.split(separator: " ", omittingEmptySubsequences: true) {
                if current.isEmpty {
                    current = String(lead) + word
                } else if current.count + 1 + word.count > width {
                    lines.append(prefix + " " + current)
                    current = hanging + word
                } else {
                    current += " " + word
                }
            }
            lines.append(current.isEmpty ? prefix : prefix + " " + current)
        }
    }

    private mutating func emit(_ draft: DraftSpec) {
        comments(0, draft.header)
        line(0, "topospec: 1")
        line(0, "cluster: \(draft.cluster)")
        if draft.placeholderGPU != nil || draft.placeholderNIC != nil {
            lines.append("")
            line(0, "hardware:")
            if let gpu = draft.placeholderGPU { emit(gpu) }
            if let nic = draft.placeholderNIC {
                line(2, "nics:")
                comments(4, nic.comments)
                line(4, "\(nic.id):")
                line(6, "name: " + YAMLText.quoted(nic.name))
                line(6, "vendor: unknown")
                line(6, "max_gbps: \(nic.maxGbps)")
                line(6, "host: pcie-gen\(nic.hostGeneration)-x16")
                line(6, "fabrics: [infiniband, roce, ethernet, efa]")
                line(6, "placeholder: true")
            }
        }
        lines.append("")
        line(0, "node_types:")
        comments(2, draft.typeComments)
        line(2, "\(draft.typeName):")
        line(4, "description: " + YAMLText.quoted(draft.description))
        emitGPUs(draft)
        if let note = draft.socketsNote { comments(4, ["Sockets: " + note + "."]) }
        line(4, Self.socketsLine(draft))
        emitWiring(draft)
        if !draft.pcie.isEmpty {
            comments(4, draft.pcieComments)
            line(4, "pcie:")
            for entry in draft.pcie {
                comments(6, entry.comments)
                line(6, "- " + flow(entry))
            }
        }
        if !draft.nics.isEmpty {
            comments(4, draft.nicComments)
            line(4, "nics:")
            for (key, value, note) in nicLines(draft.nics) { line(6, "\(key): \(value)", note: note) }
        }
        if draft.vm {
            comments(4, draft.vmComments)
            line(4, "platform: {vm: true}")
        }
        lines.append("")
        line(0, "nodes:")
        line(2, "\(draft.nodeName): {type: \(draft.typeName)}")
        if let domain = draft.nvlinkDomain {
            lines.append("")
            line(0, "nvlink_domains:")
            comments(2, domain.comments)
            line(
                2,
                "\(domain.name): {nodes: \(draft.nodeName), switches: {sku: \(domain.switchSKU), count: \(domain.switchCount)}}"
            )
        }
        if !draft.networks.isEmpty {
            lines.append("")
            line(0, "networks:")
            for network in draft.networks {
                if let note = network.note { comments(2, ["Fabric: " + note + "."]) }
                line(
                    2,
                    "\(network.name): {fabric: \(network.fabric)" + (network.role.map { ", role: \($0)" } ?? "") + "}")
            }
        }
    }

    private mutating func emit(_ gpu: DraftSpec.PlaceholderGPU) {
        line(2, "gpus:")
        comments(4, gpu.comments)
        line(4, "\(gpu.id):")
        line(6, "name: " + YAMLText.quoted(gpu.name))
        line(6, "vendor: \(gpu.vendor)")
        line(6, "form_factor: \(gpu.formFactor)", note: gpu.formFactorNote)
        line(6, "memory_gb: 1", note: "unknown: a placeholder value")
        line(6, gpu.hostC2C ? "host: nvlink-c2c" : "host: pcie-gen\(gpu.hostGeneration)-x16", note: gpu.hostNote)
        if let cc = gpu.computeCapability { line(6, "compute_capability: " + YAMLText.quoted(cc)) }
        if let p2p = gpu.pcieP2P { line(6, "pcie_p2p: \(p2p)", note: gpu.pcieP2PNote) }
        let key = gpu.vendor == "amd" ? "infinity_fabric" : "nvlink"
        if let nvlink = gpu.nvlink {
            var fields = [
                "generation: \(nvlink.generation)", "links: \(nvlink.links)",
                "link_gbs: \(Format.number(nvlink.linkGBs))",
                "nvswitch: \(nvlink.nvswitch)",
            ]
            if let bridge = nvlink.bridgeMaxGPUs { fields.append("bridge: {max_gpus: \(bridge)}") }
            fields.append("max_domain: \(nvlink.maxDomain)")
            if let note = gpu.nvlinkNote { comments(6, [note]) }
            line(6, key + ": {" + fields.joined(separator: ", ") + "}")
        } else {
            line(6, key + ": none", note: gpu.nvlinkNote)
        }
        line(6, "placeholder: true")
    }

    private mutating func emitGPUs(_ draft: DraftSpec) {
        comments(4, draft.gpuComments)
        if draft.gpuGroups.count == 1, let group = draft.gpuGroups.first {
            if let busIDs = group.busIDs {
                line(4, "gpus:")
                line(6, "sku: \(group.sku)", note: group.note)
                line(6, "count: \(group.count)")
                let quoted = busIDs.map(YAMLText.quoted)
                let chunks = stride(from: 0, to: quoted.count, by: 4).map {
                    Array(quoted[$0..<min($0 + 4, quoted.count)])
                }
                for (i, chunk) in chunks.enumerated() {
                    let text = chunk.joined(separator: ", ")
                    let open = i == 0 ? "bus_ids: [" : "          "
                    line(6, open + text + (i == chunks.count - 1 ? "]" : ","))
                }
            } else {
                line(4, "gpus: {sku: \(group.sku), count: \(group.count)}", note: group.note)
            }
            return
        }
        line(4, "gpus:")
        for group in draft.gpuGroups {
            var fields = ["sku: \(group.sku)", "count: \(group.count)"]
            if let busIDs = group.busIDs {
                fields.append("bus_ids: [" + busIDs.map(YAMLText.quoted).joined(separator: ", ") + "]")
            }
            line(6, "- {" + fields.joined(separator: ", ") + "}", note: group.note)
        }
    }

    private mutating func emitWiring(_ draft: DraftSpec) {
        comments(4, draft.wiringComments)
        let key = draft.scaleUpKey
        switch draft.wiring {
        case .mesh:
            line(4, key + ": {mesh: all}")
        case .unknown:
            break
        case .none:
            line(4, key + ": none")
        case .declaredUnknown:
            line(4, key + ": unknown")
        case .external:
            line(4, key + ": {domain: external}")
        case let .nvswitch(sku, count, gpus):
            var fields = ["sku: \(sku)", "count: \(count)"]
            if let gpus { fields.append("gpus: " + YAMLText.intList(gpus)) }
            line(4, key + ": {nvswitch: {" + fields.joined(separator: ", ") + "}}")
        case let .bridges(groups):
            line(4, key + ": {bridges: [" + groups.map(YAMLText.intList).joined(separator: ", ") + "]}")
        case let .links(links):
            line(4, key + ":")
            line(6, "links:")
            for link in links {
                line(8, "- {gpus: [\(link.a), \(link.b)], count: \(link.count)}")
            }
        }
    }

    private func flow(_ entry: DraftSpec.PCIeEntry) -> String {
        var fields = [(entry.isHostBridge ? "host_bridge: " : "switch: ") + entry.name]
        if let socket = entry.socket { fields.append("socket: \(socket)") }
        if let parent = entry.parent { fields.append("parent: \(parent)") }
        if let busID = entry.busID { fields.append("bus_id: " + YAMLText.quoted(busID)) }
        if let generation = entry.generation { fields.append("gen: \(generation)") }
        if let width = entry.width { fields.append("width: \(width)") }
        if !entry.gpus.isEmpty { fields.append("gpus: " + YAMLText.intList(entry.gpus)) }
        if !entry.nics.isEmpty { fields.append("nics: [" + entry.nics.joined(separator: ", ") + "]") }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// NIC entries: runs of NICs that differ only in their numbered names and devices become one
    /// hostlist entry (`"nic[0-7]": {…, device: "mlx5_[0-7]"}`); the rest one entry each.
    private func nicLines(_ nics: [DraftSpec.NIC]) -> [(String, String, String?)] {
        var out: [(String, String, String?)] = []
        var i = 0
        func fields(_ nic: DraftSpec.NIC, device: String?) -> String {
            var f = ["sku: \(nic.sku)"]
            if let gbps = nic.gbps { f.append("gbps: \(gbps)") }
            if let network = nic.network { f.append("network: \(network)") }
            if let device { f.append("device: " + YAMLText.quoted(device)) }
            if let busID = nic.busID { f.append("bus_id: " + YAMLText.quoted(busID)) }
            return "{" + f.joined(separator: ", ") + "}"
        }
        while i < nics.count {
            var j = i + 1
            let first = nics[i]
            while j < nics.count, nics[j].sku == first.sku, nics[j].network == first.network,
                nics[j].gbps == first.gbps,
                nics[j].busID == nil, first.busID == nil, nics[j].note == nil,
                (nics[j].device == nil) == (first.device == nil)
            {
                j += 1
            }
            // Shrink the run until both the names and the devices compress.
            while j > i + 1 {
                let run = Array(nics[i..<j])
                let names = YAMLText.hostlist(run.map(\.name))
                let devices = first.device == nil ? "" : YAMLText.hostlist(run.compactMap(\.device))
                if let names, let devices {
                    out.append(
                        (YAMLText.quoted(names), fields(first, device: first.device == nil ? nil : devices), first.note)
                    )
                    break
                }
                j -= 1
            }
            if j == i + 1 {
                out.append((first.name, fields(first, device: first.device), first.note))
            }
            i = j
        }
        return out
    }
}
