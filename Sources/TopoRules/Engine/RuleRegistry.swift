/// Every rule topospec has, in code order. A rule exists once it is listed here.
public enum RuleRegistry {
    public static let all: [any Rule] = [
        NVLinkUnsupportedGPU(),
        NVLinkLinksExceeded(),
        BridgeUnsupported(),
        BridgeGroupTooLarge(),
        NVSwitchUnsupportedGPU(),
        NVLinkMixedSKU(),
        NVLinkDomainTooLarge(),
        NVSwitchGenerationMismatch(),
        NVSwitchPortsExceeded(),
        ScaleUpKindMismatch(),
        NICSpeedExceedsModel(),
        PCIeLinkExceedsDevice(),
        ParallelismMismatch(),
        NVLinkDomainMembership(),
        NICFabricMismatch(),
        TierPortsExceedRadix(),
        JobGPUsUnavailable(),
        ExpertParallelMismatch(),
        LeafPortsInsufficient(),
        GlobalBatchIndivisible(),
        HeadsNotDivisibleByTP(),
        SequenceNotDivisibleByCP(),
        JobMemoryExceeded(),
        TensorParallelOverPCIe(),
        TensorParallelAcrossNodes(),
        ExpertParallelAcrossNodes(),
        TensorParallelNotDividingDomain(),
        PipelineAcrossSlowTier(),
        NICAcrossSockets(),
        NICBeyondPXB(),
        FewerNICsThanGPUs(),
        RailsMisaligned(),
        DataParallelOversubscribed(),
        PeerToPeerAcrossSockets(),
        MixedSKUsInJob(),
        HostLinkDegraded(),
        NICSlowerThanNetwork(),
        JobMemoryTight(),
        LayersNotDivisibleByPP(),
        PCIeTreeIncomplete(),
        GeForcePeerToPeer(),
        ACSEnabled(),
        IOMMUTranslating(),
        VirtualMachineTopology(),
        P2PDisabledWithNVLink(),
        UnusedNodeType(),
        SequenceParallelWithoutTP(),
        UnbridgedCards(),
    ]

    /// The rule with this code (`TS101`) or slug (`nvlink-unsupported-gpu`), case-insensitively.
    public static func rule(named name: String) -> (any Rule)? {
        let key = name.lowercased()
        return all.first { $0.metadata.code.lowercased() == key || $0.metadata.slug == key }
    }
}
