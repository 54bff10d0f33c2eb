import TopoModel
import TopoTopology

extension SpecAnalysis {
    /// Per-direction NVLink bandwidth of the job's GPUs, if they have NVLink.
    func bestScaleUp(for job: Job) -> Double? {
        job.nodes.lazy.compactMap { self.gpuSKUs[self.spec.nodes[$0].typeIndex].first?.scaleUp?.totalGBs }.first.map { $0 / 2 }
    }
}
