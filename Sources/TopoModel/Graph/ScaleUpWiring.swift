import TopoDiagnostics

/// A node type's `nvlink:` or `infinity_fabric:` block: how its GPUs are wired to each other.
public struct ScaleUpWiring: Sendable {
    public var kind: LinkKind
    /// Where the `nvlink:` / `infinity_fabric:` key is.
    public var location: SourceLocation
    public var nvswitch: NVSwitchAttachment?
    public var bridges: [BridgeGroup]
    public var mesh: Mesh?
    public var links: [DirectLink]
    /// `domain: external`: the GPUs' links go to a multi-node NVLink domain's switches.
    public var external: SourceLocation?

    public init(
        kind: LinkKind, location: SourceLocation, nvswitch: NVSwitchAttachment? = nil, bridges: [BridgeGroup] = [],
        mesh: Mesh? = nil, links: [DirectLink] = [], external: SourceLocation? = nil
    ) {
        self.kind = kind
        self.location = location
        self.nvswitch = nvswitch
        self.bridges = bridges
        self.mesh = mesh
        self.links = links
        self.external = external
    }

    /// `nvswitch: {sku, count, gpus}`.
    public struct NVSwitchAttachment: Sendable {
        public var sku: String
        public var count: Int
        public var gpus: [Int]
        public var location: SourceLocation

        public init(sku: String, count: Int, gpus: [Int], location: SourceLocation) {
            self.sku = sku
            self.count = count
            self.gpus = gpus
            self.location = location
        }
    }

    /// One NVLink bridge group: the cards it joins.
    public struct BridgeGroup: Sendable {
        public var gpus: [Int]
        public var location: SourceLocation

        public init(gpus: [Int], location: SourceLocation) {
            self.gpus = gpus
            self.location = location
        }
    }

    /// `mesh:`: all listed GPUs directly connected pairwise.
    public struct Mesh: Sendable {
        public var gpus: [Int]
        /// Links per pair; nil means the SKU's links ÷ (GPUs − 1).
        public var linksPerPair: Int?
        public var location: SourceLocation

        public init(gpus: [Int], linksPerPair: Int?, location: SourceLocation) {
            self.gpus = gpus
            self.linksPerPair = linksPerPair
            self.location = location
        }
    }

    /// An explicit GPU-to-GPU link bundle.
    public struct DirectLink: Sendable {
        public var a: Int
        public var b: Int
        public var count: Int
        public var location: SourceLocation

        public init(a: Int, b: Int, count: Int, location: SourceLocation) {
            self.a = a
            self.b = b
            self.count = count
            self.location = location
        }
    }

    /// Every GPU named anywhere in the wiring (switch, bridges, mesh, links), sorted.
    public var involvedGPUs: [Int] {
        var set = Set<Int>()
        nvswitch.map { set.formUnion($0.gpus) }
        for group in bridges { set.formUnion(group.gpus) }
        mesh.map { set.formUnion($0.gpus) }
        for link in links {
            set.insert(link.a)
            set.insert(link.b)
        }
        return set.sorted()
    }
}
