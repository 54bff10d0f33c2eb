import TopoModel

/// NVIDIA IMEX node configuration for multi-node NVLink domains (GB200 / GB300 NVL72): the
/// `nodes_config.cfg` that `IMEX_NODE_CONFIG_FILE` points at, one IP address per line (NVIDIA's
/// IMEX guide, "IMEX Service Config Options" and "Deployment Models").
///
/// An IMEX domain cannot reach beyond its NVLink domain, so there is one file per NVLink domain:
/// the domain-wide deployment lists every node of the domain; `--job` lists the job's nodes in
/// each domain it uses (the per-job deployment). Nodes marked `state: down` are left out (their
/// IMEX daemon is not running and would hold back the quorum). The files carry nothing but
/// addresses: the IMEX guide documents no comment syntax for them.
///
/// Jobs say whether they use IMEX with `imex:`. Without `--job`, once any job says `imex: true`
/// the spec is read as naming its IMEX jobs: only the NVLink domains those jobs use get a file
/// (each still listing all of its nodes: the domain-wide deployment); when no job says so, the spec
/// does not tell who uses IMEX and every domain gets one, as before the key existed. A job that
/// says `imex: false` is refused by `--job` (it asked for no IMEX daemons).
public enum IMEXEmitter {
    /// One `nodes_config.cfg`: the NVLink domain it serves and its text.
    public struct File: Sendable {
        public var domain: String
        public var contents: String
    }

    /// The files for every NVLink domain, or for the domains job `jobIndex` uses.
    ///
    /// - Parameters:
    ///   - spec: The cluster; its NVLink domains and its nodes' `address` and `state` are read.
    ///   - jobIndex: An index into `spec.jobs` for the per-job deployment, or nil for every domain (only
    ///     the domains of `imex: true` jobs when any job says so).
    /// - Returns: One file per domain used, in domain order; it throws an `EmitFailure` when the spec has
    ///   no NVLink domains, the job says `imex: false` or runs on nodes outside them, or a listed node has
    ///   no `address`.
    public static func files(spec: ClusterSpec, jobIndex: Int? = nil) throws(EmitFailure) -> [File] {
        guard !spec.nvlinkDomains.isEmpty else {
            throw EmitFailure(
                description:
                    "cluster `\(spec.name)` declares no nvlink_domains: IMEX serves multi-node NVLink domains (GB200 / GB300 NVL72); nodes without one need no IMEX"
            )
        }
        var members: [[Int]] = Array(repeating: [], count: spec.nvlinkDomains.count)
        let chosen: [Int]
        if let jobIndex {
            let job = spec.jobs[jobIndex]
            if job.imexLocation != nil && !job.imex {
                throw EmitFailure(description: "job `\(job.name)` says `imex: false`: it asks for no IMEX daemons")
            }
            chosen = job.nodes
            let outside = job.nodes.filter { spec.nodes[$0].domainIndex == nil }
            if !outside.isEmpty {
                throw EmitFailure(
                    description:
                        "job `\(job.name)` runs on \(outside.count) node\(outside.count == 1 ? "" : "s") outside any NVLink domain (\(Hostlist.compress(outside.prefix(8).map { spec.nodes[$0].name }))): IMEX cannot serve them"
                )
            }
        } else if spec.jobs.contains(where: \.imex) {
            // The domains the IMEX jobs use, each whole (the domain-wide deployment).
            var used = [Bool](repeating: false, count: spec.nvlinkDomains.count)
            for job in spec.jobs where job.imex {
                for n in job.nodes { if let d = spec.nodes[n].domainIndex { used[d] = true } }
            }
            chosen = spec.nodes.indices.filter { n in spec.nodes[n].domainIndex.map { used[$0] } ?? false }
        } else {
            chosen = Array(spec.nodes.indices)
        }
        for n in chosen {
            guard let d = spec.nodes[n].domainIndex, spec.nodes[n].state != .down else { continue }
            members[d].append(n)
        }
        var missing: [String] = []
        var files: [File] = []
        for (d, nodes) in members.enumerated() where !nodes.isEmpty {
            var text = ""
            for n in nodes {
                if let address = spec.nodes[n].address {
                    text += address + "\n"
                } else {
                    missing.append(spec.nodes[n].name)
                }
            }
            files.append(File(domain: spec.nvlinkDomains[d].name, contents: text))
        }
        guard missing.isEmpty else {
            throw EmitFailure(
                description:
                    "\(missing.count) node\(missing.count == 1 ? " has" : "s have") no `address` (\(Hostlist.compress(Array(missing.prefix(8))))\(missing.count > 8 ? ", …" : "")): IMEX lists nodes by IP address; add `address:` to their `nodes:` entry (e.g. `address: \"10.0.1.[11-28]\"`)"
            )
        }
        guard !files.isEmpty else {
            if jobIndex == nil && chosen.isEmpty {
                throw EmitFailure(description: "no job with `imex: true` runs on an NVLink domain")
            }
            throw EmitFailure(description: "no node in an NVLink domain is up")
        }
        return files
    }
}
