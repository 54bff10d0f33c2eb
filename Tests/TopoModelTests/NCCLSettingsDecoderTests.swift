import Testing
import TopoDiagnostics
import TopoTestSupport

@testable import TopoModel

private func spec(_ extra: String, network: String = "{fabric: infiniband, gbps: 400}") -> String {
    HGXSpecText.header(network: network) + """
        nodes:
          "n[1-2]": {type: hgx}
        \(extra)
        """
}

@Suite struct NCCLSettingsDecoderTests {
    @Test func readsVersionNVLSAndSharp() throws {
        let (decoded, diagnostics) = decode(
            spec(
                "nccl: {version: \"2.21.5\", nvls: false}",
                network: "{fabric: infiniband, gbps: 400, sharp: true}"))
        let s = try #require(decoded, "\(diagnostics.map(\.message))")
        #expect(s.nccl.version == NCCLVersion(major: 2, minor: 21))
        #expect(s.nccl.nvls == false)
        #expect(s.networks.first?.sharp == true)
    }

    @Test func readsProtocolsAndRefusesAnEmptyOrUnknownList() throws {
        let s = try #require(decode(spec("nccl: {protocols: [simple, ll128]}")).spec)
        #expect(s.nccl.protocols == [.simple, .ll128])
        let (empty, emptyDiagnostics) = decode(spec("nccl: {protocols: []}"))
        #expect(empty == nil)
        #expect(
            emptyDiagnostics.contains { $0.message.contains("`nccl.protocols` is empty") && $0.location?.line == 12 })
        let (unknown, unknownDiagnostics) = decode(spec("nccl: {protocols: [Simple]}"))
        #expect(unknown == nil)
        #expect(unknownDiagnostics.contains { $0.message.contains("simple") })
    }

    @Test func defaultsSayNothing() throws {
        let s = try #require(decode(spec("")).spec)
        #expect(s.nccl == NCCLSettings())
        #expect(s.networks.first?.sharp == false)
    }

    @Test func refusesABadVersionAtItsLine() {
        let (decoded, diagnostics) = decode(spec("nccl: {version: \"two\"}"))
        #expect(decoded == nil)
        let error = diagnostics.first { $0.message.contains("nccl.version") }
        #expect(error?.location?.line == 12)
    }

    @Test func refusesAnUnknownKeyAndAYAML11Boolean() {
        #expect(decode(spec("nccl: {protocol: LL}")).spec == nil)
        #expect(decode(spec("nccl: {nvls: off}")).diagnostics.contains { $0.message.contains("YAML 1.1") })
    }

    @Test func versionsCompare() {
        #expect(NCCLVersion(text: "2.9") ?? NCCLVersion(major: 0, minor: 0) < NCCLVersion(major: 2, minor: 17))
        #expect(NCCLVersion(text: "2") == nil)
        #expect(NCCLVersion(text: "2.x") == nil)
        #expect(NCCLVersion(text: "2.30.7")?.description == "2.30")
    }
}
