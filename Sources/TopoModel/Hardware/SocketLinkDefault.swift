extension CPUModel {
    /// GB/s per direction NCCL assumes for the link between two sockets of this CPU when the spec
    /// does not write `sockets.link_gbs` (NCCL 2.30 src/graph/topo.cc `ncclTopoGetInterCpuBw`,
    /// constants in src/graph/topo.h; Intel generations from the cpuid model as `ncclTopoAddCpu`
    /// reads it):
    /// - Intel family 6: model ≥ 0xCF Emerald Rapids `ERP_QPI_BW` 40; ≥ 0x8F Sapphire Rapids
    ///   `SRP_QPI_BW` 22; ≥ 0x55 Skylake `SKL_QPI_BW` 10; older (Broadwell) `BDW_QPI_BW` 6;
    /// - AMD x86 `AMD_BW` 16; POWER `P9_BW` 32; Arm (Grace, Ampere) `ARM_BW` 6.
    /// Nil where NCCL puts no bound (`LOC_BW`, other x86 vendors) or the model is unknown.
    /// These are NCCL's search figures, not the UPI / xGMI line rates.
    public var ncclInterSocketGBs: Double? {
        switch architecture {
        case .ppc64: return 32
        case .arm64: return 6
        case .x86_64:
            switch vendor {
            case .intel:
                guard family == 6, let model else { return 6 }
                return model >= 0xCF ? 40 : model >= 0x8F ? 22 : model >= 0x55 ? 10 : 6
            case .amd: return 16
            default: return nil
            }
        }
    }
}

extension NodeType {
    /// The bandwidth between this node type's sockets, GB/s per direction: `sockets.link_gbs`
    /// when written, else NCCL's default for its CPU (`CPUModel.ncclInterSocketGBs`), else
    /// unknown (nil).
    public func socketLinkGBs(catalog: Catalog) -> Double? {
        socketLinkGBs ?? cpu.flatMap { catalog.cpus[$0] }?.ncclInterSocketGBs
    }
}
