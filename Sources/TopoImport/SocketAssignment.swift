/// CPU sockets for an imported PCIe tree. `nvidia-smi topo -m` prints SYS between NUMA nodes, not
/// between sockets: AMD NPS2/NPS4, Intel SNC, a VM's virtual NUMA nodes and Grace trays whose
/// NICs print no NUMA node all give more SYS-separated groups than CPUs. The sockets are taken
/// from the GPUs' CPU affinity ranges instead (one CPU NUMA domain per distinct range; more than
/// two are written as NUMA nodes of an unknown number of sockets, DraftSpec+Sockets.swift), and groups the
/// matrix places nowhere (NICs with no affinity) join a GPU socket rather than forming a socket of
/// their own.
struct SocketAssignment: Sendable {
    /// Sockets written to the spec.
    var count: Int
    /// Written socket of each of the tree's SYS-separated groups.
    var map: [Int]
    /// The trailing note of `sockets:`.
    var note: String
    /// Comment lines for the PCIe tree.
    var comments: [String]

    /// The written socket of the tree's group `treeSocket`.
    func socket(ofTreeSocket treeSocket: Int) -> Int {
        treeSocket >= 0 && treeSocket < map.count ? map[treeSocket] : 0
    }

    /// `cpuAffinity[gpu]`: the matrix's CPU affinity cell; `trustTree`: the matrix names sockets
    /// itself (old format with a socket column), so its groups are kept.
    ///
    /// Groups without GPUs (NICs the matrix shows SYS to every GPU) are a socket of their own only
    /// when the GPUs all sit on one socket of an x86 host (`c2c` false): that NIC is on the other
    /// CPU of a two-socket server. Otherwise (Grace trays, NUMA-split hosts) they join the GPUs'
    /// sockets in order.
    static func make(
        tree: PCIeTreeInference, gpuCount: Int, cpuAffinity: [String?], trustTree: Bool,
        c2c: Bool = false
    ) -> SocketAssignment {
        let groups = tree.sockets
        if trustTree {
            return SocketAssignment(
                count: max(1, groups), map: Array(0..<max(1, groups)),
                note: "as the matrix's socket column names them", comments: [])
        }
        var gpusOfGroup = Array(repeating: [Int](), count: groups)
        for gpu in 0..<gpuCount where gpu < tree.deviceSocket.count {
            let s = tree.deviceSocket[gpu]
            if s >= 0 && s < groups { gpusOfGroup[s].append(gpu) }
        }
        var keys: [String] = []
        for gpu in 0..<gpuCount where gpu < cpuAffinity.count {
            if let key = cpuAffinity[gpu], !keys.contains(key) { keys.append(key) }
        }
        var map = Array(repeating: -1, count: groups)
        var gpuGroups = 0
        for s in 0..<groups where !gpusOfGroup[s].isEmpty {
            if !keys.isEmpty {
                if let key = gpusOfGroup[s].lazy.compactMap({ $0 < cpuAffinity.count ? cpuAffinity[$0] : nil }).first,
                    let index = keys.firstIndex(of: key)
                {
                    map[s] = index
                }
            } else {
                map[s] = gpuGroups
            }
            gpuGroups += 1
        }
        var count = max(1, keys.isEmpty ? gpuGroups : keys.count)
        var placed: [Int] = []
        var next = 0
        let gpuless = (0..<groups).filter { map[$0] < 0 && gpusOfGroup[$0].isEmpty }
        var ownSocket = false
        if count == 1, !c2c, !gpuless.isEmpty, gpuless.count == (0..<groups).filter({ map[$0] < 0 }).count {
            for s in gpuless { map[s] = 1 }
            count = 2
            ownSocket = true
        }
        for s in 0..<groups where map[s] < 0 {
            map[s] = next % count
            next += 1
            placed.append(s)
        }
        var comments: [String] = []
        var note: String
        if keys.isEmpty {
            note =
                gpuGroups > 1
                ? "SYS separates the GPUs into \(gpuGroups) groups and the matrix has no CPU affinity column; each group is taken as a socket"
                : "no SYS between the GPUs"
        } else {
            note =
                "\(keys.count) distinct CPU affinity range\(keys.count == 1 ? "" : "s") of the GPUs ("
                + keys.joined(separator: " / ") + ")"
        }
        let groupsWithGPUs = gpusOfGroup.filter { !$0.isEmpty }.count
        if !keys.isEmpty, groupsWithGPUs > count {
            comments.append(
                "SYS separates the GPUs into \(groupsWithGPUs) NUMA nodes but their CPU affinity into \(count) range\(count == 1 ? "" : "s"): "
                    + "NUMA nodes of one affinity range are host bridges of one socket here (NODE where the matrix says SYS; NCCL "
                    + "treats both as beyond PXB).")
        }
        if ownSocket {
            note += "; the NICs that are SYS to every GPU are on a second socket"
        }
        if !placed.isEmpty {
            comments.append(
                "\(placed.count) group\(placed.count == 1 ? "" : "s") of devices without GPUs and without CPU or NUMA "
                    + "affinity (e.g. NICs of a Grace tray) cannot be placed by the matrix; \(placed.count == 1 ? "it is" : "they are") "
                    + "put on the sockets in order. Check the NICs' sockets (`cat /sys/class/infiniband/*/device/numa_node`)."
            )
        }
        return SocketAssignment(count: count, map: map, note: note, comments: comments)
    }
}
