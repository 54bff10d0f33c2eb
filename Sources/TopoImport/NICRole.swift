/// Whether an imported NIC port carries GPU traffic (an RDMA port of the compute fabric) or is a
/// frontend port: a kernel network interface (`eth0`, `ens5`, `enp…`, `bond0`) that NCCL can only
/// use through its socket transport, or a port NCCL marks `gdr="0"` with no PCI device of its own
/// (a virtual interface). Frontend ports get their own Ethernet network with `role: management`, so
/// the GPUDirect and NIC-count rules do not judge them.
enum NICRole {
    /// True with the reason when the port is a frontend port.
    static func frontend(device: String?, gdr: Int?, hasPCIDevice: Bool) -> (frontend: Bool, why: String) {
        let name = device?.lowercased() ?? ""
        let netdevPrefixes = ["eth", "ens", "enp", "eno", "enx", "bond", "em", "p0p", "p1p"]
        if let device, netdevPrefixes.contains(where: { name.hasPrefix($0) }), !name.hasPrefix("efa") {
            return (
                true,
                "`\(device)` is a kernel network interface, not an RDMA device: NCCL reaches it through sockets only"
            )
        }
        if gdr == 0, !hasPCIDevice {
            return (
                true,
                "`\(device ?? "the port")` has gdr=\"0\" and no PCI device: a virtual interface without GPUDirect RDMA"
            )
        }
        return (false, "")
    }
}
