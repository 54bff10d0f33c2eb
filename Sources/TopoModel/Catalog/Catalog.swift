/// The hardware a spec can refer to: the built-in catalog plus the spec's own `hardware:` entries.
/// Lookups are by the DSL name (`h100-sxm5-80gb`).
public struct Catalog: Sendable {
    public var gpus: [String: GPUSKU] = [:]
    public var nvswitches: [String: NVSwitchSKU] = [:]
    public var nics: [String: NICSKU] = [:]
    /// Host CPU models (`hardware.cpus`), for the CPU attributes of NCCL topology files.
    public var cpus: [String: CPUModel] = [:]
    public var pcie: [Int: PCIeGeneration] = [:]

    public init() {}

    /// GB/s per direction of a PCIe link, from the catalog's generation table.
    ///
    /// - Parameters:
    ///   - generation: The PCIe generation, 1–6 in the built-in table.
    ///   - width: The link's lane count.
    /// - Returns: Usable GB/s per direction of that link, or nil when the catalog has no entry
    ///   for `generation`.
    public func pcieGBs(generation: Int, width: Int) -> Double? {
        pcie[generation]?.gbs(width: width)
    }

    /// Names of every GPU SKU, sorted, for listings and suggestions.
    public var gpuNames: [String] { gpus.keys.sorted() }
}
