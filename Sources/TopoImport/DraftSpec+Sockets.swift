import TopoDiagnostics

/// How every importer writes `sockets` when its input shows CPU NUMA domains (groups of devices
/// with their own CPUs, SYS to each other) but not the CPU packages that hold them: NCCL and RCCL
/// topology files (one `<cpu>` per NUMA node), the CPU affinity ranges of `nvidia-smi topo -m`,
/// the NUMA nodes of `rocm-smi` and `amd-smi`. A single EPYC in NPS4 (Frontier's MI250X nodes:
/// 4 NUMA nodes), a two-socket EPYC host in NPS2 (Azure NDv4: 4) and a four-socket MI300A node
/// (4) look the same there, so more than two domains are NUMA nodes of an unknown number of
/// sockets (`sockets: {count: unknown, numa_nodes: N}`, grammar/REFERENCE.md "Sockets and NUMA
/// nodes"). One or two domains are written as that many sockets, the usual one- and two-socket
/// servers; a one-socket host in NPS2 or SNC2 would read as two, which no such input tells apart.
/// hwloc shows packages and does not use this.
extension DraftSpec {
    /// The most NUMA domains written as that many sockets.
    static let mostDomainsTakenAsSockets = 2

    /// Sets `sockets` for `domains` CPU NUMA domains, each a SYS domain the PCIe tree's `socket`
    /// indexes (0-based, in the input's order).
    mutating func setSockets(numaDomains domains: Int) {
        sockets = max(1, domains)
        socketCountUnknown = domains > Self.mostDomainsTakenAsSockets
    }

    /// Says that the input shows no CPU at all: one domain, count unknown (`sockets: unknown`).
    mutating func setSocketsUnknown() {
        sockets = 1
        socketCountUnknown = true
    }

    /// "2 sockets", or "4 NUMA nodes (sockets unknown)", for descriptions.
    var socketsPhrase: String {
        guard socketCountUnknown else { return Format.count(sockets, "socket") }
        return sockets == 1 ? "sockets unknown" : "\(sockets) NUMA nodes (sockets unknown)"
    }

    /// The note's caveat when the count is unknown, or nil.
    var unknownSocketsCaveat: String? {
        guard socketCountUnknown, sockets > 1 else { return nil }
        return
            "more than \(Self.mostDomainsTakenAsSockets) NUMA domains may be NUMA nodes of fewer sockets (AMD NPS2/NPS4, "
            + "Intel SNC, virtual NUMA) or that many sockets (MI300A nodes), which the input cannot tell apart: the "
            + "count is unknown and the PCIe tree's `socket` names NUMA nodes (SYS between them, as NCCL sees them)"
    }
}
