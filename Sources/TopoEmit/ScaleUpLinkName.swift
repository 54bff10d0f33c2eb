import TopoModel
import TopoTopology

/// What the outputs call a spec's GPU-to-GPU scale-up links: NVLink on NVIDIA GPUs, xGMI on AMD
/// GPUs (AMD's name for Infinity Fabric links between GPUs, as `amd-smi topology` and
/// `rocm-smi --showtopo` print it), both names when a spec has both.
package enum ScaleUpLinkName {
    /// `NVLink`, `xGMI` or `NVLink/xGMI` for the GPUs of `spec`'s node types.
    ///
    /// - Parameter spec: The cluster; each node type's scale-up kind decides, else its GPUs' vendors.
    /// - Returns: `xGMI` when only AMD parts were seen, `NVLink/xGMI` for both, else `NVLink`.
    package static func name(for spec: ClusterSpec) -> String {
        var amd = false
        var nvidia = false
        for type in spec.nodeTypes {
            if let kind = type.scaleUp?.kind {
                if kind == .infinityFabric { amd = true } else { nvidia = true }
                continue
            }
            for gpu in type.gpus {
                switch spec.catalog.gpus[gpu.sku]?.vendor {
                case .amd?: amd = true
                case .nvidia?: nvidia = true
                default: break
                }
            }
        }
        switch (nvidia, amd) {
        case (false, true): return "xGMI"
        case (true, true): return "NVLink/xGMI"
        default: return "NVLink"
        }
    }

    /// `linkClass`'s label in `spec`'s outputs: the scale-up class under the spec's name for it.
    ///
    /// - Parameters:
    ///   - linkClass: A link class of the placement report.
    ///   - spec: The cluster, for `name(for:)`.
    /// - Returns: `name(for: spec)` for `.nvlink`, else the class's raw value.
    package static func label(_ linkClass: ClusterDistance.LinkClass, spec: ClusterSpec) -> String {
        linkClass == .nvlink ? name(for: spec) : linkClass.rawValue
    }
}
