import TopoModel

/// What an NCCL topology file of a node type can state exactly, and what it would have to invent.
///
/// NCCL matches the file to the machine by exact PCI bus id (GPUs, NICs, switches: xml.cc
/// `ncclTopoGetPciNode`) and by RDMA device name (`<net name>`, xml.cc `ncclTopoFillNet`); a file
/// with invented ones describes devices that do not exist. Each local rank fills only the CPU and
/// switches above its own GPU from the machine (xml.cc `ncclTopoGetXmlFromCpu`,
/// `ncclTopoGetXmlFromSys`) before the ranks' files are fused, and copies merge only when all their
/// attributes are equal (xml.h `xmlFindNode`); so on a node with several sockets the file must state
/// the CPU model, or the unfilled copies of the other sockets survive and NCCL rejects them
/// (topo.cc `ncclTopoAddCpu`: "Attribute arch of node cpu not found").
package enum NCCLTopologyInputs {
    /// The CPU model of every socket: as declared (`sockets: {cpu: NAME}`), else Grace when the GPUs
    /// are Grace superchips (`host: nvlink-c2c`: NVLink-C2C GPUs exist only beside a Grace CPU).
    ///
    /// - Parameters:
    ///   - spec: The cluster whose catalog supplies the CPU models.
    ///   - typeID: A node type of `spec`.
    /// - Returns: The catalog's model for the declared CPU, or `grace` for all-NVLink-C2C GPUs; nil when neither
    ///   applies (or the declared name is not in the catalog).
    package static func cpuModel(spec: ClusterSpec, typeID: NodeTypeID) -> CPUModel? {
        let type = spec.nodeTypes[typeID]
        if let name = type.cpu { return spec.catalog.cpus[name] }
        let hosts = type.gpus.map(\.model.host)
        if !hosts.isEmpty, hosts.allSatisfy({ $0 == .nvlinkC2C }) { return spec.catalog.cpus["grace"] }
        return nil
    }

    /// Why no file can be written at all (nil when one can): several sockets and no CPU model.
    ///
    /// - Parameters:
    ///   - spec: The cluster the node type belongs to.
    ///   - typeID: A node type of `spec`.
    /// - Returns: A sentence naming the node type and its socket count, or nil when it has one socket or a
    ///   known CPU model.
    package static func cpuGap(spec: ClusterSpec, typeID: NodeTypeID) -> String? {
        let type = spec.nodeTypes[typeID]
        guard type.sockets > 1, cpuModel(spec: spec, typeID: typeID) == nil else { return nil }
        return
            type.socketCountUnknown
            ? "node type `\(type.name)` has \(type.sockets) NUMA nodes and names no CPU model (`sockets: {count: unknown, numa_nodes: \(type.sockets), cpu: MODEL}`); NCCL fills the CPU attributes only for each rank's own NUMA node and then rejects the others' copies"
            : "node type `\(type.name)` has \(type.sockets) sockets and names no CPU model (`sockets: {count: \(type.sockets), cpu: MODEL}`); NCCL fills the CPU attributes only for each rank's own socket and then rejects the other sockets' copies"
    }

    /// What a file of node type `typeID` would invent, as phrases (empty when it is exact).
    ///
    /// - Parameters:
    ///   - spec: The cluster the node type belongs to.
    ///   - typeID: A node type of `spec`.
    /// - Returns: One phrase per kind of missing fact (GPU, NIC and switch bus ids, RDMA device names, the
    ///   CPU model), in that order.
    /// - Complexity: O(*g* + *n* + *s*) for the node type's GPUs, NICs and PCIe entries.
    package static func invented(spec: ClusterSpec, typeID: NodeTypeID) -> [String] {
        let type = spec.nodeTypes[typeID]
        var gaps: [String] = []
        let gpus = type.gpus.filter { $0.busID == nil }.map(\.index)
        if !gpus.isEmpty {
            gpus.count == type.gpus.count
                ? gaps.append("GPU bus ids (`bus_ids`)")
                : gaps.append("bus ids of GPUs \(gpus.map(String.init).joined(separator: ", "))")
        }
        let nics = type.nics.filter { $0.busID == nil }.map(\.name)
        if !nics.isEmpty { gaps.append("bus ids of NICs \(nics.joined(separator: ", ")) (`bus_id`)") }
        let unnamed = type.nics.filter { $0.device == nil }.map(\.name)
        if !unnamed.isEmpty { gaps.append("RDMA device names of NICs \(unnamed.joined(separator: ", ")) (`device`)") }
        let switches = type.pcie.entries.filter { $0.kind == .pcieSwitch && $0.busID == nil }.map(\.name)
        if !switches.isEmpty { gaps.append("bus ids of PCIe switches \(switches.joined(separator: ", ")) (`bus_id`)") }
        if cpuGap(spec: spec, typeID: typeID) != nil { gaps.append("the CPU model (`sockets: {cpu: …}`)") }
        return gaps
    }

    /// Whether launch files point NCCL at this node type's topology file: `never` never; `always`
    /// whenever a file can be written; `auto` only when the file is exact (nothing invented).
    ///
    /// - Parameters:
    ///   - spec: The cluster the node type belongs to.
    ///   - typeID: A node type of `spec`; its `platform.ncclTopoFile` picks the policy.
    /// - Returns: True when launch files should set `NCCL_TOPO_FILE` for this node type.
    package static func setsTopologyFile(spec: ClusterSpec, typeID: NodeTypeID) -> Bool {
        switch spec.nodeTypes[typeID].platform.ncclTopoFile {
        case .never: false
        case .always: cpuGap(spec: spec, typeID: typeID) == nil
        case .auto: invented(spec: spec, typeID: typeID).isEmpty
        }
    }
}
