import Testing
import TopoDiagnostics
import TopoLint
import TopoRules

/// The switchless superchip boards (catalog `nvswitch: false`, scale-up domain = the board): GH200 NVL2
/// joins 2 GPUs, GB200 NVL4 joins 4, an MI300A node 4 APUs over xGMI. Wiring the board is valid; more GPUs
/// in one mesh raise TS107, and an NVSwitch attachment raises TS105.
@Suite struct SwitchlessBoardRuleTests {
    func codes(_ sku: String, count: Int, nvlink: String) -> [String] {
        let text = """
            topospec: 1
            cluster: board
            node_types:
              b: {gpus: {sku: \(sku), count: \(count)}, nvlink: \(nvlink)}
            nodes:
              n1: {type: b}
            """
        return Linter().lint(bytes: Array(text.utf8), path: "board.yaml").diagnostics.map(\.code)
    }

    @Test(arguments: [("gh200-nvl2", 2), ("gb200-nvl4", 4)])
    func theBoardIsOneNVLinkDomain(sku: String, board: Int) {
        let valid = codes(sku, count: board, nvlink: "{mesh: all}")
        #expect(!valid.contains("TS101") && !valid.contains("TS102") && !valid.contains("TS107"), "\(valid)")
        let twice = codes(sku, count: 2 * board, nvlink: "{mesh: all}")
        #expect(twice.contains("TS107"), "\(twice)")
        let switched = codes(sku, count: board, nvlink: "{nvswitch: {sku: nvswitch-gen4, count: 2}}")
        #expect(switched.contains("TS105"), "\(switched)")
    }

    /// MI300A: 4 APUs per node, 2 xGMI links to each peer (6 per APU). The node's mesh is valid, 8 APUs in one
    /// mesh raise TS107, 3 links per pair exceed the 6 (TS102), and `nvlink` on it is TS110.
    @Test func mi300aNodeIsFourAPUsTwoLinksPerPeer() {
        let node = codes("mi300a", count: 4, nvlink: "none, infinity_fabric: {mesh: all}")
        #expect(!node.contains("TS102") && !node.contains("TS107") && !node.contains("TS110"), "\(node)")
        let eight = codes("mi300a", count: 8, nvlink: "none, infinity_fabric: {mesh: all}")
        #expect(eight.contains("TS107"), "\(eight)")
        let three = codes("mi300a", count: 4, nvlink: "none, infinity_fabric: {mesh: {links: 3}}")
        #expect(three.contains("TS102"), "\(three)")
        #expect(codes("mi300a", count: 4, nvlink: "{mesh: all}").contains("TS110"))
    }

    /// The rule texts carry the facts corrected in the catalog (issue 15): MI300X has 8 xGMI links (7 used
    /// GPU-to-GPU), and H200's largest NVLink domain is its 8-GPU board.
    @Test func ruleTextsCarryTheCorrectedFacts() throws {
        let ts102 = try #require(RuleRegistry.rule(named: "TS102")).metadata.rationale
        #expect(ts102.contains("8 Infinity Fabric (xGMI) links on MI300X") && !ts102.contains("7 Infinity Fabric"))
        let ts110 = try #require(RuleRegistry.rule(named: "TS110")).metadata.rationale
        #expect(ts110.contains("MI300X has 8 links") && ts110.contains("7 of which"))
        let ts107 = try #require(RuleRegistry.rule(named: "TS107")).metadata.rationale
        #expect(ts107.contains("8 H200") && !ts107.contains("H100/H200"))
    }
}
