import TopoDiagnostics

/// What the spec says about the NCCL its jobs run (`nccl:`): facts the collective model cannot
/// read from the hardware. NVLink SHARP needs the fabric manager and driver to enable multicast;
/// which algorithms exist depends on the NCCL version (NVLS 2.17, NVLSTree 2.18, PAT 2.23); which
/// protocols run is what `NCCL_PROTO` allows (cloud fabrics prescribe it: Google's GPUDirect-TCPXO
/// profiles set `NCCL_PROTO=Simple` or `Simple,LL128`).
public struct NCCLSettings: Sendable, Equatable {
    /// `major.minor` of the NCCL in use; nil when the spec does not say (then the model assumes a
    /// current release).
    public var version: NCCLVersion?
    /// Whether NVLink SHARP (NVLS) is enabled; nil: wherever the hardware supports it.
    public var nvls: Bool?
    /// The protocols collectives may use (`NCCL_PROTO`); nil: NCCL's defaults.
    public var protocols: Set<NCCLProtocol>?

    public init(version: NCCLVersion? = nil, nvls: Bool? = nil, protocols: Set<NCCLProtocol>? = nil) {
        self.version = version
        self.nvls = nvls
        self.protocols = protocols
    }
}

/// NCCL's wire protocols as `NCCL_PROTO` names them (NCCL parses the names case-insensitively,
/// src/graph/tuning.cc `parseList`).
public enum NCCLProtocol: String, Sendable, CaseIterable, Hashable {
    case ll
    case ll128
    case simple

    /// The name NCCL prints (its `ncclProtoStr`, as in NCCL_DEBUG=TUNING and nccl-tests' logs).
    public var displayName: String {
        switch self {
        case .ll: "LL"
        case .ll128: "LL128"
        case .simple: "Simple"
        }
    }
}

/// An NCCL release, `major.minor` (patch releases do not change the algorithms).
public struct NCCLVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// `2.21` or `2.21.5`; nil for anything else.
    ///
    /// - Parameter text: `major.minor` or `major.minor.patch`, decimal parts of at most four
    ///   digits, major at least 1; the patch is checked and then dropped.
    public init?(text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) }),
            let major = Int(parts[0]), let minor = Int(parts[1]), major >= 1, minor >= 0,
            parts.count == 2 || Int(parts[2]) != nil
        else { return nil }
        self.init(major: major, minor: minor)
    }

    /// Orders releases by major, then minor version (2.9 < 2.18 < 3.0).
    ///
    /// - Returns: True when `a` is the older release.
    public static func < (a: NCCLVersion, b: NCCLVersion) -> Bool { (a.major, a.minor) < (b.major, b.minor) }

    public var description: String { "\(major).\(minor)" }
}
