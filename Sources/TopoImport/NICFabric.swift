import TopoModel

/// The network fabric an imported NIC most likely speaks, from what the input shows: the PCI
/// class (NCCL files: `0x0207` InfiniBand, `0x0200` Ethernet), the vendor, and the RDMA device
/// name (`mlx5_bond_0` is a bonded Ethernet port, `rdmap…`/`efa…` an AWS EFA device).
enum NICFabric {
    /// The fabric and the reason, for a comment.
    static func guess(
        pciClass: String?, vendor: String?, device: String?, sku: String?
    ) -> (fabric: String, why: String) {
        if let sku, PCIDeviceTable.efaGenerations.contains(where: { $0.sku == sku }) {
            return ("efa", "an AWS EFA device")
        }
        let name = device?.lowercased() ?? ""
        if name.hasPrefix("efa") || name.hasPrefix("rdmap") {
            return ("efa", "`\(device ?? "")` is an AWS EFA device name")
        }
        if let pciClass {
            let c = pciClass.lowercased()
            if c.hasPrefix("0x0207") { return ("infiniband", "PCI class \(pciClass) is an InfiniBand controller") }
            if c.hasPrefix("0x0200") {
                let rdma = vendor.map(PCIDeviceTable.normalize) == PCIDeviceTable.mellanox || name.hasPrefix("mlx5")
                return rdma
                    ? ("roce", "PCI class \(pciClass) is Ethernet, on an RDMA-capable (mlx5) adapter")
                    : ("ethernet", "PCI class \(pciClass) is an Ethernet controller")
            }
        }
        if name.contains("bond") { return ("roce", "`\(device ?? "")` is a bonded Ethernet port (RoCE)") }
        if name.hasPrefix("irdma") || name.hasPrefix("bnxt") || name.hasPrefix("ionic") || name.hasPrefix("erdma") {
            return ("roce", "`\(device ?? "")` is an Ethernet RDMA device")
        }
        if name.hasPrefix("mlx5") || name.hasPrefix("mlx4") || name.hasPrefix("ib") {
            return (
                "infiniband",
                "an InfiniBand fabric is assumed for `\(device ?? "")` (RoCE adapters use the same mlx5 names)"
            )
        }
        return ("infiniband", "the fabric is not in the input; InfiniBand is assumed")
    }
}
