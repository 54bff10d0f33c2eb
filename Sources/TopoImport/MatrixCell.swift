import TopoModel

/// One cell of the matrix: the diagonal, a bonded set of NVLinks, or a PCIe path.
enum MatrixCell: Sendable, Equatable, CustomStringConvertible {
    case this
    case nvlink(Int)
    case pcie(PathClass)

    /// Parses a cell as nvidia-smi prints it (`X`, `NV18`, `PIX` …; `SOC` is the pre-2017 name of
    /// `SYS`). Nil for anything else.
    init?(_ text: String) {
        switch text {
        case "X": self = .this
        case "PIX": self = .pcie(.pix)
        case "PXB": self = .pcie(.pxb)
        case "PHB": self = .pcie(.phb)
        case "NODE": self = .pcie(.node)
        case "SYS", "SOC": self = .pcie(.sys)
        default:
            guard text.hasPrefix("NV"), text.count > 2, text.count <= 6,
                let count = Int(text.dropFirst(2)), count >= 1, count <= 1024
            else { return nil }
            self = .nvlink(count)
        }
    }

    var description: String {
        switch self {
        case .this: "X"
        case let .nvlink(count): "NV\(count)"
        case let .pcie(pathClass): pathClass.description
        }
    }

    /// The PCIe class, when the cell shows one (NVLinked pairs hide theirs).
    var pcieClass: PathClass? {
        if case let .pcie(pathClass) = self { return pathClass }
        return nil
    }

    /// The NVLink count, when the cell shows NVLink.
    var nvlinkCount: Int? {
        if case let .nvlink(count) = self { return count }
        return nil
    }
}
