import TopoModel
import TopoTopology

/// TS114: nodes whose GPUs need an external NVLink domain but are in none, or domain members
/// whose GPUs do not connect to external switches.
package struct NVLinkDomainMembership: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS114", slug: "nvlink-domain-membership", category: .hardware, severity: .error,
        summary: "A node's NVLink wiring and its NVLink domain membership disagree.",
        rationale: """
            A GB200 NVL72 compute tray has no NVSwitch of its own: its 4 GPUs reach each other, and the other 68 \
            GPUs of the rack, only through the rack's NVLink switch trays. A node type with `nvlink: {domain: \
            external}` therefore needs its nodes in an `nvlink_domains` entry, and a domain can only hold nodes \
            whose GPUs are wired to it; otherwise the spec says both that GPUs share a fabric and that they do not.
            """,
        triggering: [
            """
            topospec: 1
            cluster: nvl
            node_types:
              tray: {gpus: {sku: gb200, count: 4}, nvlink: {domain: external}}
            nodes:
              "tray[01-18]": {type: tray}  # expect: TS114
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: nvl
            node_types:
              tray: {gpus: {sku: gb200, count: 4}, nvlink: {domain: external}}
            nodes:
              "tray[01-18]": {type: tray}
            nvlink_domains:
              rack1: {nodes: "tray[01-18]", switches: {sku: nvswitch-gen4, count: 18}}
            """
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        var orphans: [NodeTypeID: (first: Node, count: Int)] = [:]
        for node in spec.nodes where node.domainIndex == nil && spec.nodeTypes[node.typeID].scaleUp?.external != nil {
            let entry = orphans[node.typeID]
            orphans[node.typeID] = (entry?.first ?? node, (entry?.count ?? 0) + 1)
        }
        for (typeID, orphan) in orphans.sorted(by: { $0.key < $1.key }) {
            let type = spec.nodeTypes[typeID]
            let more = orphan.count > 1 ? " (and \(orphan.count - 1) more node\(orphan.count > 2 ? "s" : ""))" : ""
            findings.report(
                "node `\(orphan.first.name)`\(more) of type `\(type.name)` is in no NVLink domain, but its GPUs connect only through one (`domain: external`)",
                at: orphan.first.location, notes: [.init("the type's wiring", at: type.scaleUp?.external)],
                help: "add the nodes to an `nvlink_domains` entry")
        }
        for domain in spec.nvlinkDomains {
            guard
                let member = domain.nodes.first(where: {
                    spec.nodeTypes[spec.nodes[$0].typeID].scaleUp?.external == nil
                })
            else { continue }
            let node = spec.nodes[member]
            findings.report(
                "NVLink domain `\(domain.name)` holds `\(node.name)`, whose type `\(spec.nodeTypes[node.typeID].name)` is not wired to external NVLink switches",
                at: domain.location,
                help: "declare `nvlink: {domain: external}` on the node type, or remove the node from the domain")
        }
    }
}
