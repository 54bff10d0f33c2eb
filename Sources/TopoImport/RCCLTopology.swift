import TopoDiagnostics
import TopoModel

/// RCCL's topology files (`NCCL_TOPO_DUMP_FILE` / `RCCL_TOPO_DUMP_FILE` of RCCL, the models under
/// ROCm/rccl `tools/topo_expl/models/`): NCCL's format with `<system version="2">`, `gcn="gfx942"` on
/// each `gpu` and `<xgmi target=… count=… tclass=…>` children for the AMD Infinity Fabric links
/// (RCCL src/graph/xml.cc). The importer reads them with the NCCL reader; this turns the `xgmi`
/// children into `infinity_fabric` wiring, which replaces the NVLink wiring the reader inferred.
/// `gcn` names a family only (AMD ROCm GPU specifications, https://rocm.docs.amd.com/en/latest/reference/gpu-specs.html:
/// gfx90a MI250X / MI250 / MI210, gfx942 MI300X / MI300A / MI325X, gfx950 MI350X / MI355X); the model
/// comes from the PCI device id (`PCIDeviceTable.amdGPUs`).
extension NCCLTopologyImporter {
    func applyRCCL(_ topology: NCCLTopology, to draft: inout DraftSpec, findings: inout [Diagnostic]) {
        let gpus = topology.orderedGPUs
        let g = gpus.count
        let busIndex = Dictionary(gpus.enumerated().map { ($1.busID, $0) }, uniquingKeysWith: { a, _ in a })
        var counts = Array(repeating: Array(repeating: 0, count: g), count: g)
        var any = false
        for (a, gpu) in gpus.enumerated() {
            for link in gpu.xgmis {
                guard let b = busIndex[link.target], b != a else {
                    findings.append(
                        ImportCodes.nvlinkTargetUnknown.diagnostic(
                            link.target == gpu.busID
                                ? "GPU \(gpu.busID) has an xGMI link to its own bus id; the link is ignored"
                                : "xGMI target `\(link.target)` is not a GPU in this file; the link is ignored",
                            at: link.targetLocation))
                    continue
                }
                any = true
                counts[a][b] = max(counts[a][b], link.count)
                counts[b][a] = max(counts[b][a], link.count)
            }
        }
        draft.scaleUpKey = "infinity_fabric"
        draft.nvlinkDomain = nil
        var links: [DraftSpec.Link] = []
        for a in 0..<g {
            for b in (a + 1)..<max(a + 1, g) where counts[a][b] > 0 {
                links.append(DraftSpec.Link(a: a, b: b, count: counts[a][b]))
            }
        }
        if !any {
            draft.wiring = .none
            draft.wiringComments = ["xGMI: none (no `gpu` has `xgmi` children; RCCL lists every xGMI link it finds)."]
        } else if links.count == g * (g - 1) / 2, Set(links.map(\.count)).count == 1 {
            draft.wiring = .mesh
            draft.wiringComments = [
                "xGMI: every pair of GPUs has \(links[0].count) `xgmi` link\(links[0].count == 1 ? "" : "s"): "
                    + "a fully connected Infinity Fabric mesh."
            ]
        } else {
            draft.wiring = .links(links)
            draft.wiringComments = ["xGMI: the file's `xgmi` elements, the pairs and their link counts."]
        }
        let targets = Set(gpus.compactMap(\.gcn)).sorted()
        if var placeholder = draft.placeholderGPU {
            placeholder.vendor = "amd"
            placeholder.name =
                "AMD GPU not identified (RCCL topology file"
                + (targets.isEmpty ? "" : ", " + targets.joined(separator: ", ")) + ")"
            placeholder.formFactor = any ? "oam" : "pcie"
            placeholder.formFactorNote = "a guess: " + (any ? "xGMI-linked" : "no xGMI")
            placeholder.computeCapability = nil
            placeholder.hostC2C = false
            let peers = links.filter { $0.a == 0 || $0.b == 0 }.reduce(0) { $0 + $1.count }
            placeholder.nvlink =
                any
                ? DraftSpec.Capability(
                    generation: 4, links: max(1, peers, g - 1), linkGBs: 128, nvswitch: false,
                    bridgeMaxGPUs: nil, maxDomain: max(2, g)) : nil
            placeholder.nvlinkNote =
                any
                ? "the file's xGMI links of GPU 0; generation 4 and 128 GB/s per link (MI300X's) are guesses"
                : "the file shows no xGMI"
            placeholder.comments = [
                "The file does not identify the GPU model (no known AMD PCI `device` id"
                    + (targets.isEmpty
                        ? ""
                        : "; `gcn` " + targets.joined(separator: ", ") + " names a family, not a model: "
                            + "gfx90a MI250X / MI210, gfx942 MI300X / MI300A / MI325X, gfx950 MI350X / MI355X")
                    + "). Replace `unidentified-gpu` with a catalog SKU (`topospec catalog`); lint warns (TS404) until then."
            ]
            draft.placeholderGPU = placeholder
        }
        draft.header.insert(
            "RCCL writes `<system version=\"2\">` (NCCL refuses it) with `xgmi` links for AMD Infinity Fabric.",
            at: min(1, draft.header.count))
        draft.header = draft.header.map {
            $0.hasPrefix("Input: an NCCL topology file") ? "Input: an RCCL" + $0.dropFirst("Input: an NCCL".count) : $0
        }
        let nccl = "Imported from an NCCL topology file"
        if draft.description.hasPrefix(nccl) {
            draft.description = "Imported from an RCCL topology file" + draft.description.dropFirst(nccl.count)
        }
    }
}
