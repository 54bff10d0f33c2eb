import TopoModel
import TopoTopology

/// TS405: node types whose NICs are placeholder entries, not identified adapters.
package struct PlaceholderNIC: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS405", slug: "placeholder-nic", category: .style, severity: .warning,
        summary: "A node type uses a placeholder NIC entry instead of an identified adapter.",
        rationale: """
            `topospec import` writes a `placeholder: true` NIC entry (`unidentified-nic`) when its input does not \
            name the adapter (`nvidia-smi topo -m` lists `mlx5_0` without its model, and NCCL files give only a \
            speed): the port speed it saw is kept, but the adapter's top speed, host link and fabrics are guesses, \
            so the NIC-speed, host-link and fabric checks (TS111, TS116, TS213) are not trustworthy until the entry \
            is replaced by a catalog model (`topospec catalog`) or a real `hardware.nics` entry. TS404 says the \
            same of placeholder GPUs.
            """,
        triggering: [
            """
            topospec: 1
            cluster: imported
            hardware:
              nics:
                unidentified-nic: {vendor: unknown, max_gbps: 400, host: pcie-gen5-x16, fabrics: [infiniband], placeholder: true}
            node_types:
              box: {gpus: {sku: h100-sxm5-80gb, count: 8}, nics: {"mlx5_[0-7]": {sku: unidentified-nic}}}  # expect: TS405
            nodes:
              n1: {type: box}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: imported
            node_types:
              box: {gpus: {sku: h100-sxm5-80gb, count: 8}, nics: {"mlx5_[0-7]": {sku: connectx-7}}}
            nodes:
              n1: {type: box}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let catalog = context.spec.catalog
        for type in context.spec.nodeTypes {
            guard let port = type.nics.first(where: { catalog.nics[$0.sku]?.placeholder == true }),
                let sku = catalog.nics[port.sku]
            else { continue }
            findings.report(
                "node type `\(type.name)` uses the placeholder NIC `\(sku.id)`; identify the adapter",
                at: port.location, notes: [.init("the placeholder entry", at: sku.location)],
                help: "replace it with a catalog NIC model (`topospec catalog`), e.g. `connectx-7`")
        }
    }
}
