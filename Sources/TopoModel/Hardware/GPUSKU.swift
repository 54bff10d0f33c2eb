import TopoDiagnostics

/// A GPU model in the catalog (`hardware.gpus.NAME`): the facts the rules check wiring against.
public struct GPUSKU: Sendable, Hashable {
    public var id: String
    public var name: String
    public var vendor: Vendor
    public var architecture: String?
    public var formFactor: FormFactor
    /// Usable device memory in GB.
    public var memoryGB: Double
    public var host: HostInterface
    /// False when the stock driver gives no working PCIe peer-to-peer (GeForce cards).
    public var pcieP2P: Bool
    public var tdpW: Double?
    public var computeCapability: String?
    /// NVLink or Infinity Fabric capability; nil when the SKU has neither.
    public var scaleUp: ScaleUpCapability?
    /// True for entries of the built-in catalog.
    public var builtin: Bool
    /// True when the entry stands for a GPU not yet identified (written by importers that could
    /// not tell the model); lint warns until it is replaced by a real SKU.
    public var placeholder = false
    public var location: SourceLocation

    public init(
        id: String, name: String, vendor: Vendor, architecture: String?, formFactor: FormFactor,
        memoryGB: Double, host: HostInterface, pcieP2P: Bool, tdpW: Double?, computeCapability: String?,
        scaleUp: ScaleUpCapability?, builtin: Bool, location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.vendor = vendor
        self.architecture = architecture
        self.formFactor = formFactor
        self.memoryGB = memoryGB
        self.host = host
        self.pcieP2P = pcieP2P
        self.tdpW = tdpW
        self.computeCapability = computeCapability
        self.scaleUp = scaleUp
        self.builtin = builtin
        self.location = location
    }

    /// NVLink capability, if this SKU has NVLink.
    public var nvlink: ScaleUpCapability? { scaleUp?.kind == .nvlink ? scaleUp : nil }
}
