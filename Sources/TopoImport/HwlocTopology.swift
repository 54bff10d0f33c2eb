import TopoDiagnostics

/// What an hwloc XML topology (`lstopo --of xml`, hwloc 1.x and 2.x) says about a machine's
/// sockets and PCIe tree: packages (CPU sockets), NUMA nodes, host bridges, the PCIe switches
/// below them, and the GPUs and NICs with their bus ids, PCI ids and link speeds.
///
/// hwloc writes a host bridge as `Bridge` with `bridge_type="0-1"`, every PCI-to-PCI bridge as
/// `bridge_type="1-1"`. A root port is a bridge directly below a host bridge; a switch is an
/// upstream-port bridge below a root port or below another switch's downstream port, together
/// with its downstream ports. That is how `nvidia-smi topo -m` counts them: devices below one
/// switch are PIX, below nested switches PXB, on root ports of one host bridge PHB.
struct HwlocTopology: Sendable {
    /// A CPU package (socket).
    struct Package: Sendable {
        var osIndex: Int
        var model: String?
        var vendor: String?
        var numaNodes: [Int]
    }

    /// A host bridge: the root complex the devices below it hang off.
    struct HostBridge: Sendable {
        /// Index into `packages`; nil when hwloc attached the bridge to the whole machine.
        var package: Int?
        /// NUMA nodes of the bridge's locality (hwloc 1.x: the enclosing NUMANode; 2.x: the parent's nodeset).
        var numaNodes: [Int]
        var location: SourceLocation
    }

    /// A PCIe switch (upstream port and its downstream ports).
    struct Switch: Sendable {
        var hostBridge: Int
        /// Index of the switch above, for nested switches.
        var parent: Int?
        var busID: String?
        /// The upstream port's link, GB/s per direction as hwloc gives it.
        var linkGBs: Double?
        var location: SourceLocation
    }

    /// A GPU or NIC function.
    struct Device: Sendable {
        var busID: String
        /// `0x10de`, `0x15b3`, …
        var vendor: String
        var device: String
        /// The PCI class, `0302`, `0207`, …
        var pciClass: String
        var linkGBs: Double?
        var hostBridge: Int
        /// The switch directly above, if any.
        var parentSwitch: Int?
        /// OS devices below the function: `mlx5_0` (OpenFabrics), `ib0` / `eth0` (network), `cuda0`.
        var openFabrics: [String] = []
        var network: [String] = []
        /// hwloc's `GPUModel` info (NVML / CUDA / RSMI backends), when recorded.
        var model: String?
        var location: SourceLocation
    }

    var version: String?
    var packages: [Package] = []
    var hostBridges: [HostBridge] = []
    var switches: [Switch] = []
    var gpus: [Device] = []
    var nics: [Device] = []
    var numaNodes = 0

    /// Reads the `<topology>` root.
    static func read(_ root: XMLElement) -> HwlocTopology {
        var topology = HwlocTopology()
        topology.version = root.attribute("version")?.value ?? "1.x"
        topology.walk(root, package: nil, numa: [], hostBridge: nil, switchStack: [])
        return topology
    }

    /// Where a bridge sits while walking: the host bridge, and the switch context of the bridge.
    private enum BridgeRole {
        case rootPort
        case upstream(Int)
        case downstream(Int)
    }

    private mutating func walk(
        _ element: XMLElement, package: Int?, numa: [Int], hostBridge: Int?, switchStack: [BridgeRole]
    ) {
        for child in element.children where child.name == "object" {
            let type = child.attribute("type")?.value ?? ""
            switch type {
            case "Package", "Socket":
                let index = packages.count
                packages.append(
                    Package(
                        osIndex: Int(child.attribute("os_index")?.value ?? "") ?? index,
                        model: info(child, "CPUModel"), vendor: info(child, "CPUVendor"),
                        numaNodes: Self.bits(child.attribute("nodeset")?.value)))
                walk(child, package: index, numa: numa, hostBridge: nil, switchStack: [])
            case "NUMANode":
                numaNodes += 1
                let os = Int(child.attribute("os_index")?.value ?? "")
                walk(child, package: package, numa: os.map { [$0] } ?? numa, hostBridge: nil, switchStack: [])
            case "Bridge":
                let bridgeType = child.attribute("bridge_type")?.value ?? ""
                if bridgeType.hasPrefix("0-") {
                    let locality = numa.isEmpty ? Self.bits(element.attribute("nodeset")?.value) : numa
                    hostBridges.append(HostBridge(package: package, numaNodes: locality, location: child.location))
                    walk(child, package: package, numa: numa, hostBridge: hostBridges.count - 1, switchStack: [])
                } else if let hostBridge {
                    var role: BridgeRole = .rootPort
                    switch switchStack.last {
                    case nil:
                        role = .rootPort
                    case .rootPort?, .downstream?:
                        // An upstream port: a new switch, below the switch whose downstream port this is.
                        var parent: Int?
                        if case let .downstream(s)? = switchStack.last { parent = s }
                        switches.append(
                            Switch(
                                hostBridge: hostBridge, parent: parent, busID: child.attribute("pci_busid")?.value,
                                linkGBs: Self.number(child.attribute("pci_link_speed")?.value),
                                location: child.location))
                        role = .upstream(switches.count - 1)
                    case let .upstream(s)?:
                        role = .downstream(s)
                    }
                    walk(child, package: package, numa: numa, hostBridge: hostBridge, switchStack: switchStack + [role])
                } else {
                    walk(child, package: package, numa: numa, hostBridge: hostBridge, switchStack: switchStack)
                }
            case "PCIDev":
                guard let hostBridge, let busID = child.attribute("pci_busid")?.value,
                    let ids = Self.ids(child.attribute("pci_type")?.value)
                else { continue }
                var parentSwitch: Int?
                switch switchStack.last {
                case let .upstream(s)?, let .downstream(s)?: parentSwitch = s
                default: parentSwitch = nil
                }
                var device = Device(
                    busID: busID.lowercased(), vendor: "0x" + ids.vendor, device: "0x" + ids.device,
                    pciClass: ids.pciClass,
                    linkGBs: Self.number(child.attribute("pci_link_speed")?.value), hostBridge: hostBridge,
                    parentSwitch: parentSwitch, location: child.location)
                for os in child.children where os.name == "object" && os.attribute("type")?.value == "OSDev" {
                    let name = os.attribute("name")?.value ?? ""
                    switch os.attribute("osdev_type")?.value {
                    case "3": device.openFabrics.append(name)
                    case "2": device.network.append(name)
                    default: break
                    }
                    if device.model == nil { device.model = info(os, "GPUModel") }
                }
                if Self.isGPU(device) {
                    gpus.append(device)
                } else if Self.isNIC(device) {
                    nics.append(device)
                }
            default:
                walk(child, package: package, numa: numa, hostBridge: hostBridge, switchStack: switchStack)
            }
        }
    }

    /// NVIDIA display / 3D controllers; AMD Instinct (display 0380, processing accelerator 1200).
    static func isGPU(_ device: Device) -> Bool {
        let vendor = device.vendor.lowercased()
        if vendor == "0x10de" { return device.pciClass.hasPrefix("03") }
        if vendor == "0x1002" { return device.pciClass == "0380" || device.pciClass.hasPrefix("12") }
        return false
    }

    /// Network (0200 Ethernet, 0207 InfiniBand) and fabric controllers with a network or RDMA device.
    static func isNIC(_ device: Device) -> Bool {
        (device.pciClass.hasPrefix("02") && (!device.network.isEmpty || !device.openFabrics.isEmpty))
            || device.pciClass == "0207"
    }

    private func info(_ element: XMLElement, _ name: String) -> String? {
        element.children.first { $0.name == "info" && $0.attribute("name")?.value == name }?.attribute("value")?.value
    }

    /// `pci_type="0302 [10de:20b0] [10de:134f] a1"` → class and vendor/device ids.
    static func ids(_ text: String?) -> (pciClass: String, vendor: String, device: String)? {
        guard let text else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count >= 2, parts[1].hasPrefix("["), parts[1].hasSuffix("]") else { return nil }
        let pair = parts[1].dropFirst().dropLast().split(separator: ":")
        guard pair.count == 2, pair.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isHexDigit) }) else { return nil }
        return (String(parts[0]).lowercased(), String(pair[0]).lowercased(), String(pair[1]).lowercased())
    }

    static func number(_ text: String?) -> Double? {
        guard let text, let value = Double(text), value.isFinite, value > 0 else { return nil }
        return value
    }

    /// The set bits of an hwloc bitmap (`0x0000000f`, `0xffffffff,0x000000ff`, `0x1,,,0x3` with
    /// empty 32-bit words), lowest first; at most the first 4096.
    static func bits(_ text: String?) -> [Int] {
        guard let text, !text.isEmpty else { return [] }
        let words = text.split(separator: ",", omittingEmptySubsequences: false).reversed()
        var result: [Int] = []
        for (i, word) in words.enumerated() where i < 128 {
            let hex = word.hasPrefix("0x") ? word.dropFirst(2) : word[...]
            guard !hex.isEmpty, let value = UInt32(hex, radix: 16) else { continue }
            for bit in 0..<32 where value & (1 << UInt32(bit)) != 0 { result.append(i * 32 + bit) }
        }
        return result
    }
}
