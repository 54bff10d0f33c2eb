import TopoModel

/// How NCCL reads a `pci` element's `link_speed`: a prefix match against the kernel's sysfs
/// strings (topo.cc `kvDictPciGen`), where anything else silently becomes 8 GT/s (PCIe Gen3).
enum NCCLLinkSpeed {
    /// NCCL's dictionary, in its order: the old kernel form and the `… PCIe` form of kernel 5.6+.
    static let dictionary: [(key: String, generation: Int)] =
        [("2.5 GT/s", 1), ("5 GT/s", 2), ("8 GT/s", 3), ("16 GT/s", 4), ("32 GT/s", 5)]
        + PCIeLinkSpeedText.byGeneration.sorted { $0.key < $1.key }.map { ($0.value, $0.key) }

    /// The generation NCCL reads, or nil when it falls back to Gen3 without saying so.
    static func ncclGeneration(_ value: String) -> Int? {
        dictionary.first { value.hasPrefix($0.key) }?.generation
    }

    /// The generation the value means to a person (`32.0 GT/s` is Gen5 even though NCCL does not
    /// match it), or nil when it names no PCIe rate.
    static func intendedGeneration(_ value: String) -> Int? {
        if let generation = ncclGeneration(value) { return generation }
        let trimmed = value.trimmingWhitespace()
        guard let end = trimmed.firstIndex(where: { !($0.isNumber || $0 == ".") }) else {
            return rate(trimmed)
        }
        let rest = trimmed[end...].trimmingWhitespace().lowercased()
        guard rest.hasPrefix("gt/s") || rest.hasPrefix("gts") else { return nil }
        return rate(String(trimmed[..<end]))
    }

    private static func rate(_ text: String) -> Int? {
        guard let value = Double(text) else { return nil }
        switch value {
        case 2.5: return 1
        case 5: return 2
        case 8: return 3
        case 16: return 4
        case 32: return 5
        case 64: return 6
        default: return nil
        }
    }
}
