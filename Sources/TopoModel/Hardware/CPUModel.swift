import TopoDiagnostics

/// A host CPU model in the catalog (`hardware.cpus.NAME`): what NCCL reads about the CPU from
/// `cpuid` and the kernel, so that a topology file can say it for every socket.
public struct CPUModel: Sendable, Hashable {
    /// Instruction-set architecture, spelled as NCCL's topology XML spells it (`kvDictCpuArch`
    /// in NCCL's src/graph/topo.cc).
    public enum Architecture: String, Sendable, CaseIterable {
        case x86_64
        case arm64
        case ppc64
    }

    /// The CPU vendor. On x86 NCCL keys its tuning on the `cpuid` leaf-0 vendor string.
    public enum Vendor: String, Sendable, CaseIterable {
        case intel, amd, nvidia, ampere, ibm, other

        /// The `cpuid` vendor string NCCL writes as `vendor` (x86 only; `kvDictCpuVendor`).
        public var cpuidVendor: String? {
            switch self {
            case .intel: "GenuineIntel"
            case .amd: "AuthenticAMD"
            default: nil
            }
        }
    }

    public var id: String
    public var name: String
    public var vendor: Vendor
    public var architecture: Architecture
    /// `cpuid` leaf 1 display family (family + extended family), x86 only.
    public var family: Int?
    /// `cpuid` leaf 1 display model (model + extended model << 4), x86 only.
    public var model: Int?
    public var builtin: Bool
    public var location: SourceLocation

    public init(
        id: String, name: String, vendor: Vendor, architecture: Architecture, family: Int?, model: Int?,
        builtin: Bool, location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.vendor = vendor
        self.architecture = architecture
        self.family = family
        self.model = model
        self.builtin = builtin
        self.location = location
    }

    /// The `familyid` NCCL writes for this CPU in a topology file, or nil without a family.
    public var ncclFamilyID: Int? { family.map(Self.ncclFamilyID(displayFamily:)) }

    /// The `familyid` NCCL writes for a display family: `familyId + (extFamilyId << 4)` of cpuid
    /// leaf 1 (NCCL 2.30 src/graph/xml.cc `ncclTopoGetXmlFromCpu`), not the display family
    /// `familyId + extFamilyId`. They differ only where the base family is 0xF: AMD family 17h
    /// (Zen 2) is written 143, 19h (Zen 3/4) 175, 1Ah (Zen 5) 191; Intel's family 6 stays 6.
    public static func ncclFamilyID(displayFamily: Int) -> Int {
        guard displayFamily > 0xF, displayFamily <= 0xF + 0xFF else { return displayFamily }
        return 0xF + ((displayFamily - 0xF) << 4)
    }

    /// The display family of a `familyid` attribute: the inverse of `ncclFamilyID(displayFamily:)`
    /// for what NCCL writes, and the value itself for files that carry the display family (Azure's
    /// NDv4 file: 23 for Rome). Family 0xF is the only base family with an extended one.
    public static func displayFamily(ncclFamilyID familyid: Int) -> Int {
        guard familyid > 0xF, familyid & 0xF == 0xF, familyid >> 4 <= 0xFF else { return familyid }
        return 0xF + (familyid >> 4)
    }
}
