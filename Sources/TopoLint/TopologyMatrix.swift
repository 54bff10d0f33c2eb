import TopoModel
import TopoRules

/// Prints a node type's topology the way `nvidia-smi topo -m` does: a TAB-separated matrix of
/// path classes between GPUs and NICs, each GPU's socket, and the legends. With `bandwidth`, the
/// cells are the bottleneck bandwidth in GB/s per direction instead.
public enum TopologyMatrix {
    public static func render(spec: ClusterSpec, typeIndex: Int, bandwidth: Bool = false) -> String {
        let context = RuleContext(spec: spec)
        let topology = context.nodeTopologies[typeIndex]
        let type = spec.nodeTypes[typeIndex]
        let gpus = topology.gpuCount
        let nics = topology.nicNames.count
        let labels = (0..<gpus).map { "GPU\($0)" } + (0..<nics).map { "NIC\($0)" }
        // AMD Infinity Fabric links are xGMI, as `rocm-smi` and `amd-smi` name them, not NVLink.
        let xgmi = type.scaleUp?.kind == .infinityFabric
        func cell(_ path: DevicePath) -> String {
            if !bandwidth, xgmi, case let .nvlink(links) = path.pathClass { return "XGMI\(links)" }
            guard bandwidth else { return path.pathClass.description }
            guard let gbs = path.gbs else { return "?" }
            return gbs >= 100 || gbs == gbs.rounded() ? String(Int(gbs.rounded())) : String((gbs * 10).rounded() / 10)
        }
        var out = "\t" + labels.joined(separator: "\t") + "\tSocket\n"
        for row in 0..<(gpus + nics) {
            var cells: [String] = []
            for column in 0..<(gpus + nics) {
                if row == column {
                    cells.append(" X ")
                } else if row < gpus, column < gpus {
                    cells.append(cell(topology.gpuPath(row, column)))
                } else if row < gpus {
                    cells.append(cell(topology.nicPath(gpu: row, nic: column - gpus)))
                } else if column < gpus {
                    cells.append(cell(topology.nicPath(gpu: column, nic: row - gpus)))
                } else {
                    cells.append(cell(topology.nicPath(row - gpus, column - gpus)))
                }
            }
            let socket = row < gpus ? topology.gpuSockets[row] : topology.nicSockets[row - gpus]
            out += labels[row] + "\t" + cells.joined(separator: "\t") + "\t" + (socket.map(String.init) ?? "?") + "\n"
        }
        out += "\nLegend:\n\n"
        if bandwidth {
            out += "  bottleneck bandwidth of each path, GB/s per direction (? = not placed in the PCIe tree)\n"
        } else {
            out += """
              X    = Self
              SYS  = Connection traversing PCIe as well as the SMP interconnect between NUMA nodes (e.g., QPI/UPI)
              NODE = Connection traversing PCIe as well as the interconnect between PCIe Host Bridges within a NUMA node
              PHB  = Connection traversing PCIe as well as a PCIe Host Bridge (typically the CPU)
              PXB  = Connection traversing multiple PCIe bridges (without traversing the PCIe Host Bridge)
              PIX  = Connection traversing at most a single PCIe bridge
              NV#  = Connection traversing a bonded set of # NVLinks
              ?    = Not placed in the spec's PCIe tree

            """
            if xgmi { out += "  XGMI# = Connection traversing # AMD Infinity Fabric (xGMI) links\n" }
        }
        if nics > 0 {
            out += "\nNIC Legend:\n\n"
            for (i, nic) in type.nics.enumerated() {
                out += "  NIC\(i): \(nic.device ?? nic.name)\(nic.device != nil ? " (\(nic.name))" : "")\n"
            }
        }
        return out
    }
}
