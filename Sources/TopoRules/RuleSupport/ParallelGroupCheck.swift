import TopoModel
import TopoTopology

/// Shared walk over a job's parallel groups for the group-placement rules (TS201, TS202, TS203).
enum ParallelGroupCheck {
    static func report(
        _ dimension: JobLayout.Dimension, _ context: SpecAnalysis, _ findings: inout Findings,
        skippingUnknownScaleUp: Bool = false,
        when matches: (DevicePath) -> Bool,
        message: (Job, [Int], DevicePath, String, String, Int, Int) -> String
    ) {
        for (j, job) in context.spec.jobs.enumerated() {
            guard let layout = context.layouts[j], layout.groupSize(dimension) > 1 else { continue }
            let groups = layout.groups(dimension)
            var first: (group: [Int], path: DevicePath, a: Int, b: Int)?
            var count = 0
            for group in groups {
                guard let worst = context.worstPath(in: group, of: layout), matches(worst.path) else { continue }
                // `nvlink: unknown`: a PCIe path class says nothing about whether NVLink joins the pair.
                if skippingUnknownScaleUp,
                    context.spec.nodeTypes[context.spec.nodes[layout.slots[worst.a].node].typeID].scaleUpUnknown
                {
                    continue
                }
                count += 1
                if first == nil { first = (group, worst.path, worst.a, worst.b) }
            }
            guard let f = first else { continue }
            findings.report(
                message(
                    job, f.group, f.path, context.describe(layout.slots[f.a]), context.describe(layout.slots[f.b]),
                    count, groups.count),
                at: job.parallelism.location ?? job.location,
                help: "reorder ranks or shrink \(dimension.name) so each group stays inside an NVLink domain")
        }
    }
}
