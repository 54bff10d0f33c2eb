import Testing
import TopoDiagnostics
import TopoYAML

@testable import TopoModel

func decode(_ text: String) -> (spec: ClusterSpec?, diagnostics: [Diagnostic]) {
    let parsed = YAMLParser().parse(Array(text.utf8), file: "t.yaml")
    guard let document = parsed.document else { return (nil, parsed.diagnostics) }
    return SpecDecoder.decode(document)
}

private let hgx = """
    topospec: 1
    cluster: pod
    networks:
      ib: {fabric: infiniband, gbps: 400, topology: rail-optimized-fat-tree, rails: 8,
           tiers: [{name: leaf, radix: 64, down: 32, up: 32}, {name: spine, radix: 64}]}
    node_types:
      hgx:
        gpus: {sku: h100-sxm5-80gb, count: 8}
        sockets: 2
        nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}
        pcie:
          - {switch: pex0, socket: 0, gpus: [0, 1], nics: [cx0, cx1]}
          - {switch: pex1, socket: 0, gpus: [2, 3], nics: [cx2, cx3]}
          - {switch: pex2, socket: 1, gpus: [4, 5], nics: [cx4, cx5]}
          - {switch: pex3, socket: 1, gpus: [6, 7], nics: [cx6, cx7]}
          - {switch: sub0, parent: pex3}
        nics:
          "cx[0-7]": {sku: connectx-7, network: ib, device: "mlx5_[0-7]"}
    nodes:
      "gpu[001-016]": {type: hgx, rack: "r[1-4]", exceptions: {gpu007: {failed_gpus: [3]}, "gpu[015-016]": {state: drain}}}
    jobs:
      llama:
        nodes: "gpu[001-004]"
        parallelism: {tp: 8, pp: 2, dp: 2}
        model: {params: 70B, layers: 80, hidden: 8192, dtype: bf16}
        batch: {micro: 1, seq: 8192, global: 1024}
        training: {optimizer: adam, zero: 1}
    """

@Suite struct DecoderTests {
    @Test func decodesAFullSpec() throws {
        let (spec, diagnostics) = decode(hgx)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let s = try #require(spec)
        #expect(s.name == "pod")
        #expect(s.nodes.count == 16)
        #expect(s.racks.map(\.name) == ["r1", "r2", "r3", "r4"])
        #expect(s.nodes[3].rackIndex == 0)
        #expect(s.nodes[4].rackIndex == 1)
        #expect(s.nodes[6].name == "gpu007")
        #expect(s.nodes[6].failedGPUs == [3])
        #expect(s.healthyGPUs(of: s.nodes[6]) == [0, 1, 2, 4, 5, 6, 7])
        #expect(s.nodes[15].state == .drain)
        #expect(s.healthyGPUs(of: s.nodes[15]).isEmpty)
        let type = s.nodeTypes[0]
        #expect(type.gpus.count == 8)
        #expect(type.nics.map(\.device) == (0..<8).map { "mlx5_\($0)" })
        #expect(type.nics[0].gbps == 400)
        #expect(type.nics[0].gbpsDeclared == false)
        #expect(type.pcie.entries[4].socket == 1)
        #expect(type.pcie.entries[4].parentIndex == 3)
        #expect(type.pcie.entry(ofGPU: 5) == 2)
        #expect(type.pcie.entry(ofNIC: "cx6") == 3)
        #expect(s.jobs[0].nodes == [0, 1, 2, 3])
        #expect(s.jobs[0].model?.params == 70e9)
        #expect(s.jobs[0].training.zero == 1)
        #expect(s.networks[0].tiers[0].oversubscription == 1.0)
        #expect(s.nodes[0].location.line == 20)
    }

    @Test func reportsEveryErrorNotOnlyTheFirst() {
        let (spec, diagnostics) = decode(
            """
            topospec: 1
            cluster: c
            node_types:
              a: {gpus: {sku: h100-sxm-80gb, count: 8}, nvlinks: none}
              b: {gpus: {sku: rtx-4090, count: 0}}
            nodes:
              n1: {type: c}
            """)
        #expect(spec == nil)
        let codes = diagnostics.map(\.code)
        #expect(codes.contains("TS020"))
        #expect(codes.contains("TS010"))
        #expect(codes.contains("TS012"))
        #expect(diagnostics.count >= 4)
        #expect(diagnostics.first { $0.code == "TS010" }?.message.contains("did you mean `nvlink`") == true)
        #expect(
            diagnostics.first { $0.code == "TS020" && $0.message.contains("SKU") }?.message.contains("h100-sxm5-80gb")
                == true)
    }

    @Test func yaml11SurprisesAreRefused() {
        let (_, diagnostics) = decode(
            """
            topospec: 1
            cluster: c
            node_types:
              a: {gpus: {sku: rtx-4090, count: 08}, nvlink: no, platform: {vm: yes, driver: 550.40, acs: off}}
            nodes:
              n1: {type: a}
            """)
        let ambiguous = diagnostics.filter { $0.code == "TS014" }
        #expect(ambiguous.count == 5, "\(diagnostics.map(\.message))")
        #expect(ambiguous.contains { $0.message.contains("octal") })
        #expect(ambiguous.contains { $0.message.contains("write `none`") })
        #expect(ambiguous.contains { $0.help == "write `true`" })
        #expect(ambiguous.contains { $0.message.contains("driver version") })
    }

    @Test func quotedNumbersAndOverflowAreTypeErrors() {
        let (_, diagnostics) = decode(
            """
            topospec: 1
            cluster: c
            node_types:
              a: {gpus: {sku: rtx-4090, count: "8"}}
              b: {gpus: {sku: rtx-4090, count: 99999999999999999999999}}
              c: {gpus: {sku: rtx-4090, count: 2.5}}
            nodes:
              n1: {type: a}
            """)
        #expect(diagnostics.contains { $0.code == "TS011" && $0.location?.line == 4 && $0.message.contains("quoted") })
        #expect(diagnostics.contains { $0.code == "TS012" && $0.location?.line == 5 })
        #expect(
            diagnostics.contains { $0.code == "TS011" && $0.location?.line == 6 && $0.message.contains("whole number") }
        )
    }

    @Test func versionAndRootChecks() {
        #expect(decode("topospec: 2\ncluster: c\nnode_types: {}\nnodes: {}\n").diagnostics.first?.code == "TS015")
        #expect(decode("- a\n- b\n").diagnostics.first?.code == "TS008")
        #expect(decode("---\n").diagnostics.first?.code == "TS007")
        #expect(decode("topospec: 1\n").diagnostics.map(\.code) == ["TS013", "TS013", "TS013"])
    }

    @Test func referencesAreChecked() {
        let (_, diagnostics) = decode(
            """
            topospec: 1
            cluster: c
            networks:
              ib: {fabric: infiniband}
            node_types:
              a:
                gpus: {sku: h100-sxm5-80gb, count: 8}
                sockets: 2
                nvlink: {nvswitch: {sku: nvswitch-gen9, count: 4}}
                pcie:
                  - {switch: s0, socket: 2, gpus: [8]}
                  - {switch: s1, parent: s9, nics: [cx9]}
                nics: {cx0: {sku: connectx-77}, cx1: {sku: connectx-7, network: ibb}}
            nodes:
              n1: {type: a, failed_gpus: [9]}
            jobs:
              j: {nodes: "n[1-2]"}
            """)
        let unknown = diagnostics.filter { $0.code == "TS020" }.map(\.message)
        #expect(unknown.contains { $0.contains("NVSwitch `nvswitch-gen9`") })
        #expect(unknown.contains { $0.contains("socket 2 does not exist") })
        #expect(unknown.contains { $0.contains("GPU 8 does not exist") })
        #expect(unknown.contains { $0.contains("PCIe parent `s9`") && $0.contains("did you mean `s0`") })
        #expect(unknown.contains { $0.contains("NIC model `connectx-77`") && $0.contains("connectx-7") })
        #expect(unknown.contains { $0.contains("network `ibb`") && $0.contains("did you mean `ib`") })
        #expect(unknown.contains { $0.contains("GPU 9 does not exist") })
        #expect(unknown.contains { $0.contains("node `n2`") })
    }

    @Test func pcieCyclesAndDoublePlacement() {
        let (_, diagnostics) = decode(
            """
            topospec: 1
            cluster: c
            node_types:
              a:
                gpus: {sku: rtx-4090, count: 2}
                pcie:
                  - {switch: s0, parent: s1, gpus: [0]}
                  - {switch: s1, parent: s0, gpus: [0]}
                  - {switch: s2, parent: s2}
            nodes:
              n1: {type: a}
            """)
        #expect(diagnostics.filter { $0.code == "TS022" }.count == 3)
        #expect(diagnostics.contains { $0.code == "TS023" && $0.message.contains("already under `s0`") })
    }

    @Test func rackBlocksMustDivide() {
        let (_, diagnostics) = decode(
            """
            topospec: 1
            cluster: c
            node_types:
              a: {gpus: {sku: rtx-4090, count: 2}}
            nodes:
              "n[1-10]": {type: a, rack: "r[1-3]"}
            """)
        #expect(diagnostics.first?.code == "TS024")
    }

    @Test func exceptionsMustNameMembers() {
        let (_, diagnostics) = decode(
            """
            topospec: 1
            cluster: c
            node_types:
              a: {gpus: {sku: rtx-4090, count: 2}}
            nodes:
              "n[1-4]": {type: a, exceptions: {n5: {state: down}}}
            """)
        #expect(diagnostics.first?.code == "TS020")
        #expect(diagnostics.first?.message.contains("not one of this entry's nodes") == true)
    }

    @Test func userHardwareExtendsTheCatalog() throws {
        let (spec, diagnostics) = decode(
            """
            topospec: 1
            cluster: c
            hardware:
              gpus:
                acme-a1: {vendor: other, form_factor: pcie, memory_gb: 64, host: pcie-gen5-x16, nvlink: none}
                rtx-4090: {vendor: nvidia, form_factor: pcie, memory_gb: 24, host: pcie-gen4-x16}
            node_types:
              a: {gpus: {sku: acme-a1, count: 2}}
            nodes:
              n1: {type: a}
            """)
        #expect(spec == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == "TS021")
        #expect(diagnostics.first?.notes.first?.location?.file == BuiltinCatalog.file)
    }

    @Test func nicDeviceListsMustMatch() {
        let (_, diagnostics) = decode(
            """
            topospec: 1
            cluster: c
            node_types:
              a: {gpus: {sku: h100-sxm5-80gb, count: 8}, nics: {"cx[0-7]": {sku: connectx-7, device: "mlx5_[0-3]"}}}
            nodes:
              n1: {type: a}
            """)
        #expect(diagnostics.first?.code == "TS023")
        #expect(diagnostics.first?.message.contains("names 8 NICs but `device` names 4") == true)
    }

    @Test func multiNodeDomainsSplitIntoBlocks() throws {
        let (spec, diagnostics) = decode(
            """
            topospec: 1
            cluster: c
            node_types:
              tray: {gpus: {sku: gb200, count: 4}, nvlink: {domain: external}}
            nodes:
              "t[01-36]": {type: tray}
            nvlink_domains:
              "nvl[1-2]": {nodes: "t[01-36]", switches: {sku: nvswitch-gen4, count: 18}}
            """)
        #expect(diagnostics.isEmpty)
        let s = try #require(spec)
        #expect(s.nvlinkDomains.map(\.name) == ["nvl1", "nvl2"])
        #expect(s.nvlinkDomains[1].nodes.first == 18)
        #expect(s.nodes[17].domainIndex == 0)
        #expect(s.nodes[18].domainIndex == 1)
    }

    @Test func aliasesAndMergeKeysWorkInSpecs() throws {
        let (spec, diagnostics) = decode(
            """
            topospec: 1
            cluster: c
            node_types:
              base: &base {gpus: {sku: h100-sxm5-80gb, count: 8}, nvlink: {nvswitch: {sku: nvswitch-gen3, count: 4}}}
              copy:
                <<: *base
                sockets: 2
            nodes:
              n1: {type: copy}
            """)
        #expect(diagnostics.isEmpty)
        #expect(spec?.nodeTypes[1].sockets == 2)
        #expect(spec?.nodeTypes[1].scaleUp?.nvswitch?.count == 4)
    }
}
