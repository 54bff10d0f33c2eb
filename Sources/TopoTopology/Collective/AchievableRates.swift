import TopoModel

/// The rates and latencies the collective model uses, each with its source. docs/collective-model.md
/// lists them in one table; keep the two in step.
package enum AchievableRates {
    // MARK: Scale-up links

    /// GB/s per NVLink link and direction that NCCL's search assumes, by compute capability
    /// (NCCL 2.30 `src/graph/topo.h`: SM60_NVLINK_BW 18.0, SM70 20.0, SM80 20.0, SM86 12.0,
    /// SM90 20.6, SM100 40.1). H100: 18 × 20.6 = 371 GB/s, which is what nccl-tests reports as
    /// busbw for rings on 8 H100 (maintainer, NVIDIA/nccl-tests#212: "~370GB/s").
    ///
    /// - Parameter computeCapability: The GPU's compute capability as the catalog writes it (`"9.0"`).
    /// - Returns: GB/s per link and direction, or nil when it is missing or not a number.
    package static func nvlinkGBsPerLink(computeCapability: String?) -> Double? {
        guard let cc = computeCapability, let value = Double(cc) else { return nil }
        if value >= 10 { return 40.1 }
        if value >= 9 { return 20.6 }
        if value >= 8.6 { return 12.0 }
        if value >= 8 { return 20.0 }
        if value >= 7 { return 20.0 }
        return 18.0
    }

    /// Share of an Infinity Fabric (xGMI) link's line rate RCCL achieves: 48 of 64 GB/s per
    /// direction on MI300X (AMD ROCm blog "Understanding RCCL Bandwidth and xGMI Performance on
    /// AMD Instinct MI300X", 2025-03-02).
    package static let xgmiEfficiency = 0.75

    /// Share of the line rate for NVLink parts whose compute capability the catalog does not
    /// give: NCCL's 20.6 of 25 GB/s on SM90.
    package static let nvlinkFallbackEfficiency = 0.82

    /// Achievable GB/s per direction of one scale-up link of `sku` (NVLink: NCCL's per-link
    /// figure by compute capability, else `nvlinkFallbackEfficiency` of the line rate; Infinity
    /// Fabric: `xgmiEfficiency` of the line rate); nil without scale-up links.
    ///
    /// - Parameter sku: The GPU SKU; its scale-up link kind and rate and its compute capability are read.
    /// - Returns: GB/s per link and direction.
    package static func scaleUpGBsPerLink(_ sku: GPUSKU) -> Double? {
        guard let link = sku.scaleUp else { return nil }
        if link.kind == .nvlink {
            return nvlinkGBsPerLink(computeCapability: sku.computeCapability) ?? link.linkGBs / 2
                * nvlinkFallbackEfficiency
        }
        return link.linkGBs / 2 * xgmiEfficiency
    }

    /// NCCL's PCIe figure times the share a peer-to-peer ring reaches: what a GPU pair gets over
    /// PCIe with P2P (Gen5 x16: 48 × 0.78 ≈ 37 GB/s).
    ///
    /// - Parameters:
    ///   - generation: The PCIe generation (3 to 6; others are clamped).
    ///   - width: The lane count.
    /// - Returns: GB/s per direction.
    package static func pcieP2PGBs(generation: Int, width: Int) -> Double {
        pcieGBs(generation: generation, width: width) * pcieP2PEfficiency
    }

    // MARK: NVLink SHARP

    /// All-reduce algorithm bandwidth of NVLS as a share of the GPU's achievable NVLink rate
    /// (fitted): Hopper 0.73 (8 × H100: ~272 GB/s algbw, 475 GB/s busbw, NVIDIA/nccl-tests#212
    /// and #290), Blackwell 0.657 (8 × B200: 830 GB/s busbw, NVIDIA/nccl#1807). NCCL's own tuner
    /// uses 0.85 / 0.74 (`nvlsEfficiency` in src/graph/tuning.cc) and over-predicts Hopper.
    ///
    /// - Parameter computeCapability: The GPUs' compute capability (10 and above: Blackwell).
    /// - Returns: 0.657 for Blackwell and later, else 0.73.
    package static func nvlsEfficiency(computeCapability: Double) -> Double {
        computeCapability >= 10 ? 0.657 : 0.73
    }

    // MARK: PCIe and host memory

    /// GB/s per direction NCCL assumes for a x16 link (src/graph/topo.h PCI_BW 12.0 for Gen3;
    /// NCCL scales by generation: Gen4 24, Gen5 48), scaled by width.
    ///
    /// - Parameters:
    ///   - generation: The PCIe generation; values are clamped to 3…6.
    ///   - width: The lane count.
    /// - Returns: GB/s per direction: 12 × 2^(generation − 3) × width ÷ 16.
    package static func pcieGBs(generation: Int, width: Int) -> Double {
        let x16 = 12.0 * Double(1 << max(0, min(generation, 6) - 3))
        return x16 * Double(width) / 16
    }

    /// Share of NCCL's PCIe figure a ring with peer-to-peer reaches (fitted: 4 × V100 PCIe Gen3,
    /// 9.4 GB/s busbw, University of Sheffield HPC docs).
    package static let pcieP2PEfficiency = 0.78

    /// Share of NCCL's PCIe figure a ring staged through host memory reaches when peer-to-peer is
    /// off (fitted: 4 × RTX 5090, 35 GB/s of 48, NVIDIA/nccl#1639).
    package static let hostStagingEfficiency = 0.73

    /// Host memory bandwidth per CPU socket that host-staged rings share, GB/s (fitted: 8 × RTX
    /// 5090 on 2 × Xeon 8480+ reach 28 GB/s busbw = 16 flows × 28 GB/s = 448 GB/s, NVIDIA/nccl#1639,
    /// where the maintainer explains the bound: "the bandwidth your CPU and memory can deliver").
    package static let hostMemoryGBsPerSocket = 225.0

    // MARK: Network

    /// Share of a NIC's line rate NCCL reaches per NIC: NDR 400 Gb/s → 46–48 GB/s (NVIDIA
    /// maintainer, NVIDIA/nccl-tests#290), CX-7 RoCE "48-49GB/s per NIC" (nccl-tests#267), 8 ×
    /// 200 Gb/s GPUDirect-TCPXO 188.5 GB/s all-gather busbw (dstack GCP A3 Mega example).
    ///
    /// - Parameter fabric: The network's fabric.
    /// - Returns: 0.94 for InfiniBand, RoCE and Ethernet, 0.90 for EFA.
    package static func nicEfficiency(_ fabric: Fabric) -> Double {
        switch fabric {
        case .infiniband, .roce, .ethernet: 0.94
        case .efa: 0.90  // 100G EFA ~10–12 GB/s per NIC (AWS p4d measurements in NCCL issues)
        }
    }

    /// NICs through which the ranks of one multi-node NVLink domain (GB200 / GB300 NVL72) reach
    /// other domains, at most (fitted). NCCL pools the trays' NICs of an MNNVL clique, but its
    /// inter-domain algorithms (NVLSTree heads, ring channels) use few of them: CoreWeave's
    /// GB200 NVL72 all-reduce streams at ~420 GB/s algbw on 2 racks (NVLS-bound) and ~217 GB/s
    /// on 20 racks, half of ~9 NICs at 47 GB/s as a tree beyond 2 nodes moves the buffer twice
    /// (coreweave/nccl-tests README, "Expected Performance", NCCL 2.26.2; fitted on its 20-rack
    /// 16 GB and 512 MB rows). NCCL's own cap is `NCCL_MAX_NVLS_ARITY` 32 heads
    /// (src/include/device.h), which would predict 2.3× the 20-rack figure.
    public static let nvlinkDomainNetworkNICs = 8

    /// The latency a network plugin reports to NCCL (`ncclNetProperties.latency`), µs, which
    /// NCCL adds to every network hop of every algorithm, twice with Simple (src/graph/search.cc:
    /// `graph->latencyInter = net->net.latency`; src/graph/tuning.cc `ncclTopoTuneModel`:
    /// `interLat += latencyInter`, again for Simple, "the flush extra latency"). NCCL's own
    /// InfiniBand / RoCE and socket transports report 0 (src/transport/net_ib/init.cc,
    /// src/transport/net_socket.cc: "Not set"), and so does Google's GPUDirect-TCPXO plugin
    /// (google/nccl-plugin-gpudirect-tcpxo, tcpdirect_plugin/fastrak_offload/nccl_shim.cc
    /// `NcclShim::GetProperties`). AWS's EFA plugin reports its platform's figure
    /// (aws/aws-ofi-nccl src/platform-aws.cpp `platform_data_map`): 75 µs on p4d / p4de / p5 /
    /// p5e, whose EFA devices are 100 Gb/s; 35 µs on p5en, p6-b200, p6-b300 (200 and 400 Gb/s
    /// devices) and the other P instances.
    ///
    /// - Parameters:
    ///   - fabric: The compute network's fabric.
    ///   - nicGbps: The NIC's rate, which tells EFA generations apart.
    /// - Returns: µs per network hop.
    package static func netPluginLatency(fabric: Fabric, nicGbps: Double) -> Double {
        guard fabric == .efa else { return 0 }
        return nicGbps <= 100 ? 75 : 35
    }

    /// NCCL's cap on the bus bandwidth of the LL protocol, GB/s (src/graph/tuning.cc `llMaxBws`,
    /// applied in `ncclTopoTuneModel` to ring LL and tree LL): on one node by GPU generation
    /// (Volta 39.0, Ampere 87.7, Hopper 141.0, Blackwell 282.0), across nodes by CPU vendor and
    /// node count (Intel 39.0 on 2 nodes, 20.4 on more; AMD 22.5 and 19.0). The Intel figures
    /// stand in when the spec does not name the node's CPU (`sockets.cpu`).
    ///
    /// - Parameters:
    ///   - computeCapability: The GPUs' compute capability; nil counts as Volta.
    ///   - networkNodes: The nodes the network joins.
    ///   - amdCPU: Whether the node's CPU is AMD.
    /// - Returns: GB/s of NCCL bus bandwidth.
    package static func llMaxBusGBs(computeCapability: Double?, networkNodes: Int, amdCPU: Bool) -> Double {
        if networkNodes <= 1 {
            let cc = computeCapability ?? 7
            return cc >= 10 ? 282.0 : cc >= 9 ? 141.0 : cc >= 8 ? 87.7 : 39.0
        }
        if amdCPU { return networkNodes <= 2 ? 22.5 : 19.0 }
        return networkNodes <= 2 ? 39.0 : 20.4
    }

    /// GB/s per node used when a node has no compute NIC: one 10 GbE port
    /// (`ClusterDistance.fallbackNetworkGBs`).
    package static let fallbackNetworkGBs = 1.25

    // MARK: Latency (µs), NCCL 2.30 src/graph/tuning.cc `ncclTunerConstantsDefaults`

    /// baseLatencies[algorithm][LL, LL128, Simple].
    static let baseLatency: [CollectiveAlgorithm: [Double]] = [
        .tree: [6.8, 14.0, 8.4], .ring: [6.6, 14.0, 8.4], .collnet: [0, 0, 0], .nvls: [0, 0, 0],
        .nvlstree: [0, 0, 0], .pat: [8.0, 8.0, 8.0], .p2p: [6.6, 14.0, 8.4],
    ]
    /// hwLatencies[NVLINK][algorithm][LL, LL128, Simple].
    static let nvlinkLatency: [CollectiveAlgorithm: [Double]] = [
        .tree: [0.6, 1.25, 4.0], .ring: [0.6, 1.9, 3.4], .collnet: [0, 0, 3.7], .nvls: [0, 0, 25],
        .nvlstree: [0, 0, 25], .pat: [0, 0, 4.0], .p2p: [0.6, 1.9, 3.4],
    ]
    /// hwLatencies[PCI][algorithm][LL, LL128, Simple].
    static let pcieLatency: [CollectiveAlgorithm: [Double]] = [
        .tree: [1.0, 1.9, 4.0], .ring: [1.0, 2.5, 5.7], .collnet: [0, 0, 3.7], .nvls: [0, 0, 0],
        .nvlstree: [0, 0, 0], .pat: [0, 0, 4.0], .p2p: [1.0, 2.5, 5.7],
    ]
    /// hwLatencies[NET][algorithm][LL, LL128, Simple].
    static let networkLatency: [CollectiveAlgorithm: [Double]] = [
        .tree: [5.0, 8.5, 14], .ring: [2.7, 4.0, 14.0], .collnet: [0, 0, 31], .nvls: [0, 0, 18],
        .nvlstree: [0, 0, 20.9], .pat: [0, 0, 14], .p2p: [2.7, 4.0, 14.0],
    ]
    /// NCCL's network post overhead per step (`getNetOverhead`: 1 µs on Intel, 2 µs on AMD; ×3 for
    /// Simple); topospec does not know the CPU vendor and uses the Intel figure.
    static let netOverhead = 1.0

    /// Time a collective takes to reach its streaming rate, µs (fitted): nccl-tests' mid-size
    /// points sit above latency + size ÷ peak by a plateau P that grows with the nodes and ranks,
    /// reached as P × S ÷ (S + H), half of it at H = 0.5 MiB per rank.
    /// P = base × network nodes + 3 µs × ranks, base 40 µs (all-reduce) or 20 µs (others), on top
    /// of NCCL's latencies, which include the network plugin's own (`netPluginLatency`: 75 µs
    /// per hop and twice with Simple on EFA p5, 0 on InfiniBand / RoCE):
    /// one node of 8 H100 ~0.1 ms (NVLS at 128 MB, NVIDIA/nccl-tests#290); 2 × 8 B200 ~0.1 ms
    /// (dstack GCP A4, 8–128 MB); AWS p5 all-reduce 0.25 ms on 2 nodes, ~0.9 ms on 8, ~3.4 ms
    /// on 32 (256 ranks), reached ~half-way at 128 MB (crazyguitar/aws-gpu-communication-benchmark);
    /// GB200 NVL72 ~0.5 ms in one rack (72 ranks), ~0.9 ms on 2 racks, ~5 ms on 20 racks
    /// (coreweave/nccl-tests README). The plateau follows NCCL's own ring latency (per-step
    /// NVLink and network latencies × the plateau factor 1.4 of `ncclTopoGetAlgoTime`) up to
    /// ~256 ranks whatever algorithm runs; CollNet counts as one network node (the switches
    /// reduce, so there is no per-node pipeline). Beyond 32 network nodes and 1,440 ranks (the
    /// largest runs measured) the plateau is held at its value there, not extrapolated.
    ///
    /// - Parameters:
    ///   - op: The collective (all-reduce has the larger base).
    ///   - bytes: The message size S.
    ///   - ranks: The group's ranks.
    ///   - networkNodes: The nodes (NVLink domains) the network joins; 1 for CollNet.
    /// - Returns: µs to add to latency + size ÷ bandwidth.
    static func rampMicroseconds(_ op: CollectiveOperation, bytes: Int, ranks: Int, networkNodes: Int) -> Double {
        let base = op == .allReduce ? rampAllReducePerNode : rampOtherPerNode
        // Held at the largest scale measured rather than extrapolated (32 nodes, 1,440 ranks).
        let nodes = Double(min(max(1, networkNodes), rampLargestMeasuredNodes))
        let rankCount = Double(min(max(1, ranks), rampLargestMeasuredRanks))
        let plateau = base * nodes + rampPerRank * rankCount
        let half = rampHalfBytesPerRank * rankCount
        let s = Double(bytes)
        return plateau * s / (s + half)
    }

    /// µs of ramp plateau per network node for all-reduce (fitted, `rampMicroseconds`): 40, chosen
    /// on the fit rows once the EFA plugin's own latency (`netPluginLatency`) was priced apart
    /// (the best agreement on them lies between 37.5 and 50; it was 100 while the EFA latency was
    /// folded into the ramp).
    static let rampAllReducePerNode = 40.0
    /// µs of ramp plateau per network node for the other collectives (fitted, `rampMicroseconds`).
    static let rampOtherPerNode = 20.0
    /// µs of ramp plateau per rank (fitted, `rampMicroseconds`).
    static let rampPerRank = 3.0
    /// Message size at which half the ramp is paid, bytes per rank (fitted, `rampMicroseconds`).
    static let rampHalfBytesPerRank = 524_288.0
    /// The largest network-node count and rank count the ramp was measured at (32 p5 nodes;
    /// 20 NVL72 racks = 1,440 ranks): beyond them it is held, not extrapolated.
    static let rampLargestMeasuredNodes = 32
    static let rampLargestMeasuredRanks = 1440
}
