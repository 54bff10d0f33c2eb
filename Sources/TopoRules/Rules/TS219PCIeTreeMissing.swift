import TopoModel
import TopoTopology

/// TS219: a node type with devices to place and no PCIe tree at all, so the locality checks
/// cannot run for it.
package struct PCIeTreeMissing: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS219", slug: "pcie-tree-missing", category: .performance, severity: .info,
        summary: "Node types with GPUs and compute NICs but no `pcie:` tree: the locality checks could not run.",
        rationale: """
            GPU–NIC affinity (TS206, TS207), peer-to-peer across sockets (TS211) and host-link speed (TS213) are \
            read from the PCIe tree, and `topospec matrix` prints `?` for every GPU–NIC path it does not place. \
            TS217 warns about a tree that leaves devices out; node types with GPUs and compute NICs but no tree \
            at all are named once here, so a clean lint is not read as "locality checked". `topospec import` writes the tree from \
            `nvidia-smi topo -m` or an NCCL topology file.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband}
            node_types:
              box: {gpus: {sku: l40s, count: 4}, nics: {cx0: {sku: connectx-7, network: ib}}}  # expect: TS219
            nodes:
              n1: {type: box}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband}
            node_types:
              box:
                gpus: {sku: l40s, count: 4}
                nics: {cx0: {sku: connectx-7, network: ib}}
                pcie: [{host_bridge: rc0, socket: 0, gpus: [0, 1, 2, 3], nics: [cx0]}]
            nodes:
              n1: {type: box}
            """,
            """
            topospec: 1
            cluster: c
            node_types:
              one: {gpus: {sku: l40s, count: 1}}
            nodes:
              n1: {type: one}
            """,
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        // Node types whose GPU–NIC paths the locality checks need: PCIe-attached GPUs and compute
        // NICs, and not a single `pcie:` entry. Said once for the spec, at the first of them.
        var blind: [NodeType] = []
        for (t, type) in context.spec.nodeTypesWithIDs where type.pcie.isEmpty {
            // NVLink-C2C GPUs (GH200, GB200) hang off their Grace CPU, not the PCIe tree.
            let gpus = type.gpus.indices.filter { context.gpuSKUs[t][$0].host != .nvlinkC2C }.count
            if gpus > 0 && !context.computeNICs(ofType: t).isEmpty { blind.append(type) }
        }
        guard let first = blind.first else { return }
        let names =
            blind.prefix(8).map { "`\($0.name)`" }.joined(separator: ", ")
            + (blind.count > 8 ? " and \(blind.count - 8) more" : "")
        findings.report(
            "node type\(blind.count > 1 ? "s" : "") \(names) \(blind.count > 1 ? "have" : "has") no `pcie:` tree, so the locality checks (GPU–NIC affinity, peer-to-peer across sockets, host-link speed) could not run for \(blind.count > 1 ? "them" : "it")",
            at: first.location,
            help:
                "describe which GPUs and NICs share a PCIe switch under which socket (`pcie:`), or write it with `topospec import`"
        )
    }
}
