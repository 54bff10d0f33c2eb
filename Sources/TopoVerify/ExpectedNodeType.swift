import TopoImport
import TopoModel
import TopoRules
import TopoTopology

/// A node type as a capture of a machine built to it would show it: GPU models, path classes
/// between GPUs and between GPUs and NICs, NVSwitch attachment, sockets, PCIe links and NIC
/// speeds. Computed once per node type from the shared topology model (`NodeTopology`,
/// `ScaleUpLinks`), so verify and lint agree on what a spec means.
struct ExpectedNodeType: Sendable {
    var name: String
    var gpuSKUs: [String]
    /// GPU × GPU; nil where the spec does not place the devices.
    var gpuLinks: [[NodeCapture.Link?]]
    /// GPU × NIC.
    var gpuNICLinks: [[NodeCapture.Link?]]
    /// GPUs attached to NVSwitch (in the node or a multi-node domain).
    var switched: Set<Int>
    var sockets: Int
    /// The spec knows NUMA nodes, not sockets (`sockets: {count: unknown, …}`): packages are not compared.
    var socketCountUnknown = false
    var gpuSockets: [Int?]
    /// Each GPU's own PCIe link (generation, width), when the SKU is on PCIe.
    var gpuPCIe: [(generation: Int, width: Int)?]
    var nicNames: [String]
    var nicDevices: [String?]
    /// Declared NIC speeds, Gb/s (only where written on the NIC or its network).
    var nicGbps: [Double?]
    var nicSKUs: [String]
    var nicBusIDs: [String?]
    /// Each NIC's PCIe link as its model and slot allow it, when the slot's generation is declared.
    var nicPCIe: [(generation: Int, width: Int)?]
    /// The `pcie:` switches, for comparing their uplinks with an hwloc capture.
    var switches: [ExpectedSwitch]
    /// The catalog's PCIe generations (per-lane bandwidth).
    var pcieGenerations: [Int: PCIeGeneration]

    /// A PCIe switch of the node type's `pcie:` tree.
    struct ExpectedSwitch: Sendable {
        var name: String
        var busID: String?
        /// Declared uplink, when the entry gives a generation.
        var uplink: (generation: Int, width: Int)?
        var gpus: [Int]
        /// NIC indices.
        var nics: [Int]
    }

    init(
        type: NodeType, skus: [GPUSKU], links: ScaleUpLinks?, topology: NodeTopology, catalog: Catalog,
        networkGbps: (String) -> Double?
    ) {
        name = type.name
        gpuSKUs = type.gpus.map(\.sku)
        let n = type.gpus.count
        func link(_ path: PathClass) -> NodeCapture.Link? {
            switch path {
            case let .nvlink(count): .nvlink(count)
            case .pix: .pix
            case .pxb: .pxb
            case .phb: .phb
            case .node: .node
            case .sys: .sys
            case .net, .unknown: nil
            }
        }
        let complete = skus.count == n
        gpuLinks = (0..<n).map { a in
            (0..<n).map { b in a == b || !complete ? nil : link(topology.gpuPath(a, b).pathClass) }
        }
        gpuNICLinks = (0..<n).map { g in
            type.nics.indices.map { k in complete ? link(topology.nicPath(gpu: g, nic: k).pathClass) : nil }
        }
        switched = links?.switched ?? []
        sockets = type.sockets
        socketCountUnknown = type.socketCountUnknown
        gpuSockets = complete ? topology.gpuSockets : Array(repeating: nil, count: n)
        gpuPCIe = (0..<n).map { g in
            guard g < skus.count, case let .pcie(generation, width) = skus[g].host else { return nil }
            guard let entry = type.pcie.entry(ofGPU: g) else { return (generation, width) }
            let e = type.pcie.entries[entry]
            let gen = min(generation, e.generation ?? generation)
            return (gen, e.kind == .hostBridge ? min(width, e.width) : width)
        }
        nicNames = type.nics.map(\.name)
        nicDevices = type.nics.map(\.device)
        nicGbps = type.nics.map { nic in nic.gbpsDeclared ? nic.gbps : nic.network.flatMap(networkGbps) }
        nicSKUs = type.nics.map(\.sku)
        nicBusIDs = type.nics.map { $0.busID?.lowercased() }
        nicPCIe = type.nics.map { nic in
            guard case let .pcie(generation, width)? = catalog.nics[nic.sku]?.host,
                let entry = type.pcie.entry(ofNIC: nic.name), let slot = type.pcie.entries[entry].generation
            else { return nil }
            let e = type.pcie.entries[entry]
            return (min(generation, slot), e.kind == .hostBridge ? min(width, e.width) : width)
        }
        let nicIndex = Dictionary(type.nics.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        switches = type.pcie.entries.filter { $0.kind == .pcieSwitch }.map { e in
            ExpectedSwitch(
                name: e.name, busID: e.busID?.lowercased(), uplink: e.generation.map { ($0, e.width) },
                gpus: e.gpus, nics: e.nics.compactMap { nicIndex[$0] })
        }
        pcieGenerations = catalog.pcie
    }

    /// GB/s per direction of a PCIe link, when the catalog knows the generation.
    func pcieGBs(_ generation: Int, _ width: Int) -> Double? {
        pcieGenerations[generation]?.gbs(width: width)
    }
}
