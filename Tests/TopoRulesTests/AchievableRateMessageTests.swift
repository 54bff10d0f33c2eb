import Testing
import TopoDiagnostics
import TopoLint
import TopoModel

/// Rule messages quote the collective model's achievable rates, and NVLink only where the spec
/// wires it.
@Suite struct AchievableRateMessageTests {
    static func messages(_ text: String, code: String) throws -> [String] {
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "t.yaml")
        return report.diagnostics.filter { $0.code == code }.map(\.message)
    }

    static func workstation(_ nvlink: String) -> String {
        """
        topospec: 1
        cluster: ws
        node_types:
          box:
            gpus: {sku: rtx-3090, count: 4}
            sockets: 1
            nvlink: \(nvlink)
            pcie:
              - {host_bridge: cpu0, socket: 0, gen: 4, width: 16, gpus: [0, 1, 2, 3]}
        nodes:
          ws01: {type: box}
        jobs:
          tp4:
            nodes: ws01
            parallelism: {tp: 4, dp: 1}
            model: {params: 1B, layers: 16, hidden: 2048, heads: 32}
            batch: {micro: 1, seq: 4096, global: 8}
        """
    }

    @Test func tensorParallelOverPCIeQuotesTheWiringNotTheSKU() throws {
        // No bridges: the RTX 3090 SKU has NVLink, these cards do not; nothing about NVLink is said.
        let unbridged = try Self.messages(Self.workstation("none"), code: "TS201")
        #expect(unbridged.count == 1)
        #expect(unbridged.allSatisfy { !$0.contains("NVLink") })
        #expect(
            unbridged.allSatisfy {
                $0.contains("a 1 GiB all_reduce over the group reaches about") && $0.contains("collective model")
            })
        // Bridged pairs: 4 links × 12.0 GB/s (NCCL SM86_NVLINK_BW), not the SKU's 56.3 GB/s line rate.
        let bridged = try Self.messages(Self.workstation("{bridges: [[0, 1], [2, 3]]}"), code: "TS201")
        #expect(bridged.count == 1)
        #expect(bridged.allSatisfy { $0.contains("against 48 GB/s per direction over this GPU's NVLink") })
    }

    @Test func hostStagedPairsQuoteTheModelledRing() throws {
        let messages = try Self.messages(Self.workstation("none"), code: "TS211")
        #expect(messages.count == 1)
        #expect(
            messages.allSatisfy {
                $0.contains("a ring over its 4 GPUs reaches about") && $0.contains("host memory (no P2P)")
            })
    }
}
