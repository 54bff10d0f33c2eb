import TopoDiagnostics
import TopoModel
import TopoTopology

extension SpecAnalysis {
    /// The scale-up bandwidth a GPU of the job actually has, GB/s per direction, at the rate NCCL
    /// reaches (`AchievableRates.scaleUpGBsPerLink`): from the node type's wiring, not the SKU —
    /// all the SKU's links for GPUs on NVSwitch, else the most links any GPU has wired (bridges,
    /// a mesh). Nil when no GPU of the job's nodes has a scale-up link wired.
    func bestScaleUp(for job: Job) -> Double? {
        var checked = Set<NodeTypeID>()
        for node in job.nodes {
            let t = spec.nodes[node].typeID
            guard checked.insert(t).inserted, let links = scaleUpLinks[t], let sku = gpuSKUs[t].first,
                let perLink = AchievableRates.scaleUpGBsPerLink(sku)
            else { continue }
            let wired = links.switched.isEmpty ? (links.usedLinks.max() ?? 0) : (sku.scaleUp?.links ?? 0)
            if wired > 0 { return Double(wired) * perLink }
        }
        return nil
    }

    /// The collective model's group for `ranks` of `job`'s default layout (nil without a layout).
    func modelledGroup(_ ranks: [Int], of job: Job) -> CollectiveGroup? {
        guard let j = spec.jobs.firstIndex(where: { $0.name == job.name }), let layout = layouts[j] else { return nil }
        return CollectiveGroup(context: self, slots: ranks.map { (layout.slots[$0].node, layout.slots[$0].gpu) })
    }

    /// "a 1 GiB all_reduce over the group reaches about 37 GB/s bus bandwidth (collective model, Ring)":
    /// the model's large-message figure for `op` on `ranks` of `job`, nil when it has none.
    func modelledBusBandwidth(_ op: CollectiveOperation, _ ranks: [Int], of job: Job) -> String? {
        guard let group = modelledGroup(ranks, of: job),
            let estimate = CollectiveModel(group: group).estimate(op, bytes: 1 << 30)
        else { return nil }
        return
            "a 1 GiB \(op.rawValue) over the group reaches about \(Format.bandwidth(gbs: estimate.busbwGBs)) bus bandwidth (collective model, \(estimate.algorithm.displayName))"
    }
}
