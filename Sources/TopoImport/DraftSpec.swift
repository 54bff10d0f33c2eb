/// An imported machine before it is written out: one node type, the placeholder hardware entries
/// it needs, its networks and one node, each part with the comments that say where it came from.
/// `SpecWriter` turns it into YAML text.
struct DraftSpec: Sendable {
    /// A `hardware.gpus` entry standing for a GPU the input does not name (`placeholder: true`).
    struct PlaceholderGPU: Sendable {
        var id = "unidentified-gpu"
        var name: String
        var formFactor: String
        var hostGeneration: Int
        /// `host: nvlink-c2c` instead of PCIe (Grace superchips).
        var hostC2C = false
        var vendor = "nvidia"
        var computeCapability: String?
        var nvlink: Capability?
        var comments: [String] = []
        /// Trailing comments on the `form_factor`, `host` and `nvlink` lines.
        var formFactorNote: String?
        var hostNote: String?
        var nvlinkNote: String?
        /// `pcie_p2p: false` when the input shows that peer-to-peer does not work; nil leaves the default.
        var pcieP2P: Bool?
        var pcieP2PNote: String?
    }

    /// A placeholder GPU's NVLink capability.
    struct Capability: Sendable {
        var generation: Int
        var links: Int
        var linkGBs: Double
        var nvswitch: Bool
        var bridgeMaxGPUs: Int?
        var maxDomain: Int
    }

    /// A `hardware.nics` entry standing for an adapter the input does not identify.
    struct PlaceholderNIC: Sendable {
        var id = "unidentified-nic"
        var name: String
        var maxGbps: Int
        var hostGeneration: Int
        var comments: [String] = []
    }

    /// One GPU group of the node type.
    struct GPUGroup: Sendable {
        var sku: String
        var count: Int
        var busIDs: [String]?
        /// Trailing comment (e.g. the names file's name for these GPUs).
        var note: String?
    }

    /// The node type's NVLink wiring.
    enum Wiring: Sendable {
        /// `nvlink: none`: the input shows that there is none.
        case none
        /// Nothing written: the identified models rule NVLink out or the draft leaves it open.
        case unknown
        /// `nvlink: unknown`: the input cannot show NVLink and the GPU models do not imply it.
        case declaredUnknown
        /// `nvlink: {domain: external}`: the GPUs' links leave the node for a rack's NVLink switch
        /// trays (GB200 / GB300 NVL compute trays); the draft's `nvlinkDomain` holds the node.
        case external
        case nvswitch(sku: String, count: Int, gpus: [Int]?)
        case bridges([[Int]])
        case links([Link])
        /// `mesh: all`: every pair directly linked (AMD xGMI, 4-GPU HGX boards).
        case mesh
    }

    /// An explicit GPU-to-GPU link bundle.
    struct Link: Sendable, Equatable {
        var a: Int
        var b: Int
        var count: Int
    }

    /// A host bridge or PCIe switch.
    struct PCIeEntry: Sendable {
        var isHostBridge: Bool
        var name: String
        var socket: Int?
        var parent: String?
        var generation: Int?
        var width: Int?
        var gpus: [Int] = []
        var nics: [String] = []
        var busID: String?
        /// Comment lines above the entry.
        var comments: [String] = []
    }

    /// One NIC (one port).
    struct NIC: Sendable {
        var name: String
        var sku: String
        var network: String?
        var device: String?
        var busID: String?
        var gbps: Int?
        var note: String?
    }

    /// A network the NICs connect to.
    struct Network: Sendable {
        var name: String
        var fabric: String
        var note: String?
        /// `management` for frontend ports; nil is the DSL's default, compute.
        var role: String?
    }

    /// Comment lines at the top of the file.
    var header: [String] = []
    var cluster = "imported"
    var placeholderGPU: PlaceholderGPU?
    var placeholderNIC: PlaceholderNIC?
    var typeName: String
    var description: String
    /// Comment lines above the node type's key (suppressions go here).
    var typeComments: [String] = []
    var gpuGroups: [GPUGroup] = []
    var gpuComments: [String] = []
    /// Sockets; with `socketCountUnknown`, NUMA nodes (see DraftSpec+Sockets.swift).
    var sockets = 1
    /// The input shows NUMA nodes (or no CPU) but not how many sockets hold them.
    var socketCountUnknown = false
    /// The catalog CPU model every socket matches, when one does.
    var cpu: String?
    var socketsNote: String?
    var wiring: Wiring = .unknown
    /// `nvlink` or `infinity_fabric` (AMD xGMI): the key the wiring and the placeholder capability use.
    var scaleUpKey = "nvlink"
    var wiringComments: [String] = []
    var pcie: [PCIeEntry] = []
    var pcieComments: [String] = []
    var nics: [NIC] = []
    var nicComments: [String] = []
    var vm = false
    var vmComments: [String] = []
    var networks: [Network] = []
    var nodeName = "node01"
    /// An `nvlink_domains` entry holding the node, for `domain: external` wiring.
    var nvlinkDomain: NVLinkDomain?

    /// A multi-node NVLink domain the imported node belongs to.
    struct NVLinkDomain: Sendable {
        var name = "nvl0"
        var switchSKU: String
        var switchCount: Int
        var comments: [String] = []
    }
}

extension DraftSpec.PCIeEntry {
    /// `entries` without host bridges and switches that hold no device and no child entry (after
    /// devices were taken out, e.g. NVLink-C2C GPUs), repeated until none is left.
    static func droppingEmpty(_ entries: [DraftSpec.PCIeEntry]) -> [DraftSpec.PCIeEntry] {
        var result = entries
        while true {
            let parents = Set(result.compactMap(\.parent))
            let kept = result.filter { !$0.gpus.isEmpty || !$0.nics.isEmpty || parents.contains($0.name) }
            if kept.count == result.count { return result }
            result = kept
        }
    }
}
