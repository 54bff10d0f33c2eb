import Testing
import TopoDiagnostics
import TopoModel
import TopoYAML

private func decodeHostile(_ text: String) -> (spec: ClusterSpec?, diagnostics: [Diagnostic]) {
    guard let document = YAMLParser().parse(Array(text.utf8), file: "spec.yaml").document else { return (nil, []) }
    return SpecDecoder.decode(document)
}

/// Amplification found while hardening (issue 7): a hostlist or a `count` of a few bytes stands
/// for up to a million things, so nothing may cost a diagnostic, a suggestion or a pair of devices
/// per thing without a bound. Each case once took seconds to minutes, gigabytes, or crashed.
@Suite struct DecoderHardeningTests {
    static let head = "topospec: 1\ncluster: amp\nnode_types:\n  t: {gpus: {sku: t4, count: 1}}\nnodes:\n"

    /// Once one error per stranger, each with a "did you mean" over 4,096 names: 10,000 strangers
    /// took 9 s, `x[1-1048576]` about 15 minutes.
    @Test func exceptionStrangersAreOneError() {
        let (spec, diagnostics) = decodeHostile(
            Self.head
                + "  \"n[1-5000]\": {type: t, exceptions: {\"x[1-1000000]\": {state: down}, n7: {state: drain}}}\n")
        #expect(spec == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == "TS020")
        #expect(
            diagnostics.first?.message.contains("`x1` is not one of this entry's nodes (`n[1-5000]`) (and 999999 more)")
                == true,
            "\(diagnostics.map(\.message))")
    }

    /// Once a diagnostic (with a note) per duplicate: a million of them, 343 MB of text, 19 s.
    @Test func duplicatesAreOneErrorPerEntry() {
        let (_, nodes) = decodeHostile(
            Self.head + "  \"n[1-1000]\": {type: t}\n  \"n[1-500],n[501-1000]\": {type: t}\n  n7: {type: t}\n")
        #expect(nodes.map(\.code) == ["TS021", "TS021"])
        #expect(nodes.first?.message == "node `n1` is declared twice (and 999 more of `n[1-500],n[501-1000]`)")
        #expect(nodes.last?.message == "node `n7` is declared twice")
        #expect(nodes.allSatisfy { $0.notes.count == 1 })

        let (_, nics) = decodeHostile(
            """
            topospec: 1
            cluster: amp
            node_types:
              t:
                gpus: {sku: t4, count: 1}
                nics: {"cx[1-500]": {sku: connectx-7}, "cx[1-250],cx[251-500]": {sku: connectx-7}}
            nodes:
              n1: {type: t}

            """)
        #expect(nics.map(\.code) == ["TS021"])
        #expect(
            nics.first?.message.hasSuffix("(and 499 more of `cx[1-250],cx[251-500]`)") == true, "\(nics.map(\.message))"
        )

        let (_, domains) = decodeHostile(
            """
            topospec: 1
            cluster: amp
            node_types:
              t: {gpus: {sku: gb200, count: 4}, nvlink: {domain: external}}
            nodes:
              "n[1-1000]": {type: t}
            nvlink_domains:
              d1: {nodes: "n[1-1000]", switches: {sku: nvswitch-gen4, count: 18}}
              d2: {nodes: "n[1-1000]", switches: {sku: nvswitch-gen4, count: 18}}

            """)
        #expect(domains.map(\.code) == ["TS023"])
        #expect(domains.first?.message == "node `n1` is already in NVLink domain `d1` (and 999 more of its nodes)")
    }

    /// Once a path for every pair of a node type's devices: 100,000 NICs asked for 320 GB and
    /// trapped; 10,000 took 21 s and 3 GB.
    @Test func nicsPerNodeTypeAreBounded() {
        let (_, diagnostics) = decodeHostile(
            """
            topospec: 1
            cluster: amp
            node_types:
              t:
                gpus: {sku: t4, count: 1}
                nics: {"cx[1-1000000]": {sku: connectx-7}}
            nodes:
              n1: {type: t}

            """)
        #expect(diagnostics.map(\.code) == ["TS012"])
        #expect(diagnostics.first?.message == "node type `t` has more than 1024 NICs")
    }

    /// 1,024-GPU node types cost 32 MB and 0.3 s each in the rules; a 4 MB file of them asked for
    /// terabytes. Four fit; the fifth (of any size) is refused, and no further type is decoded.
    @Test func devicePairsAreBoundedAcrossNodeTypes() {
        var text = "topospec: 1\ncluster: amp\nnode_types:\n"
        for i in 0..<1000 { text += "  t\(i): {gpus: {sku: t4, count: 1024}}\n" }
        text += "nodes:\n  n1: {type: t0}\n"
        let (result, work) = WorkCounter.counting { decodeHostile(text) }
        #expect(result.diagnostics.map(\.code) == ["TS012"])
        #expect(result.diagnostics.first?.location?.line == 8)
        #expect(work[.nodeTypesDecoded] == 5)
    }

    /// Several million-node hostlists once declared any number of nodes from a few hundred bytes.
    @Test func nodesAreBoundedAcrossEntries() {
        let text =
            Self.head + "  \"a[1-1048576]\": {type: t}\n"
            + (0..<50).map { "  \"b\($0)x[1-1048576]\": {type: t}\n" }.joined()
        let (result, work) = WorkCounter.counting { decodeHostile(text) }
        #expect(result.diagnostics.map(\.code) == ["TS012"])
        #expect(result.diagnostics.first?.message == "`b0x[1-1048576]` takes the spec past 1048576 nodes")
        // `a` and the refused `b0x`, not the 49 entries after it.
        #expect(work[.hostlistNames] == 2 * 1_048_576)
    }

    /// Every job's ranks are laid out and checked: jobs over a million nodes each, or over
    /// 1,024-GPU nodes, are bounded in all.
    @Test func jobRanksAreBoundedInAll() {
        var text =
            "topospec: 1\ncluster: amp\nnode_types:\n  t: {gpus: {sku: t4, count: 1024}}\nnodes:\n  \"n[1-4096]\": {type: t}\njobs:\n"
        for i in 0..<100 { text += "  j\(i): {nodes: \"n[1-4096]\", parallelism: {dp: auto}}\n" }
        let (spec, diagnostics) = decodeHostile(text)
        #expect(spec == nil)
        #expect(diagnostics.map(\.code) == ["TS012"])
        #expect(diagnostics.first?.message == "job `j1` takes the jobs past 4194304 GPUs in all")
        let (fits, none) = decodeHostile(text.components(separatedBy: "  j1:").first ?? "")
        #expect(none.isEmpty, "\(none.map(\.message))")
        #expect(fits?.jobs.count == 1)
    }
}
