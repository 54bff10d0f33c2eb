import Testing
import TopoDiagnostics

@testable import TopoModel

/// `sockets: {cpu}` and `hardware.cpus`: the CPU model NCCL topology files need.
@Suite struct CPUModelDecodingTests {
    static func spec(sockets: String, hardware: String = "") -> String {
        """
        topospec: 1
        cluster: c
        \(hardware)
        node_types:
          box: {gpus: {sku: h100-pcie-80gb, count: 2}, sockets: \(sockets)}
        nodes:
          n1: {type: box}
        """
    }

    @Test func builtInModelIsNamed() throws {
        let (spec, diagnostics) = decode(Self.spec(sockets: "{count: 2, cpu: epyc-genoa}"))
        #expect(diagnostics.isEmpty)
        let type = try #require(spec?.nodeTypes.first)
        #expect(type.cpu == "epyc-genoa" && type.sockets == 2)
        let model = try #require(spec?.catalog.cpus["epyc-genoa"])
        #expect(
            model.architecture == .x86_64 && model.vendor.cpuidVendor == "AuthenticAMD" && model.family == 25
                && model.model == 17)
    }

    @Test func unknownModelSuggestsACatalogName() throws {
        let (_, diagnostics) = decode(Self.spec(sockets: "{count: 2, cpu: epyc-genoaa}"))
        let error = try #require(diagnostics.first { $0.message.contains("unknown CPU model `epyc-genoaa`") })
        #expect(error.message.contains("epyc-genoa"))
        #expect(error.location?.line == 5)
    }

    @Test func x86ModelNeedsItsCpuid() throws {
        let hardware = """
            hardware:
              cpus:
                lab-xeon: {vendor: intel, arch: x86_64}
                lab-arm: {vendor: ampere, arch: arm64}
            """
        let (_, diagnostics) = decode(Self.spec(sockets: "{count: 1, cpu: lab-arm}", hardware: hardware))
        #expect(
            diagnostics.contains {
                $0.message.contains("x86 CPU model `lab-xeon` needs its cpuid `family` and `model`")
            })
        #expect(!diagnostics.contains { $0.message.contains("lab-arm") })
    }

    /// Every built-in x86 model carries family and model; Intel's are family 6 (NCCL classifies
    /// Intel models by model number within family 6, topo.cc ncclTopoAddCpu).
    @Test func catalogCpuidValues() {
        let cpus = BuiltinCatalog.catalog.cpus.values
        #expect(cpus.count == 16)
        for cpu in cpus where cpu.architecture == .x86_64 {
            #expect(cpu.family != nil && cpu.model != nil, "\(cpu.id)")
            if cpu.vendor == .intel { #expect(cpu.family == 6, "\(cpu.id)") }
        }
        #expect(BuiltinCatalog.catalog.cpus["xeon-sapphire-rapids"]?.model == 0x8F)
        #expect(BuiltinCatalog.catalog.cpus["xeon-emerald-rapids"]?.model == 0xCF)
        #expect(BuiltinCatalog.catalog.cpus["grace"]?.architecture == .arm64)
    }
}
