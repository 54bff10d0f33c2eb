import Testing
import TopoDiagnostics
import TopoLint

/// With `sockets: {count: unknown, numa_nodes: N}` the rules still see SYS between NUMA nodes (as
/// NCCL does: one `<cpu>` per NUMA node) but do not claim a socket boundary they cannot know.
@Suite struct UnknownSocketCountRuleTests {
    static func lint(sockets: String) -> [Diagnostic] {
        let text = """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband, gbps: 200}
            node_types:
              box:
                gpus: {sku: l40s, count: 4}
                sockets: \(sockets)
                nvlink: none
                pcie:
                  - {host_bridge: rc0, socket: 0, gpus: [0, 1]}
                  - {host_bridge: rc1, socket: 1, gpus: [2, 3], nics: [ib0]}
                nics:
                  ib0: {sku: connectx-7, network: ib}
            nodes:
              n1: {type: box}
            """
        return Linter().lint(bytes: Array(text.utf8), path: "box.yaml").diagnostics
    }

    @Test func numaNodesAreNotCalledSockets() throws {
        let diagnostics = Self.lint(sockets: "{count: unknown, numa_nodes: 2}")
        let nic = try #require(diagnostics.first { $0.code == "TS206" })
        #expect(nic.message.contains("goes between NUMA nodes (SYS; whether they are on different sockets"))
        #expect(!nic.message.contains("socket interconnect"))
        let p2p = try #require(diagnostics.first { $0.code == "TS211" })
        #expect(p2p.message.contains("go between NUMA nodes") && !p2p.message.contains("socket interconnect"))
    }

    @Test func knownSocketsKeepTheirWords() throws {
        let diagnostics = Self.lint(sockets: "2")
        #expect(diagnostics.first { $0.code == "TS206" }?.message.contains("crosses the socket interconnect") == true)
        #expect(diagnostics.first { $0.code == "TS211" }?.message.contains("cross the socket interconnect") == true)
    }
}
