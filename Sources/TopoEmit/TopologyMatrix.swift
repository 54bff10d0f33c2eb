import TopoDiagnostics
import TopoModel
import TopoTopology

/// Prints a node type's topology the way `nvidia-smi topo -m` does: a TAB-separated matrix of
/// path classes between GPUs and NICs, each GPU's socket, and the legends. With `bandwidth`, the
/// cells are the bottleneck bandwidth in GB/s per direction instead. Given a `node`, its failed
/// GPUs and NICs keep their rows and columns, with `FAIL` in every cell (NCCL on that node, and
/// `emit nccl-topo --node`, do not see them).
public enum TopologyMatrix {
    /// The matrix of node type `typeID`.
    ///
    /// - Parameters:
    ///   - spec: The cluster; it is analysed for the node type's paths.
    ///   - typeID: A node type of `spec`.
    ///   - bandwidth: Whether cells show GB/s per direction instead of path classes.
    ///   - node: A node of that type whose failed GPUs and NICs are marked `FAIL`, or nil.
    /// - Returns: The matrix and legends, TAB-separated, ending in a newline.
    /// - Complexity: O((*g* + *n*)²) cells for *g* GPUs and *n* NICs, after analysing the whole spec.
    public static func render(
        spec: ClusterSpec, typeID: NodeTypeID, bandwidth: Bool = false, node: Node? = nil
    ) -> String {
        let context = SpecAnalysis(spec: spec)
        let topology = context.nodeTopologies[typeID]
        let type = spec.nodeTypes[typeID]
        let gpus = topology.gpuCount
        let nics = topology.nicNames.count
        let labels = (0..<gpus).map { "GPU\($0)" } + (0..<nics).map { "NIC\($0)" }
        let failedNICs = Set(node?.failedNICs ?? [])
        let failed = Set(node?.failedGPUs.filter { $0 >= 0 && $0 < gpus } ?? [])
            .union(type.nics.indices.filter { $0 < nics && failedNICs.contains(type.nics[$0].name) }.map { gpus + $0 })
        // AMD Infinity Fabric links are xGMI, as `rocm-smi` and `amd-smi` name them, not NVLink.
        let xgmi = type.scaleUp?.kind == .infinityFabric
        func cell(_ path: DevicePath) -> String {
            if !bandwidth, xgmi, case let .nvlink(links) = path.pathClass { return "XGMI\(links)" }
            if path.pathClass == .sys { crossesSockets = true }
            guard bandwidth else { return path.pathClass.description }
            guard let gbs = path.gbs else { return "?" }
            return gbs >= 100 || gbs == gbs.rounded() ? String(Int(gbs.rounded())) : String((gbs * 10).rounded() / 10)
        }
        var crossesSockets = false
        // With `sockets: {count: unknown, …}` the SYS domains are NUMA nodes, not known sockets.
        let domain = type.cpuDomainNoun
        var out = "\t" + labels.joined(separator: "\t") + (type.socketCountUnknown ? "\tNUMA\n" : "\tSocket\n")
        for row in 0..<(gpus + nics) {
            var cells: [String] = []
            for column in 0..<(gpus + nics) {
                if row == column {
                    cells.append(failed.contains(row) ? "FAIL" : " X ")
                } else if failed.contains(row) || failed.contains(column) {
                    cells.append("FAIL")
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
            if !failed.isEmpty { out += "  FAIL = a failed GPU or NIC of the node\n" }
            if crossesSockets && type.socketLinkGBs == nil {
                if let gbs = type.socketLinkGBs(catalog: spec.catalog), let cpu = type.cpu {
                    out +=
                        "  paths between \(domain)s (SYS) are bounded by NCCL's socket link figure for `\(cpu)`, \(Format.oneDecimal(gbs)) GB/s (src/graph/topo.h; write `sockets.link_gbs` to override)\n"
                } else {
                    out +=
                        "  paths between \(domain)s (SYS) are bounded by PCIe only: the socket link is unbounded because neither `sockets.link_gbs` nor a known `sockets.cpu` is written\n"
                }
            }
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
            if !failed.isEmpty {
                out += "  FAIL = A failed GPU or NIC of the node (NCCL on it does not see the device)\n"
            }
        }
        if let node, !failed.isEmpty {
            let names = failed.sorted().map { labels[$0] }
            out += "\nNode \(node.name): \(names.joined(separator: ", ")) failed (`failed_gpus` / `failed_nics`)\n"
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
