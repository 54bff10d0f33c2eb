import Testing
import TopoDiagnostics

@testable import TopoModel

/// `sockets: unknown` and `sockets: {count: unknown, numa_nodes: N}` (grammar/REFERENCE.md "Sockets
/// and NUMA nodes"): the PCIe tree's `socket` indexes NUMA nodes, and SYS paths join them.
@Suite struct UnknownSocketCountTests {
    static func spec(sockets: String, pcie: String = "") -> String {
        """
        topospec: 1
        cluster: c
        node_types:
          box:
            gpus: {sku: l40s, count: 4}
            sockets: \(sockets)
        \(pcie)
        nodes:
          n1: {type: box}
        """
    }

    @Test func numaNodesOfUnknownSockets() throws {
        let pcie = """
                pcie:
                  - {host_bridge: rc0, socket: 0, gpus: [0, 1]}
                  - {host_bridge: rc3, socket: 3, gpus: [2, 3]}
            """
        let (spec, diagnostics) = decode(
            Self.spec(sockets: "{count: unknown, numa_nodes: 4, cpu: epyc-milan}", pcie: pcie))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let type = try #require(spec?.nodeTypes.first)
        #expect(type.sockets == 4 && type.socketCountUnknown && type.cpu == "epyc-milan")
        #expect(type.pcie.entries.map(\.socket) == [0, 3])
    }

    @Test func noCPUShown() throws {
        let (spec, diagnostics) = decode(Self.spec(sockets: "unknown"))
        #expect(diagnostics.isEmpty)
        let type = try #require(spec?.nodeTypes.first)
        #expect(type.sockets == 1 && type.socketCountUnknown)
    }

    @Test func knownCountsStayKnown() throws {
        let (spec, _) = decode(Self.spec(sockets: "{count: 2}"))
        #expect(spec?.nodeTypes.first?.socketCountUnknown == false)
    }

    @Test func unknownCountNeedsNUMANodes() throws {
        let (_, diagnostics) = decode(Self.spec(sockets: "{count: unknown}"))
        let error = try #require(diagnostics.first { $0.message.contains("needs `numa_nodes`") })
        #expect(error.severity == .error && error.location?.line == 6)
    }

    @Test func numaNodesOnlyWithAnUnknownCount() throws {
        let (_, diagnostics) = decode(Self.spec(sockets: "{count: 2, numa_nodes: 4}"))
        #expect(
            diagnostics.contains { $0.severity == .error && $0.message.contains("goes with `count: unknown` only") })
    }

    @Test func numaNodeIndexIsChecked() throws {
        let pcie = """
                pcie:
                  - {host_bridge: rc0, socket: 4, gpus: [0]}
            """
        let (_, diagnostics) = decode(Self.spec(sockets: "{count: unknown, numa_nodes: 4}", pcie: pcie))
        #expect(diagnostics.contains { $0.message.contains("socket 4 does not exist") })
    }
}
