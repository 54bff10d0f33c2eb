import TopoImport
import TopoModel
import TopoTopology
import TopoRules

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
    var gpuSockets: [Int?]
    /// Each GPU's own PCIe link (generation, width), when the SKU is on PCIe.
    var gpuPCIe: [(generation: Int, width: Int)?]
    var nicNames: [String]
    var nicDevices: [String?]
    /// Declared NIC speeds, Gb/s (only where written on the NIC or its network).
    var nicGbps: [Double?]

    init(type: NodeType, skus: [GPUSKU], links: ScaleUpLinks?, topology: NodeTopology, networkGbps: (String) -> Double?) {
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
    }
}
