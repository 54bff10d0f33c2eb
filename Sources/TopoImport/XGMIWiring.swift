/// The xGMI wiring an AMD tool's link-type table shows, shared by the `amd-smi topology` and
/// `rocm-smi --showtopo` importers: any cell that cannot be read makes the wiring `unknown`; no
/// directly linked pair, `none`; every pair directly linked, a full mesh; otherwise the direct pairs,
/// one link each (neither tool gives the number of links per pair).
struct XGMIWiring {
    /// The wiring the draft spec writes.
    let wiring: DraftSpec.Wiring
    /// The spec comment that says how the wiring was read.
    let comment: String
    /// The message of the `inferred` finding when cells cannot be read; nil when every cell can.
    let unreadableFinding: String?

    /// Decides the wiring of `gpus` GPUs.
    ///
    /// - Parameters:
    ///   - gpus: The number of GPUs in the table.
    ///   - direct: The directly linked pairs (`a < b`).
    ///   - unreadable: How many pairs' cells cannot be read.
    ///   - tool: The tool as the comments name it, e.g. "`rocm-smi`".
    ///   - unreadableForm: How the tool prints an unreadable cell, e.g. "`XXXX`".
    ///   - unreadableCause: `unreadableForm` with what it means, for the finding.
    ///   - evidence: What else says the pairs are direct (the weight table), if anything.
    init(
        gpus: Int, direct: [(Int, Int)], unreadable: Int, tool: String, unreadableForm: String,
        unreadableCause: String, evidence: String? = nil
    ) {
        let because = evidence.map { " and \($0)" } ?? ""
        if unreadable > 0 {
            let pairs = unreadable == 1 ? "" : "s"
            wiring = .declaredUnknown
            comment =
                "xGMI: \(unreadable) GPU pair\(pairs) show an unreadable link type (\(unreadableForm)), so the wiring is `unknown`."
            unreadableFinding =
                "\(unreadable) cell\(pairs) of the link-type table cannot be read (\(unreadableCause)); xGMI is declared `unknown`"
        } else if direct.isEmpty {
            wiring = .none
            comment = "xGMI: none (every pair's link type is PCIE)."
            unreadableFinding = nil
        } else if direct.count == gpus * (gpus - 1) / 2 {
            wiring = .mesh
            comment =
                "xGMI: every pair's link type is XGMI\(because): a fully connected Infinity Fabric mesh "
                + "(\(tool) does not give the number of links per pair)."
            unreadableFinding = nil
        } else {
            wiring = .links(direct.map { DraftSpec.Link(a: $0.0, b: $0.1, count: 1) })
            comment =
                "xGMI: the direct XGMI pairs, one link each (\(tool) does not give the count)"
                + (evidence.map { "; \($0)" } ?? "") + "."
            unreadableFinding = nil
        }
    }
}
