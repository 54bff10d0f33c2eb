/// How a device attaches to its host: a PCIe link of some generation and width, or NVLink-C2C
/// (Grace superchips). Written `pcie-gen5-x16` or `nvlink-c2c` in the DSL.
public enum HostInterface: Sendable, Hashable, CustomStringConvertible {
    case pcie(generation: Int, width: Int)
    case nvlinkC2C

    /// Parses the DSL spelling; nil if it is not one.
    ///
    /// - Parameter text: `nvlink-c2c`, or `pcie-genG-xW` with a generation G of 1–6 and a width W
    ///   of 1, 2, 4, 8, 16 or 32 lanes.
    public init?(_ text: String) {
        if text == "nvlink-c2c" {
            self = .nvlinkC2C
            return
        }
        guard text.hasPrefix("pcie-gen") else { return nil }
        let rest = text.dropFirst("pcie-gen".count)
        let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let gen = Int(parts[0]), (1...6).contains(gen), parts[1].first == "x",
            let width = Int(parts[1].dropFirst()), PCIeLink.widths.contains(width)
        else { return nil }
        self = .pcie(generation: gen, width: width)
    }

    public var description: String {
        switch self {
        case let .pcie(generation, width): "pcie-gen\(generation)-x\(width)"
        case .nvlinkC2C: "nvlink-c2c"
        }
    }

    /// "PCIe Gen5 x16" / "NVLink-C2C", for messages.
    public var displayName: String {
        switch self {
        case let .pcie(generation, width): "PCIe Gen\(generation) x\(width)"
        case .nvlinkC2C: "NVLink-C2C"
        }
    }
}

/// PCIe link constants shared by the decoder and the rules.
package enum PCIeLink {
    /// Lane counts a PCIe link can have.
    package static let widths: [Int] = [1, 2, 4, 8, 16, 32]
    /// PCIe generations topospec knows.
    package static let generations: ClosedRange<Int> = 1...6
}
