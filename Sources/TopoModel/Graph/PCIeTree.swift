import TopoDiagnostics

/// A node type's PCIe tree: host bridges (CPU root complexes) and switches, and which GPUs and
/// NICs sit directly below each. Resolved by the decoder: every entry knows its parent and
/// socket, and there are no cycles.
public struct PCIeTree: Sendable {
    public var entries: [PCIeEntry]

    public init(entries: [PCIeEntry] = []) {
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The deepest chain of entries the decoder accepts, host bridge included. Real servers have
    /// 2–4 levels of switches below the root complex (e.g. DGX H100: host bridge → PEX89144 →
    /// device; NVIDIA DGX H100 User Guide, "PCIe topology"); a bound keeps every walk up the tree
    /// constant-time (issue 12: a 34 KB chain took 98 s to lint).
    public static let maximumDepth = 16

    /// The entry a GPU sits directly below, if the tree places it.
    ///
    /// - Parameter gpu: The GPU's index in its node type.
    /// - Returns: The index in `entries` of the host bridge or switch that lists the GPU.
    /// - Complexity: O(*k*) in the devices listed under all entries.
    public func entry(ofGPU gpu: Int) -> Int? { entries.firstIndex { $0.gpus.contains(gpu) } }

    /// The entry a NIC sits directly below, if the tree places it.
    ///
    /// - Parameter nic: The NIC's name in its node type.
    /// - Returns: The index in `entries` of the host bridge or switch that lists the NIC.
    /// - Complexity: O(*k*) in the devices listed under all entries.
    public func entry(ofNIC nic: String) -> Int? { entries.firstIndex { $0.nics.contains(nic) } }

    /// Indices from `entry` up to its root, `entry` first.
    ///
    /// - Parameter entry: An index in `entries`.
    /// - Returns: `entry`, its parent, and so on up to the host bridge; at most
    ///   `maximumDepth` + 1 indices even if the parent links were to form a cycle.
    /// - Complexity: O(1): bounded by `maximumDepth`.
    public func ancestry(of entry: Int) -> [Int] {
        var chain: [Int] = []
        var current: Int? = entry
        while let index = current, chain.count <= min(entries.count, Self.maximumDepth) {
            chain.append(index)
            current = entries[index].parentIndex
        }
        return chain
    }
}

/// One host bridge or PCIe switch.
public struct PCIeEntry: Sendable {
    /// Whether the entry is a CPU host bridge or a PCIe switch.
    public enum Kind: String, Sendable {
        case hostBridge = "host_bridge"
        case pcieSwitch = "switch"
    }

    public var kind: Kind
    public var name: String
    /// The CPU socket, resolved through the parent chain.
    public var socket: Int
    /// The entry above this one, if any (a switch below a host bridge or another switch).
    public var parentIndex: Int?
    /// Declared PCIe generation of this entry's links, if given.
    public var generation: Int?
    public var width: Int
    public var gpus: [Int]
    public var nics: [String]
    public var busID: String?
    public var location: SourceLocation

    public init(
        kind: Kind, name: String, socket: Int, parentIndex: Int?, generation: Int?, width: Int, gpus: [Int],
        nics: [String], busID: String?, location: SourceLocation
    ) {
        self.kind = kind
        self.name = name
        self.socket = socket
        self.parentIndex = parentIndex
        self.generation = generation
        self.width = width
        self.gpus = gpus
        self.nics = nics
        self.busID = busID
        self.location = location
    }
}
