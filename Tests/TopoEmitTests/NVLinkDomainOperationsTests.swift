import Testing
import TopoEmit
import TopoLint
import TopoModel

/// IMEX `nodes_config.cfg` and DRA `ComputeDomain` manifests for multi-node NVLink domains, and
/// the `address:` key they rest on.
@Suite struct NVLinkDomainOperationsTests {
    @Test func imexListsTheRackTraysByAddress() throws {
        let spec = try Golden.spec("gb200-nvl72.yaml")
        let files = try IMEXEmitter.files(spec: spec)
        #expect(files.map(\.domain) == ["nvl72-r01"])
        let lines = files[0].contents.split(separator: "\n").map(String.init)
        #expect(lines.count == 18)
        #expect(lines.first == "10.0.1.11")
        #expect(lines.last == "10.0.1.28")
        // Nothing but addresses: IMEX documents no comment syntax for the file.
        #expect(lines.allSatisfy { !$0.hasPrefix("#") })
    }

    @Test func imexForAJobSplitsByDomainAndSkipsDownNodes() throws {
        let spec = try Self.spec(
            """
            topospec: 1
            cluster: two-racks
            node_types:
              tray:
                gpus: {sku: gb200, count: 4}
                sockets: 2
                nvlink: {domain: external}
            nodes:
              "a[01-18]": {type: tray, rack: r1, address: "10.0.1.[1-18]", exceptions: {a03: {state: down}}}
              "b[01-18]": {type: tray, rack: r2, address: "10.0.2.[1-18]"}
            nvlink_domains:
              "nvl[1-2]": {nodes: "a[01-18],b[01-18]", switches: {sku: nvswitch-gen4, count: 18}}
            jobs:
              j:
                nodes: "a[01-18],b[01-02]"
                parallelism: {tp: 4, dp: 20}
                model: {params: 8e9}
            """)
        let files = try IMEXEmitter.files(spec: spec, jobIndex: 0)
        #expect(files.map(\.domain) == ["nvl1", "nvl2"])
        #expect(files[0].contents.split(separator: "\n").count == 17)  // a03 is down
        #expect(!files[0].contents.contains("10.0.1.3\n"))
        #expect(files[1].contents == "10.0.2.1\n10.0.2.2\n")

        let manifests = try ComputeDomainEmitter.manifests(spec: spec, source: "t.yaml")
        #expect(manifests.contains("apiVersion: resource.nvidia.com/v1beta1\nkind: ComputeDomain\n"))
        #expect(manifests.contains("  numNodes: 20\n"))
        #expect(manifests.contains("      name: j-channel\n"))
        #expect(manifests.contains("spans 2 NVLink domains"))
    }

    /// Once a job says `imex: true`, only IMEX jobs get a ComputeDomain and only their domains an
    /// IMEX file (each whole); a job that says `imex: false` is refused by name.
    @Test func imexKeyChoosesJobsAndDomains() throws {
        let text = """
            topospec: 1
            cluster: three-racks
            node_types:
              tray:
                gpus: {sku: gb200, count: 4}
                sockets: 2
                nvlink: {domain: external}
            nodes:
              "a[01-18]": {type: tray, rack: r1, address: "10.0.1.[1-18]"}
              "b[01-18]": {type: tray, rack: r2, address: "10.0.2.[1-18]"}
              "c[01-18]": {type: tray, rack: r3, address: "10.0.3.[1-18]"}
            nvlink_domains:
              "nvl[1-3]": {nodes: "a[01-18],b[01-18],c[01-18]", switches: {sku: nvswitch-gen4, count: 18}}
            jobs:
              shared: {nodes: "b[01-04]", parallelism: {tp: 4, dp: 4}, model: {params: 8e9}, imex: true}
              plain: {nodes: "a[01-04]", parallelism: {tp: 4, dp: 4}, model: {params: 8e9}}
              off: {nodes: "c[01-04]", parallelism: {tp: 4, dp: 4}, model: {params: 8e9}, imex: false}
            """
        let spec = try Self.spec(text)
        let files = try IMEXEmitter.files(spec: spec)
        #expect(files.map(\.domain) == ["nvl2"])
        #expect(files[0].contents.split(separator: "\n").count == 18)
        let manifests = try ComputeDomainEmitter.manifests(spec: spec, source: "t.yaml")
        #expect(manifests.contains("  name: shared\n"))
        #expect(!manifests.contains("  name: plain\n"))
        #expect(!manifests.contains("  name: off\n"))
        guard
            case let .failure(refused) = Result(catching: { () throws(EmitFailure) in
                try IMEXEmitter.files(spec: spec, jobIndex: 2)
            }),
            case let .failure(noDomain) = Result(catching: { () throws(EmitFailure) in
                try ComputeDomainEmitter.manifests(spec: spec, source: "t.yaml", jobIndex: 2)
            })
        else {
            Issue.record("a job that says imex: false must be refused by name")
            return
        }
        #expect(refused.description.contains("says `imex: false`"))
        #expect(noDomain.description.contains("says `imex: false`"))
        // A job named explicitly without the key is served as before.
        #expect(try IMEXEmitter.files(spec: spec, jobIndex: 1).map(\.domain) == ["nvl1"])

        // No job says imex: true: every domain, and every job except the one that says false.
        let unnamed = try Self.spec(text.replacing(", imex: true}", with: "}"))
        #expect(try IMEXEmitter.files(spec: unnamed).map(\.domain) == ["nvl1", "nvl2", "nvl3"])
        let all = try ComputeDomainEmitter.manifests(spec: unnamed, source: "t.yaml")
        #expect(all.contains("  name: shared\n") && all.contains("  name: plain\n"))
        #expect(!all.contains("  name: off\n"))
    }

    @Test func imexNeedsDomainsAndAddresses() throws {
        let noDomains = try Golden.spec("dgx-a100.yaml")
        guard
            case let .failure(failure) = Result(catching: { () throws(EmitFailure) in
                try IMEXEmitter.files(spec: noDomains)
            })
        else {
            Issue.record("IMEX without NVLink domains must fail")
            return
        }
        #expect(failure.description.contains("no nvlink_domains"))
        guard
            case .failure = Result(catching: { () throws(EmitFailure) in
                try ComputeDomainEmitter.manifests(spec: noDomains, source: "dgx-a100.yaml")
            })
        else {
            Issue.record("a ComputeDomain without NVLink domains must fail")
            return
        }

        let noAddresses = try Self.spec(twoDomainsNoAddress)
        guard
            case let .failure(missing) = Result(catching: { () throws(EmitFailure) in
                try IMEXEmitter.files(spec: noAddresses)
            })
        else {
            Issue.record("IMEX without addresses must fail")
            return
        }
        #expect(missing.description.contains("no `address`"))
    }

    @Test(arguments: [
        ("\"10.0.1.[1-3]\"", "expands to 3 addresses for 2 nodes"),
        ("\"10.0.1.256\"", "is not an IPv4 address"),
        ("\"fe80::1\"", "one IPv6 address for 2 nodes"),
        ("\"10.0.1.[1-2]x\"", "is not an IPv4 address"),
    ])
    func badAddressesAreLocated(address: String, message: String) throws {
        let text = """
            topospec: 1
            cluster: c
            node_types:
              t: {gpus: {sku: l40s, count: 4}}
            nodes:
              "n[1-2]": {type: t, address: \(address)}
            """
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "t.yaml")
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.location?.line == 6)
    }

    @Test func addressLiterals() {
        #expect(IPAddress.isIPv4("10.0.1.11"))
        #expect(!IPAddress.isIPv4("10.0.1.011"))
        #expect(!IPAddress.isIPv4("10.0.1"))
        #expect(IPAddress.isIPv6("fe80::1"))
        #expect(IPAddress.isIPv6("2001:db8:0:0:0:0:2:1"))
        #expect(IPAddress.isIPv6("::ffff:10.0.0.1"))
        #expect(!IPAddress.isIPv6("1::2::3"))
        #expect(!IPAddress.isIPv6("12345::1"))
    }

    let twoDomainsNoAddress = """
        topospec: 1
        cluster: c
        node_types:
          tray: {gpus: {sku: gb200, count: 4}, sockets: 2, nvlink: {domain: external}}
        nodes:
          "a[01-18]": {type: tray}
        nvlink_domains:
          nvl1: {nodes: "a[01-18]", switches: {sku: nvswitch-gen4, count: 18}}
        """

    static func spec(_ text: String) throws -> ClusterSpec {
        let report = Linter(configuration: .none).lint(bytes: Array(text.utf8), path: "t.yaml")
        return try #require(report.spec, "\(report.diagnostics.map(\.message))")
    }
}
