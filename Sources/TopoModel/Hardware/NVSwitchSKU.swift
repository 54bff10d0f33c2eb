import TopoDiagnostics

/// An NVSwitch chip generation in the catalog (`hardware.nvswitches.NAME`).
public struct NVSwitchSKU: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The NVLink generation its ports speak.
    public var nvlinkGeneration: Int
    /// NVLink ports per chip.
    public var ports: Int
    /// GB/s per port, both directions together.
    public var portGBs: Double
    public var builtin: Bool
    public var location: SourceLocation

    public init(
        id: String, name: String, nvlinkGeneration: Int, ports: Int, portGBs: Double, builtin: Bool,
        location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.nvlinkGeneration = nvlinkGeneration
        self.ports = ports
        self.portGBs = portGBs
        self.builtin = builtin
        self.location = location
    }
}
