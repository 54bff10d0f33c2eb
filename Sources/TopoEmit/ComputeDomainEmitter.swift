import TopoModel

/// Kubernetes DRA `ComputeDomain` manifests (NVIDIA's k8s-dra-driver-gpu,
/// `resource.nvidia.com/v1beta1`, `api/nvidia.com/resource/v1beta1/computedomain.go`) for jobs on
/// multi-node NVLink domains: one per job, with `numNodes` the job's nodes inside NVLink domains
/// and a channel `ResourceClaimTemplate` named `JOB-channel` that the job's pods claim.
///
/// `numNodes` counts the job's nodes in NVLink domains. With the driver's default
/// `IMEXDaemonsWithDNSNames=true` it only sets when the domain reports `Ready`; with that gate off
/// it holds the pods back until that many IMEX daemons have joined, so it must be exact — which
/// is why it comes from the spec.
///
/// Jobs say whether they use IMEX with `imex:`. Without `--job`, once any job says `imex: true`
/// only those jobs get a ComputeDomain (the spec names its IMEX jobs); when none says so, every job
/// on NVLink-domain nodes gets one, as before the key existed, except jobs that say `imex: false`.
/// `--job` refuses a job that says `imex: false`.
public enum ComputeDomainEmitter {
    /// The manifests of job `jobIndex`, or of every job that runs on NVLink-domain nodes.
    ///
    /// - Parameters:
    ///   - spec: The cluster; its NVLink domains, jobs and nodes are read.
    ///   - source: The spec's path, named in the header comment.
    ///   - jobIndex: An index into `spec.jobs`, or nil for every job (jobs off the domains are skipped,
    ///     and only `imex: true` jobs are taken when any job says so).
    /// - Returns: The YAML stream of `ComputeDomain` objects; it throws an `EmitFailure` when the spec has
    ///   no NVLink domains, the chosen job says `imex: false`, has no node in one or its name is no valid
    ///   object name, or no job runs on domain nodes.
    public static func manifests(
        spec: ClusterSpec, source: String, jobIndex: Int? = nil
    ) throws(EmitFailure)
        -> String
    {
        guard !spec.nvlinkDomains.isEmpty else {
            throw EmitFailure(
                description:
                    "cluster `\(spec.name)` declares no nvlink_domains: a ComputeDomain needs a multi-node NVLink domain (GB200 / GB300 NVL72)"
            )
        }
        let named = spec.jobs.contains(where: \.imex)
        let jobs =
            jobIndex.map { [$0] }
            ?? spec.jobs.indices.filter { named ? spec.jobs[$0].imex : spec.jobs[$0].imexLocation == nil }
        var out = "# ComputeDomains of cluster \(spec.name), written by topospec from \(source).\n"
        var written = 0
        for j in jobs {
            let job = spec.jobs[j]
            if job.imexLocation != nil && !job.imex {
                throw EmitFailure(description: "job `\(job.name)` says `imex: false`: it asks for no ComputeDomain")
            }
            let inDomains = job.nodes.filter { spec.nodes[$0].domainIndex != nil }
            guard !inDomains.isEmpty else {
                if jobIndex != nil {
                    throw EmitFailure(
                        description:
                            "job `\(job.name)` runs on no node of an NVLink domain: a ComputeDomain would have nothing to join"
                    )
                }
                continue
            }
            guard isDNSLabel(job.name), job.name.utf8.count <= 63 - "-channel".utf8.count else {
                throw EmitFailure(
                    description:
                        "job `\(job.name)` is not a valid Kubernetes object name (lower-case letters, digits and `-`, starting and ending with a letter or digit, at most 55 characters)"
                )
            }
            var perDomain: [Int: Int] = [:]
            for n in inDomains { if let d = spec.nodes[n].domainIndex { perDomain[d, default: 0] += 1 } }
            let parts = perDomain.keys.sorted().map { "\(spec.nvlinkDomains[$0].name): \(perDomain[$0] ?? 0)" }
            if written > 0 { out += "---\n" }
            out +=
                "# Job \(job.name): \(inDomains.count) node\(inDomains.count == 1 ? "" : "s") in NVLink domains (\(parts.joined(separator: ", "))).\n"
            if perDomain.count > 1 {
                out +=
                    "# The job spans \(perDomain.count) NVLink domains: GPU memory is shared over NVLink within each, not across them.\n"
            }
            out +=
                "apiVersion: resource.nvidia.com/v1beta1\nkind: ComputeDomain\nmetadata:\n  name: \(job.name)\nspec:\n"
            out +=
                "  numNodes: \(inDomains.count)\n  channel:\n    resourceClaimTemplate:\n      name: \(job.name)-channel\n"
            written += 1
        }
        guard written > 0 else {
            throw EmitFailure(
                description: named
                    ? "no job of cluster `\(spec.name)` with `imex: true` runs on NVLink-domain nodes"
                    : "no job of cluster `\(spec.name)` runs on NVLink-domain nodes")
        }
        return out
    }

    /// A DNS-1123 label: lower-case alphanumerics and `-`, starting and ending alphanumeric.
    static func isDNSLabel(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        func alnum(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 97 && b <= 122) }
        guard let first = bytes.first, let last = bytes.last, alnum(first), alnum(last) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 45 }
    }
}
