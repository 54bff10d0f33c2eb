import TopoModel
import TopoTopology

/// TS401: node types no node uses (opt-in).
package struct UnusedNodeType: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS401", slug: "unused-node-type", category: .style, severity: .info,
        summary: "A node type is declared but no node uses it.",
        rationale: """
            Unused node types are usually leftovers of a rack that was retired or renamed; they still get checked \
            and can hide the type actually in use from reviewers. Opt-in: enable it in `.topospec.yml` when specs \
            are meant to be exact inventories.
            """,
        triggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              used: {gpus: {sku: l4, count: 1}}
              old: {gpus: {sku: t4, count: 1}}  # expect: TS401
            nodes:
              n1: {type: used}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: c
            node_types:
              used: {gpus: {sku: l4, count: 1}}
            nodes:
              n1: {type: used}
            """
        ],
        optIn: true)

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        var used = Set<NodeTypeID>()
        for node in context.spec.nodes { used.insert(node.typeID) }
        for (t, type) in context.spec.nodeTypesWithIDs where !used.contains(t) {
            findings.report("node type `\(type.name)` is not used by any node", at: type.location)
        }
    }
}
