import TopoDiagnostics
import TopoModel

/// Imports the text of `nvidia-smi topo -m` (or `topo -mp`) as people paste it into a topospec
/// spec: one node type with the GPUs, the sockets, the NVLink wiring, a PCIe tree that gives the
/// matrix's path classes, and the NICs; one node of that type; a network for the NICs.
///
/// The matrix does not name the GPU model; an optional names file (`nvidia-smi
/// --query-gpu=index,name,pci.bus_id --format=csv` or `nvidia-smi -L`) does, and its names are
/// mapped to catalog SKUs. Without it the GPUs are a placeholder entry (`placeholder: true`) whose
/// NVLink capability is what the NV# cells show.
public struct NvidiaSmiTopoImporter: Sendable {
    /// The node type's name.
    public var typeName: String
    public var catalog: Catalog

    public init(typeName: String = "imported", catalog: Catalog = BuiltinCatalog.catalog) {
        self.typeName = typeName
        self.catalog = catalog
    }

    /// Imports the file at `path` (`-`: standard input), with the GPU names file at `gpuNamesPath` if given.
    ///
    /// - Parameters:
    ///   - path: The `nvidia-smi topo -m` output; `-` reads standard input.
    ///   - gpuNamesPath: A GPU names file (`--query-gpu=index,name,pci.bus_id` CSV or `nvidia-smi -L`),
    ///     or nil for placeholder GPUs.
    /// - Returns: The spec and the findings on the inputs, as `importText` gives them; a file that
    ///   cannot be read is one `unreadableInput` finding and no spec.
    public func importFile(path: String, gpuNamesPath: String? = nil) -> ImportResult {
        let bytes: [UInt8]
        switch InputText.read(path: path) {
        case let .success(b): bytes = b
        case let .failure(d): return ImportResult(spec: nil, findings: [d], sources: [])
        }
        var names: (bytes: [UInt8], path: String)?
        if let gpuNamesPath {
            switch InputText.read(path: gpuNamesPath) {
            case let .success(b): names = (b, InputText.displayName(gpuNamesPath))
            case let .failure(d): return ImportResult(spec: nil, findings: [d], sources: [])
            }
        }
        return importText(bytes, path: InputText.displayName(path), gpuNames: names)
    }

    /// Imports `bytes` as if read from `path`; `gpuNames` is the names file's content and path.
    ///
    /// - Parameters:
    ///   - bytes: The `nvidia-smi topo -m` (or `-mp`) output.
    ///   - path: The name its findings are located in.
    ///   - gpuNames: A GPU names file's text and path, or nil for placeholder GPUs.
    /// - Returns: The spec, with findings on guesses and defects; or no spec and the errors that stopped
    ///   the import (an invalid `typeName`, unusable text, a matrix that does not parse).
    public func importText(
        _ bytes: [UInt8], path: String, gpuNames: (bytes: [UInt8], path: String)? = nil
    ) -> ImportResult {
        let text: InputText
        switch InputText.loadForImport(bytes, path: path, what: "`nvidia-smi topo -m` output", typeName: typeName) {
        case let .success(t): text = t
        case let .failure(refusal): return refusal.result
        }
        var sources = [text.source]
        let matrix: NvidiaSmiMatrix
        do {
            matrix = try NvidiaSmiMatrix.parse(text)
        } catch {
            return ImportResult(spec: nil, findings: error.diagnostics.sorted(), sources: sources)
        }
        var findings: [Diagnostic] = []
        var namesFile: GPUNamesFile?
        var namesText: InputText?
        if let gpuNames {
            switch InputText.load(
                gpuNames.bytes, path: gpuNames.path,
                what: "a GPU list (`nvidia-smi --query-gpu=index,name,pci.bus_id --format=csv`)")
            {
            case let .success(t):
                namesText = t
                sources.append(t.source)
                do {
                    namesFile = try GPUNamesFile.parse(t)
                } catch {
                    return ImportResult(spec: nil, findings: [error], sources: sources)
                }
            case let .failure(d):
                return ImportResult(
                    spec: nil, findings: [d],
                    sources: sources + [SourceText(path: gpuNames.path, bytes: gpuNames.bytes)])
            }
        }
        var draft = build(matrix, text: text, names: namesFile, namesText: namesText, findings: &findings)
        draft.typeName = typeName
        return ImportResult(spec: SpecWriter.write(draft), findings: findings.sorted(), sources: sources)
    }

    private func build(
        _ matrix: NvidiaSmiMatrix, text: InputText, names: GPUNamesFile?, namesText: InputText?,
        findings: inout [Diagnostic]
    ) -> DraftSpec {
        let g = matrix.gpuCount
        let k = matrix.nicCount
        var draft = DraftSpec(typeName: typeName, description: "")
        let file = text.path.split(separator: "/").last.map(String.init) ?? text.path

        // GPU models from the names file.
        var skus: [GPUSKU?] = Array(repeating: nil, count: g)
        var busIDs: [String?] = Array(repeating: nil, count: g)
        var givenNames: [String?] = Array(repeating: nil, count: g)
        var nameLocations: [SourceLocation?] = Array(repeating: nil, count: g)
        if let names {
            findings += names.findings
            let table = GPUNameTable(catalog: catalog)
            var seen = Set<Int>()
            for entry in names.entries {
                guard entry.index >= 0, entry.index < g else {
                    findings.append(
                        ImportCodes.gpuNamesMismatch.diagnostic(
                            "the names file lists GPU \(entry.index), but the matrix has \(Format.count(g, "GPU")) (0–\(g - 1)); the line is ignored",
                            at: entry.location))
                    continue
                }
                guard seen.insert(entry.index).inserted else {
                    findings.append(
                        ImportCodes.gpuNamesMismatch.diagnostic(
                            "GPU \(entry.index) is listed twice; the first line is used", at: entry.location))
                    continue
                }
                givenNames[entry.index] = entry.name
                busIDs[entry.index] = entry.busID
                nameLocations[entry.index] = entry.location
                if let id = table.sku(for: entry.name), let sku = catalog.gpus[id] {
                    skus[entry.index] = sku
                } else {
                    findings.append(
                        ImportCodes.unknownGPUName.diagnostic(
                            "`\(entry.name)` is not a GPU model the catalog knows; GPU \(entry.index) gets the placeholder `unidentified-gpu`",
                            at: entry.location,
                            help:
                                "add the model under `hardware.gpus` of the spec and use it instead of the placeholder")
                    )
                }
            }
            let missing = (0..<g).filter { !seen.contains($0) }
            if !missing.isEmpty, let namesText {
                findings.append(
                    ImportCodes.gpuNamesMismatch.diagnostic(
                        "the names file does not name GPU\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of the matrix; \(missing.count == 1 ? "it gets" : "they get") the placeholder",
                        at: namesText.location(line: 1)))
            }
        }

        // PCIe tree.
        let count = g + k
        var relations = Array(repeating: [PathClass?](repeating: nil, count: count), count: count)
        for a in 0..<count {
            for b in 0..<count where a != b { relations[a][b] = matrix.cell(a, b).pcieClass }
        }
        let keys: [String?] = (0..<count).map { d in
            if let socket = matrix.socketColumn[d] { return "socket " + socket }
            guard d < g else { return nil }
            return matrix.cpuAffinity[d] ?? matrix.numaAffinity[d]
        }
        let tree = PCIeTreeInference.infer(relations: relations, socketKeys: keys)
        for mismatch in tree.mismatches.prefix(20) {
            let a = matrix.devices[mismatch.a].label, b = matrix.devices[mismatch.b].label
            findings.append(
                ImportCodes.matrixNotATree.diagnostic(
                    "`\(a)` → `\(b)` is \(mismatch.expected), but no PCIe tree agrees with all the other cells; the spec gives \(mismatch.got)",
                    at: matrix.cellLocations[mismatch.a][mismatch.b]))
        }

        // NVLink.
        var evidence = NVLinkEvidence(gpuCount: g, shown: matrix.showsNVLink == true)
        // GPU memory exposed as a NUMA node ("GPU NUMA ID" filled in): the GPUs hang off Grace CPUs
        // over NVLink-C2C (GH200, GB200, GB300), and their PCIe cells to NICs say nothing.
        let c2c = matrix.hasGPUNUMAID && g > 0 && (0..<g).allSatisfy { matrix.gpuNUMAID[$0] != nil }
        evidence.c2c = c2c
        for a in 0..<g {
            for b in 0..<g where a != b { evidence.pairCounts[a][b] = matrix.cell(a, b).nvlinkCount ?? 0 }
        }
        let source = matrix.showsNVLink == false ? "`nvidia-smi topo -mp` (PCIe only)" : "the matrix"
        let plan = NVLinkPlan.make(evidence, skus: skus, catalog: catalog, source: source)
        let problemLocation = nameLocations.compactMap { $0 }.first ?? matrix.headerLocation
        for problem in plan.problems {
            findings.append(ImportCodes.gpuNamesMismatch.diagnostic(problem, at: problemLocation))
        }
        if matrix.showsNVLink == nil {
            findings.append(
                ImportCodes.inferred.diagnostic(
                    "the legend is missing or cut before its `NV#` line and no cell shows NVLink; the spec declares NVLink `unknown` unless the GPU models imply it",
                    at: matrix.headerLocation,
                    help: "if the GPUs have NVLink, import the complete `nvidia-smi topo -m` output"))
        }
        draft.wiring = plan.wiring
        draft.wiringComments = plan.comments
        if case .external = plan.wiring {
            draft.nvlinkDomain = Self.rackDomain(catalog: catalog)
        }

        // Names of entries and NICs.
        let nicNames = (0..<k).map { "nic\($0)" }
        var hostBridges = 0, switches = 0
        let entryNames: [String] = tree.entries.map { entry in
            if entry.isHostBridge {
                defer { hostBridges += 1 }
                return "rc\(hostBridges)"
            }
            defer { switches += 1 }
            return "sw\(switches)"
        }
        let socketColumn = matrix.socketColumn.contains { $0 != nil }
        let sockets = SocketAssignment.make(
            tree: tree, gpuCount: g, cpuAffinity: matrix.cpuAffinity, trustTree: socketColumn, c2c: c2c)
        var kept: [DraftSpec.PCIeEntry] = []
        for (i, entry) in tree.entries.enumerated() {
            var e = DraftSpec.PCIeEntry(isHostBridge: entry.isHostBridge, name: entryNames[i])
            if let parent = entry.parent {
                e.parent = entryNames[parent]
            } else {
                e.socket = sockets.socket(ofTreeSocket: entry.socket)
            }
            // NVLink-C2C GPUs are not on PCIe: they reach their Grace CPU directly.
            e.gpus = c2c ? [] : entry.devices.filter { $0 < g }
            e.nics = entry.devices.filter { $0 >= g }.map { nicNames[$0 - g] }
            kept.append(e)
        }
        draft.pcie = DraftSpec.PCIeEntry.droppingEmpty(kept)
        draft.pcieComments = pcieComments(tree: tree, matrix: matrix)
        if c2c {
            draft.pcieComments.append(
                "The GPUs reach their Grace CPUs over NVLink-C2C (each GPU's memory is a NUMA node, the "
                    + "\"GPU NUMA ID\" column), so they are not in the PCIe tree; only the NICs are.")
        }
        draft.pcieComments += sockets.comments

        // Placeholder GPU.
        let skuIDs = skus.map { $0?.id ?? "unidentified-gpu" }
        if skus.contains(where: { $0 == nil }) {
            var placeholder = DraftSpec.PlaceholderGPU(
                name: "GPU not identified (nvidia-smi topo -m)", formFactor: plan.placeholderFormFactor,
                hostGeneration: 4)
            placeholder.hostC2C = plan.placeholderC2C || c2c
            placeholder.nvlink = plan.placeholderCapability
            placeholder.nvlinkNote =
                plan.placeholderCapability == nil
                ? (evidence.shown ? "the matrix shows no NVLink" : "unknown: the input does not show NVLink")
                : plan.placeholderNote
            placeholder.hostNote =
                placeholder.hostC2C
                ? "the GPU's memory is a NUMA node: NVLink-C2C to a Grace CPU"
                : "unknown: nvidia-smi topo -m does not show link speeds"
            if placeholder.hostC2C { placeholder.formFactor = "superchip" }
            placeholder.formFactorNote =
                placeholder.hostC2C
                ? "Grace superchip"
                : plan.placeholderCapability?.nvswitch == true ? "NVSwitch-attached GPUs are modules (SXM)" : nil
            placeholder.comments = [
                "nvidia-smi topo -m does not name the GPU model. Replace `unidentified-gpu` with a catalog SKU "
                    + "(`topospec catalog`), or import again with --gpu-names FILE (the output of "
                    + "`nvidia-smi --query-gpu=index,name,pci.bus_id --format=csv`). Lint warns (TS404) until then."
            ]
            draft.placeholderGPU = placeholder
        }
        var groups: [DraftSpec.GPUGroup] = []
        var start = 0
        while start < g {
            var end = start + 1
            while end < g, skuIDs[end] == skuIDs[start], givenNames[end] == givenNames[start] { end += 1 }
            let ids = busIDs[start..<end]
            let note = givenNames[start].map { "\"\($0)\"" + (skus[start] == nil ? " (not in the catalog)" : "") }
            groups.append(
                DraftSpec.GPUGroup(
                    sku: skuIDs[start], count: end - start,
                    busIDs: ids.allSatisfy { $0 != nil } ? ids.compactMap { $0 } : nil, note: note))
            start = end
        }
        draft.gpuGroups = groups
        if names != nil {
            draft.gpuComments = ["GPU models and bus ids from the names file (--gpu-names)."]
        }

        // Sockets: a socket column names them; CPU affinity ranges are NUMA domains (DraftSpec+Sockets.swift).
        if socketColumn {
            draft.sockets = sockets.count
        } else {
            draft.setSockets(numaDomains: sockets.count)
        }
        draft.socketsNote = sockets.note + (draft.unknownSocketsCaveat.map { "; " + $0 } ?? "")

        // NICs and networks.
        if k > 0 {
            var fabrics: [(fabric: String, why: String)] = []
            var frontend: [(frontend: Bool, why: String)] = []
            for n in 0..<k {
                let device = matrix.nicDevices[n]
                var nic = DraftSpec.NIC(name: nicNames[n], sku: "unidentified-nic")
                if let device, YAMLText.isName(device) {
                    nic.device = device
                } else if let device {
                    findings.append(
                        ImportCodes.inferred.diagnostic(
                            "`\(device)` cannot be written as a device name; NIC \(n) is imported without `device`",
                            at: matrix.nicDeviceLocations[n] ?? matrix.devices[g + n].headerLocation))
                }
                let guess = NICFabric.guess(pciClass: nil, vendor: nil, device: nic.device, sku: nil)
                fabrics.append(guess)
                frontend.append(NICRole.frontend(device: nic.device, gdr: nil, hasPCIDevice: true))
                draft.nics.append(nic)
            }
            draft.networks = Self.networks(for: &draft.nics, fabrics: fabrics, frontend: frontend)
            let legend =
                matrix.rawNICColumns
                ? "the column labels"
                : (matrix.nicDevices.contains { $0 != nil } ? "the NIC legend" : "nothing (no NIC legend)")
            draft.nicComments = [
                "NICs: the matrix's \(k) NIC column\(k == 1 ? "" : "s"); RDMA device names from \(legend). The adapter "
                    + "model is not in the matrix (`unidentified-nic` above); one NIC entry is one port."
            ]
            if matrix.nicDevices.contains(where: { $0 == nil }) {
                findings.append(
                    ImportCodes.inferred.diagnostic(
                        "the NIC legend is missing or incomplete; NICs without a legend line are imported without `device`",
                        at: matrix.devices[g].headerLocation))
            }
            draft.placeholderNIC = DraftSpec.PlaceholderNIC(
                name: "NIC not identified (nvidia-smi topo -m)", maxGbps: 400, hostGeneration: 5,
                comments: [
                    "nvidia-smi names only the RDMA device, not the adapter: replace `unidentified-nic` with a "
                        + "catalog NIC (`topospec catalog`: connectx-7, bluefield-3, efa, …). max_gbps and host are guesses."
                ])
        }

        // Description and header.
        let gpuWord = "\(Format.count(g, "GPU"))"
        let nicWord = k == 0 ? "no NICs" : "\(Format.count(k, "NIC"))"
        draft.description =
            "Imported from nvidia-smi topo -m (\(file)): \(gpuWord), \(nicWord), \(draft.socketsPhrase)"
        var columns: [String] = []
        if matrix.hasCPUAffinity { columns.append("CPU") }
        if matrix.hasNUMAAffinity { columns.append("NUMA") }
        let affinity = columns.isEmpty ? "no affinity columns" : columns.joined(separator: " and ") + " affinity"
        let kind = matrix.showsNVLink == false ? "nvidia-smi topo -mp" : "nvidia-smi topo -m"
        draft.header = [
            "Imported by `topospec import nvidia-smi` from \(file).",
            "Input: \(kind) of one node: \(gpuWord), \(nicWord), \(affinity).",
            "The matrix gives how devices reach each other, not the hardware itself: the PCIe switches and "
                + "host bridges below are the smallest tree with the same path classes, and the GPU and NIC models "
                + "are placeholders unless the GPUs were named (--gpu-names). Comments say what was inferred.",
        ]
        if let prompt = matrix.promptLine {
            draft.header.append("Command line before the matrix: \(String(prompt.trimmingWhitespace().prefix(100)))")
        }
        return draft
    }

    private func pcieComments(tree: PCIeTreeInference, matrix: NvidiaSmiMatrix) -> [String] {
        var lines = [
            "PCIe tree inferred from the path classes: each PIX group is one switch, PIX groups that are "
                + "PXB to each other hang under a common parent switch, devices PHB to each other share a host "
                + "bridge, NODE means different host bridges of one socket, SYS different sockets (NUMA nodes where "
                + "the socket count is unknown)."
        ]
        let nvPairs = (0..<matrix.gpuCount).contains { a in
            (0..<matrix.gpuCount).contains { matrix.cell(a, $0).nvlinkCount != nil }
        }
        if nvPairs {
            lines.append(
                "nvidia-smi prints NV# instead of the PCIe path of NVLinked GPU pairs; those paths are not known.")
        }
        if !tree.unconstrained.isEmpty {
            let labels = tree.unconstrained.map { matrix.devices[$0].label }
            lines.append(
                "The matrix does not place \(labels.joined(separator: ", ")) relative to the devices of \(labels.count == 1 ? "its" : "their") socket; they share one host bridge here."
            )
        }
        return lines
    }

    /// The rack-wide NVLink domain a GB200 / GB300 NVL compute tray belongs to: NVL72 has 9 switch
    /// trays of 2 NVLink 5 switch chips (NVIDIA DGX GB200 user guide, hardware overview).
    static func rackDomain(catalog: Catalog) -> DraftSpec.NVLinkDomain? {
        guard
            let chip = catalog.nvswitches.values.filter({ $0.nvlinkGeneration == 5 }).sorted(by: { $0.id < $1.id })
                .first
        else { return nil }
        return DraftSpec.NVLinkDomain(
            switchSKU: chip.id, switchCount: 18,
            comments: [
                "The tray's GPUs connect through the rack's NVLink switch trays: an NVL72 rack has 18 trays like this one and 9 switch "
                    + "trays of 2 chips. Only this tray was imported; add the rack's other trays to `nodes` of this domain."
            ])
    }

    /// One network per fabric the NICs speak (`compute` for the first), and each NIC's network.
    /// Frontend ports (`frontend[i]` with its reason) go to one `frontend` Ethernet network with
    /// `role: management`, whatever their fabric guess.
    static func networks(
        for nics: inout [DraftSpec.NIC], fabrics: [(fabric: String, why: String)],
        frontend: [(frontend: Bool, why: String)] = []
    ) -> [DraftSpec.Network] {
        var networks: [DraftSpec.Network] = []
        // `compute` goes to the fabric GPUs are most likely trained over: InfiniBand, then EFA,
        // then RoCE (a VPI adapter's Ethernet port is usually storage or frontend).
        let order = ["infiniband", "efa", "roce", "ethernet"]
        let computeFabric = fabrics.indices.filter { $0 >= frontend.count || !frontend[$0].frontend }.map {
            fabrics[$0].fabric
        }
        .min { (order.firstIndex(of: $0) ?? 9) < (order.firstIndex(of: $1) ?? 9) }
        if let computeFabric, let first = fabrics.firstIndex(where: { $0.fabric == computeFabric }) {
            networks.append(DraftSpec.Network(name: "compute", fabric: computeFabric, note: fabrics[first].why))
        }
        for (i, guess) in fabrics.enumerated() where i < nics.count {
            let name: String
            if i < frontend.count, frontend[i].frontend {
                name = "frontend"
                if !networks.contains(where: { $0.name == name }) {
                    networks.append(
                        DraftSpec.Network(
                            name: name, fabric: "ethernet", note: frontend[i].why + "; not a compute port",
                            role: "management"))
                }
            } else if let existing = networks.first(where: { $0.fabric == guess.fabric && $0.role == nil }) {
                name = existing.name
            } else {
                name = guess.fabric
                networks.append(DraftSpec.Network(name: name, fabric: guess.fabric, note: guess.why))
            }
            nics[i].network = name
        }
        return networks
    }
}
