import TopoModel

/// What an input says about NVLink: link counts between GPU pairs (nvidia-smi's NV#, NCCL's
/// GPU-class `nvlink` elements) and links to NVSwitch chips (NCCL only).
struct NVLinkEvidence: Sendable {
    var gpuCount: Int
    /// Symmetric `gpuCount × gpuCount` link counts.
    var pairCounts: [[Int]]
    /// Links from each GPU to NVSwitch chips.
    var switchLinks: [Int]
    /// Distinct NVSwitch chips the links go to, when the input names them.
    var switchChips: Int?
    /// False when the input cannot show NVLink (`nvidia-smi topo -mp`, partial NCCL files).
    var shown: Bool
    /// NCCL's `sm` of the GPUs (compute capability × 10), when given.
    var sm: Int?
    /// True when the GPUs hang off a Grace CPU over NVLink-C2C (their memory is a NUMA node:
    /// nvidia-smi's "GPU NUMA ID" column; NCCL's C2C links).
    var c2c = false

    init(gpuCount: Int, shown: Bool) {
        self.gpuCount = gpuCount
        pairCounts = Array(repeating: Array(repeating: 0, count: gpuCount), count: gpuCount)
        switchLinks = Array(repeating: 0, count: gpuCount)
        self.shown = shown
    }
}

/// Chooses the DSL wiring for the NVLink an input shows: NVSwitch when every pair has all of
/// every GPU's links (more than a GPU could give each peer directly), bridges for disjoint
/// groups of PCIe cards, explicit `links` otherwise. With catalog SKUs the wiring must fit what
/// the SKUs can do; for placeholder GPUs it also chooses the placeholder's capability.
struct NVLinkPlan: Sendable {
    var wiring: DraftSpec.Wiring = .unknown
    var comments: [String] = []
    /// The capability a placeholder GPU needs (nil: `nvlink: none`).
    var placeholderCapability: DraftSpec.Capability?
    var placeholderFormFactor = "pcie"
    /// The placeholder GPU reaches its host over NVLink-C2C.
    var placeholderC2C = false
    var placeholderNote: String?
    /// Problems with the identified SKUs (the caller locates them).
    var problems: [String] = []

    /// Per-NVLink-generation NVSwitch chips on an 8-GPU HGX baseboard: NVLink 2 (HGX-2, V100) 6,
    /// NVLink 3 (HGX A100) 6, NVLink 4 (HGX H100/H200) 4, NVLink 5 (HGX B200) 2.
    static let switchesPerBoard: [Int: Int] = [2: 6, 3: 6, 4: 4, 5: 2]

    /// GB/s per link (both directions) by NVLink generation, for placeholders.
    static let linkGBs: [Int: Double] = [1: 40, 2: 50, 3: 50, 4: 50, 5: 100]

    static func make(_ evidence: NVLinkEvidence, skus: [GPUSKU?], catalog: Catalog, source: String) -> NVLinkPlan {
        var plan = NVLinkPlan()
        let n = evidence.gpuCount
        guard evidence.shown else {
            plan.implied(gpuCount: n, skus: skus, catalog: catalog, source: source)
            return plan
        }
        var pairs: [DraftSpec.Link] = []
        for a in 0..<n {
            for b in (a + 1)..<max(a + 1, n) where evidence.pairCounts[a][b] > 0 {
                pairs.append(DraftSpec.Link(a: a, b: b, count: evidence.pairCounts[a][b]))
            }
        }
        let switched = (0..<n).filter { evidence.switchLinks[$0] > 0 }
        // Grace Blackwell NVL compute tray: 4 GPUs on NVLink-C2C, NV18 between every pair through
        // the rack's switch trays (no NVSwitch in the tray).
        if evidence.c2c, n == 4, pairs.count == 6, pairs.allSatisfy({ $0.count == 18 }), switched.isEmpty {
            let identified = skus.compactMap { $0 }
            if identified.count == n, let sku = identified.first, identified.allSatisfy({ $0.id == sku.id }),
                let nvlink = sku.nvlink, !(nvlink.nvswitch && nvlink.maxDomain > 8)
            {
                plan.problems.append(
                    "every GPU pair shows NV18 on NVLink-C2C GPUs (an NVL compute tray), but `\(sku.id)` (\(sku.name)) does not attach to a multi-node NVLink domain"
                )
            }
            plan.wiring = .external
            plan.comments = [
                "NVLink: NV18 between every pair of 4 GPUs that reach their Grace CPUs over NVLink-C2C is a GB200 / GB300 "
                    + "NVL compute tray: the tray has no NVSwitch, each GPU's 18 NVLink 5 links go to the rack's switch trays."
            ]
            if skus.allSatisfy({ $0 == nil }) {
                plan.placeholderCapability = DraftSpec.Capability(
                    generation: 5, links: 18, linkGBs: 100, nvswitch: true,
                    bridgeMaxGPUs: nil, maxDomain: 72)
                plan.placeholderFormFactor = "superchip"
                plan.placeholderC2C = true
                plan.placeholderNote = "Grace Blackwell GPU (GB200 or GB300) of an NVL compute tray: NVLink 5, 18 links"
            }
            return plan
        }
        if pairs.isEmpty, switched.isEmpty {
            plan.wiring = .none
            plan.comments = ["NVLink: none (\(source) shows only PCIe paths between the GPUs)."]
            return plan
        }
        let placeholders = skus.allSatisfy { $0 == nil }
        let common: GPUSKU? = skus.first.flatMap { first in
            first.flatMap { sku in skus.allSatisfy { $0?.id == sku.id } ? sku : nil }
        }
        let catalogMaxLinks = catalog.gpus.values.compactMap { $0.nvlink?.links }.max() ?? 18

        // NVSwitch: links to switch chips (NCCL), or NV-k between every pair where k·(n−1) is
        // more than a GPU has.
        var switchGPUs: [Int]?
        var perGPU = 0
        if !switched.isEmpty {
            switchGPUs = switched
            perGPU = switched.map { evidence.switchLinks[$0] }.max() ?? 0
            if !pairs.isEmpty {
                plan.comments.append(
                    "The input also lists direct GPU-to-GPU links; with NVSwitch they are not declared.")
            }
        } else if n >= 4, pairs.count == n * (n - 1) / 2, let k = pairs.first?.count,
            pairs.allSatisfy({ $0.count == k })
        {
            let (product, overflow) = k.multipliedReportingOverflow(by: n - 1)
            if let sku = common, let nvlink = sku.nvlink, nvlink.nvswitch, overflow || product > nvlink.links {
                switchGPUs = Array(0..<n)
                perGPU = k
            } else if placeholders, overflow || product > catalogMaxLinks {
                switchGPUs = Array(0..<n)
                perGPU = k
            }
        }
        if let gpus = switchGPUs {
            plan.nvswitch(
                gpus: gpus, perGPU: perGPU, total: n, evidence: evidence, skus: skus, common: common,
                placeholders: placeholders, catalog: catalog, source: source)
            return plan
        }

        // Direct links: keep only what the identified SKUs can carry.
        var valid = pairs
        if !placeholders {
            valid = pairs.filter { link in
                let ends = [skus[link.a], skus[link.b]]
                if ends.contains(where: { $0 == nil }) {
                    plan.problems.append(
                        "GPU \(link.a) ↔ GPU \(link.b) shows NV\(link.count), but the names file does not identify both GPUs; the link is not declared"
                    )
                    return false
                }
                guard let x = ends[0], let y = ends[1] else { return false }
                guard x.nvlink != nil, y.nvlink != nil else {
                    let without = x.nvlink == nil ? x : y
                    plan.problems.append(
                        "GPU \(link.a) ↔ GPU \(link.b) shows NV\(link.count), but `\(without.id)` (\(without.name)) has no NVLink; the link is not declared"
                    )
                    return false
                }
                guard x.id == y.id else {
                    plan.problems.append(
                        "GPU \(link.a) (`\(x.id)`) ↔ GPU \(link.b) (`\(y.id)`) shows NV\(link.count), but NVLink joins GPUs of one model only; the link is not declared"
                    )
                    return false
                }
                return true
            }
            var used = Array(repeating: 0, count: n)
            for link in valid {
                used[link.a] += link.count
                used[link.b] += link.count
            }
            let over = (0..<n).filter { gpu in skus[gpu].flatMap(\.nvlink).map { used[gpu] > $0.links } ?? false }
            for gpu in over {
                if let sku = skus[gpu], let nvlink = sku.nvlink {
                    plan.problems.append(
                        "GPU \(gpu) shows \(used[gpu]) NVLinks, but `\(sku.id)` (\(sku.name)) has \(nvlink.links); its links are not declared"
                    )
                }
            }
            valid.removeAll { over.contains($0.a) || over.contains($0.b) }
        }
        guard !valid.isEmpty else {
            plan.wiring = .unknown
            plan.comments = [
                "NVLink: the NV# cells do not fit the named GPU models, so no `nvlink` is declared (see the import findings)."
            ]
            return plan
        }

        // Bridges: disjoint cliques with the per-pair count a bridge gives.
        if let groups = bridgeGroups(valid, n: n) {
            let firstCount = valid.first?.count ?? 0
            let fits = groups.allSatisfy { group in
                let count = valid.first { $0.a == group[0] && $0.b == group[1] }?.count ?? 0
                if placeholders || group.allSatisfy({ skus[$0] == nil }) {
                    return group.count == 2 && count == firstCount
                }
                guard let sku = skus[group[0]], let nvlink = sku.nvlink, let limit = nvlink.bridgeMaxGPUs else {
                    return false
                }
                return group.count <= limit && count == nvlink.links / (group.count - 1)
            }
            if fits {
                plan.wiring = .bridges(groups)
                let shown = groups.map { g in
                    "GPUs " + g.map(String.init).joined(separator: "+")
                        + " NV\(valid.first { $0.a == g[0] && $0.b == g[1] }?.count ?? 0)"
                }
                plan.comments = [
                    "NVLink bridges: \(shown.joined(separator: ", ")) in \(source); each group is fully connected with all of its cards' links."
                ]
                if placeholders {
                    let count = valid.first?.count ?? 1
                    let generation = evidence.sm.flatMap(generation(sm:)) ?? (count == 4 ? 3 : 4)
                    plan.placeholderCapability = DraftSpec.Capability(
                        generation: generation, links: count,
                        linkGBs: generation == 3 && count == 4 ? 28.125 : linkGBs[generation] ?? 50,
                        nvswitch: false, bridgeMaxGPUs: 2, maxDomain: 2)
                    plan.placeholderFormFactor = "pcie"
                    plan.placeholderNote =
                        "NV\(count) between bridged pairs: \(count) links per card (NVLink \(generation) is a guess)"
                }
                return plan
            }
        }
        plan.wiring = .links(valid)
        plan.comments = ["NVLink: the NV# counts of \(source), pair by pair (pairs not listed have no NVLink)."]
        if placeholders {
            var used = Array(repeating: 0, count: n)
            for link in valid {
                used[link.a] += link.count
                used[link.b] += link.count
            }
            let links = used.max() ?? 1
            let smallCounts = valid.allSatisfy { $0.count <= 2 } && links <= 6
            let generation = evidence.sm.flatMap(generation(sm:)) ?? (smallCounts ? 2 : 4)
            plan.placeholderCapability = DraftSpec.Capability(
                generation: generation, links: links, linkGBs: linkGBs[generation] ?? 50,
                nvswitch: false, bridgeMaxGPUs: nil, maxDomain: max(2, n))
            plan.placeholderFormFactor = "sxm"
            plan.placeholderNote = "direct links: at most \(links) per GPU are in use (NVLink \(generation) is a guess)"
        }
        return plan
    }

    /// The wiring the GPU models imply when the input cannot show NVLink: SXM modules that attach
    /// to NVSwitch sit on their HGX baseboard's switches (4-GPU boards: a direct mesh), Grace
    /// Blackwell superchips (GB200 / GB300) in an NVL compute tray whose links go to the rack's
    /// switch trays. Anything else — PCIe cards that may or may not be bridged, unidentified GPUs,
    /// GH200 (sold both alone and in NVLink systems) — is `nvlink: unknown`, never `none`.
    private mutating func implied(gpuCount n: Int, skus: [GPUSKU?], catalog: Catalog, source: String) {
        let unknownComment =
            "NVLink: \(source) cannot show it and the GPU models do not imply it, so it is declared `unknown` "
            + "(the peer-to-peer and NVLink rules stay quiet); replace it with the real wiring or `none` if you know it."
        guard let first = skus.first, let sku = first, skus.allSatisfy({ $0?.id == sku.id }), let nvlink = sku.nvlink
        else {
            // Models without NVLink at all: nothing to declare.
            if !skus.isEmpty, skus.allSatisfy({ $0 != nil && $0?.scaleUp == nil }) {
                wiring = .none
                comments = ["NVLink: none (the GPU models have no NVLink; \(source) shows only PCIe paths)."]
                return
            }
            wiring = .declaredUnknown
            comments = [unknownComment]
            return
        }
        if sku.host == .nvlinkC2C, nvlink.generation >= 5, nvlink.nvswitch, nvlink.maxDomain > 8 {
            wiring = .external
            comments = [
                "NVLink: `\(sku.id)` superchips sit in an NVL compute tray whose \(nvlink.links) NVLink \(nvlink.generation) links per GPU "
                    + "go to the rack's NVLink switch trays (\(source) cannot show NVLink; the GPU model implies it). A switchless "
                    + "GB200 NVL4 board would instead be a direct mesh."
            ]
            return
        }
        // Switchless superchip boards (GB200 NVL4): the GPUs of the board are one direct mesh.
        if sku.host == .nvlinkC2C, !nvlink.nvswitch, n >= 2, n <= nvlink.maxDomain, n > 1 {
            wiring = .mesh
            comments = [
                "NVLink: `\(sku.id)` is a switchless board whose \(n) GPUs are directly linked (\(source) cannot show NVLink; the model implies it)."
            ]
            return
        }
        guard sku.formFactor == .sxm else {
            wiring = .declaredUnknown
            comments = [unknownComment]
            return
        }
        // 4-GPU HGX A100 / H100 baseboards are direct meshes (NVLink 3 and later); 4-GPU V100 SXM2
        // boards split their 6 links unevenly (NV1 / NV2), so nothing is implied for them.
        if n == 4, nvlink.generation >= 3, nvlink.links % 3 == 0 {
            var links: [DraftSpec.Link] = []
            for a in 0..<n {
                for b in (a + 1)..<n { links.append(DraftSpec.Link(a: a, b: b, count: nvlink.links / 3)) }
            }
            wiring = .links(links)
            comments = [
                "NVLink: 4-GPU HGX baseboards of `\(sku.id)` connect every pair directly with \(nvlink.links / 3) links "
                    + "(\(source) cannot show NVLink; the SXM model implies its baseboard)."
            ]
            return
        }
        guard nvlink.nvswitch,
            let chip = catalog.nvswitches.values.filter({ $0.nvlinkGeneration == nvlink.generation }).sorted(by: {
                $0.id < $1.id
            }).first
        else {
            wiring = .declaredUnknown
            comments = [unknownComment]
            return
        }
        let count = (Self.switchesPerBoard[nvlink.generation] ?? 1) * ((n + 7) / 8)
        wiring = .nvswitch(sku: chip.id, count: count, gpus: nil)
        comments = [
            "NVLink: `\(sku.id)` SXM modules sit on an HGX baseboard with \(count) `\(chip.id)` chips "
                + "(\(source) cannot show NVLink; the SXM model implies its baseboard's NVSwitch fabric)."
        ]
    }

    private mutating func nvswitch(
        gpus: [Int], perGPU: Int, total n: Int, evidence: NVLinkEvidence, skus: [GPUSKU?], common: GPUSKU?,
        placeholders: Bool, catalog: Catalog, source: String
    ) {
        var generation: Int
        var links = perGPU
        if let sku = common, let nvlink = sku.nvlink {
            generation = nvlink.generation
            links = nvlink.links
            if perGPU != nvlink.links {
                problems.append(
                    "every GPU shows \(perGPU) NVLinks to the switches, but `\(sku.id)` (\(sku.name)) has \(nvlink.links); the spec keeps the model's \(nvlink.links)"
                )
            }
            if !nvlink.nvswitch {
                problems.append(
                    "`\(sku.id)` (\(sku.name)) cannot attach to NVSwitch, but the input shows switch links; no `nvlink` is declared"
                )
                wiring = .unknown
                return
            }
        } else if placeholders {
            // 18 links: NVLink 4 (H100/H200) — B200 has 18 too (NVLink 5); 12: A100; 8: A800/H800;
            // 6: V100 SXM3 (DGX-2).
            let guess: [Int: Int] = [18: 4, 12: 3, 8: 3, 6: 2]
            generation = evidence.sm.flatMap(Self.generation(sm:)) ?? guess[perGPU] ?? 4
            placeholderCapability = DraftSpec.Capability(
                generation: generation, links: max(1, perGPU),
                linkGBs: Self.linkGBs[generation] ?? 50, nvswitch: true,
                bridgeMaxGPUs: nil, maxDomain: max(8, n))
            placeholderFormFactor = "sxm"
            placeholderNote =
                "NVSwitch-attached, \(perGPU) links per GPU (NVLink \(generation) is a guess from the link count\(evidence.sm != nil ? " and NCCL's sm" : ""))"
        } else {
            problems.append(
                "the GPUs attached to NVSwitch are of different or unidentified models; no `nvlink` is declared")
            wiring = .unknown
            return
        }
        guard
            let chip = catalog.nvswitches.values.filter({ $0.nvlinkGeneration == generation }).sorted(by: {
                $0.id < $1.id
            }).first
        else {
            comments = [
                "NVLink: every GPU has \(perGPU) links to NVSwitch, but the catalog has no NVSwitch for NVLink \(generation); declare the wiring by hand."
            ]
            wiring = .unknown
            return
        }
        var count: Int
        var how: String
        if let chips = evidence.switchChips, chips > 0 {
            count = chips
            how = "the \(chips) switch\(chips == 1 ? "" : "es") the GPUs' links go to in \(source)"
        } else {
            let boards = (n + 7) / 8
            count = (Self.switchesPerBoard[generation] ?? 1) * boards
            how =
                "\(count) chips as on HGX \(n > 8 ? "baseboards" : "8-GPU baseboards") of NVLink \(generation) (the switches themselves are not in \(source))"
        }
        // Enough ports for every link.
        let (needed, overflow) = gpus.count.multipliedReportingOverflow(by: max(1, links))
        if !overflow, chip.ports > 0 {
            count = max(count, (needed + chip.ports - 1) / chip.ports)
        }
        wiring = .nvswitch(sku: chip.id, count: count, gpus: gpus.count == n ? nil : gpus)
        comments = [
            "NVLink: NV\(perGPU) between every pair of \(gpus.count == n ? "the \(n)" : "\(gpus.count)") GPUs is an NVSwitch fabric: `\(chip.id)` (NVLink \(generation)), \(how)."
        ]
    }

    /// The NV graph as disjoint cliques whose pairs all have the same count, or nil.
    private static func bridgeGroups(_ links: [DraftSpec.Link], n: Int) -> [[Int]]? {
        var neighbours = Array(repeating: Set<Int>(), count: n)
        for link in links {
            neighbours[link.a].insert(link.b)
            neighbours[link.b].insert(link.a)
        }
        var seen = Set<Int>()
        var groups: [[Int]] = []
        for gpu in 0..<n where !neighbours[gpu].isEmpty && !seen.contains(gpu) {
            let group = ([gpu] + neighbours[gpu]).sorted()
            for member in group {
                guard Set([member]).union(neighbours[member]) == Set(group) else { return nil }
                seen.insert(member)
            }
            let counts = Set(links.filter { group.contains($0.a) }.map(\.count))
            guard counts.count == 1 else { return nil }
            groups.append(group)
        }
        return groups.isEmpty ? nil : groups
    }

    /// NVLink generation of an NCCL `sm`: 60 → 1, 70 → 2, 80/86 → 3, 90 → 4, 100+ → 5; nil for
    /// GPUs without NVLink (sm 75, 89, 120).
    static func generation(sm: Int) -> Int? {
        switch sm {
        case 60..<70: 1
        case 70, 72: 2
        case 80, 86, 87: 3
        case 90: 4
        case 100..<120: 5
        default: nil
        }
    }
}
