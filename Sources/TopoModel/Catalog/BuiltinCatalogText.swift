// Built-in hardware catalog of topospec: GPUs, NVSwitch chips, NICs and PCIe generations, written
// in the DSL's own `hardware:` syntax (grammar/REFERENCE.md, section "hardware").
//
// Bandwidth conventions (the same as the DSL's):
//   - NVLink / Infinity Fabric `link_gbs` is GB/s per link, BOTH directions together, the way NVIDIA
//     and AMD quote it (H100: 18 links x 50 GB/s = 900 GB/s, i.e. 450 GB/s each way).
//   - NVSwitch `port_gbs` likewise: GB/s per port, both directions together.
//   - PCIe `lane_gbs` is GB/s per lane, PER DIRECTION, after line encoding (Gen5 x16 = 63 GB/s each
//     way; NVIDIA datasheets' "128 GB/s" is both directions).
//   - NIC `max_gbps` is Gb/s (bits) per port.
//   - `memory_gb` is the usable device memory the vendor states for the shipping SKU (for Blackwell
//     this is the enabled capacity, e.g. B200 180 GB, not the 192 GB of physical HBM).
//
// Sources: every entry carries a YAML comment naming its source(s) in short form (publisher /
// document + URL). "secondary:" marks values seen only in third-party texts (spec databases,
// press, integrators, submitter-written MLPerf system files); "unconfirmed:" marks values no source
// found in the research session confirmed, with what the sources do say. "derived:" marks values
// computed from vendor totals (e.g. links = total NVLink GB/s / per-link GB/s). The full table,
// value by value, is docs/catalog-sources.md.

/// The built-in hardware catalog, in the DSL's own `hardware:` syntax. Decoded once at startup.
let builtinCatalogYAML = #"""
hardware:
  gpus:
    # ---------------------------------------------------------------- NVIDIA Pascal / Volta / Turing
    # Tesla P100 SXM2. NVLink 1: 4 links x 40 GB/s (20 GB/s per direction) = 160 GB/s, PCIe Gen3 x16
    # to the host, DGX-1 hybrid cube-mesh of 8 (no NVSwitch).
    # Sources: Microway "Tesla P100 NVLink SXM2 up close"
    # https://www.microway.com/hpc-tech-tips/nvidia-tesla-p100-nvlink-16gb-gpu-accelerator-pascal-gp100-sxm2-close/ ;
    # CC: NVIDIA legacy CUDA GPUs https://developer.nvidia.com/cuda-legacy-gpus
    # secondary: 300 W (Tom's Hardware https://www.tomshardware.com/news/nvidia-tesla-p100-pcie-gpu,32119.html).
    p100-sxm2-16gb:
      name: NVIDIA Tesla P100 SXM2 16GB
      vendor: nvidia
      architecture: pascal
      form_factor: sxm
      memory_gb: 16
      host: pcie-gen3-x16
      tdp_w: 300
      compute_capability: "6.0"
      nvlink:
        generation: 1
        links: 4
        link_gbs: 40
        nvswitch: false
        bridge: none
        max_domain: 8

    # Tesla V100 SXM2 16 GB. NVLink 2: 6 links, 25 GB/s per direction each (50 bidir) = 300 GB/s;
    # DGX-1V / HGX-1 wire 8 of them as a hybrid cube-mesh with direct links, no NVSwitch.
    # Sources: NVIDIA NVLink page (V100 era) https://www.nvidia.com/en-us/data-center/nvlink/ ;
    # DGX-1 topology text (NVIDIA copy) https://www.iitr.ac.in/dgx ;
    # Alibaba Cloud ACK topology-aware scheduling https://www.alibabacloud.com/help/doc-detail/190482.htm ;
    # CC: https://developer.nvidia.com/cuda-legacy-gpus
    # secondary: 300 W (NVML power limit 300000 mW in a V100-SXM2 dump; hwupgrade.it), PCIe Gen3 x16 (TechPowerUp-derived table).
    v100-sxm2-16gb:
      name: NVIDIA Tesla V100 SXM2 16GB
      vendor: nvidia
      architecture: volta
      form_factor: sxm
      memory_gb: 16
      host: pcie-gen3-x16
      tdp_w: 300
      compute_capability: "7.0"
      nvlink:
        generation: 2
        links: 6
        link_gbs: 50
        nvswitch: false
        bridge: none
        max_domain: 8

    # Tesla V100 SXM2 32 GB: same module as the 16 GB part with twice the HBM2 (GTC 2018).
    # Sources: as v100-sxm2-16gb; 32 GB: PCPer DGX-2 announcement https://pcper.com/2018/03/nvidia-announces-dgx-2-with-16-gv100s-8-100gb-nics/
    # secondary: 300 W (NVML dump of a "Tesla V100-SXM2-32GB" shows a 300 W limit).
    v100-sxm2-32gb:
      name: NVIDIA Tesla V100 SXM2 32GB
      vendor: nvidia
      architecture: volta
      form_factor: sxm
      memory_gb: 32
      host: pcie-gen3-x16
      tdp_w: 300
      compute_capability: "7.0"
      nvlink:
        generation: 2
        links: 6
        link_gbs: 50
        nvswitch: false
        bridge: none
        max_domain: 8

    # Tesla V100 SXM3 32 GB (DGX-2 / HGX-2 only): 6 NVLink 2 links, one to each of the 6 gen-1
    # NVSwitches on its baseboard; two baseboards joined = 16 GPUs in one NVLink fabric.
    # Sources: WikiChip NVSwitch https://en.wikichip.org/wiki/nvidia/nvswitch ;
    # DatacenterDynamics DGX-2 https://www.datacenterdynamics.com/en/news/two-petaflops-in-a-box-nvidia-dgx-2-packs-16-gpus-on-two-boards/ ;
    # PCPer (16 x 32 GB) https://pcper.com/2018/03/nvidia-announces-dgx-2-with-16-gv100s-8-100gb-nics/
    # secondary: links/topology (WikiChip, AnandTech). unconfirmed: 350 W (450 W in DGX-2H) and the
    # "SXM3" package name - widely reported, no NVIDIA text found in this session.
    v100-sxm3-32gb:
      name: NVIDIA Tesla V100 SXM3 32GB
      vendor: nvidia
      architecture: volta
      form_factor: sxm
      memory_gb: 32
      host: pcie-gen3-x16
      tdp_w: 350
      compute_capability: "7.0"
      nvlink:
        generation: 2
        links: 6
        link_gbs: 50
        nvswitch: true
        bridge: none
        max_domain: 16

    # Tesla V100 PCIe 16 GB: no NVLink connector (NVLink V100s are SXM2/SXM3 only).
    # Sources: hwupgrade.it V100 PCIe (250 W vs 300 W SXM2) http://www.hwupgrade.it/news/skvideo/nvidia-tesla-v100-da-fine-anno-anche-su-slot-pci-express_69475.html ;
    # techrival.com https://www.techrival.com/nvidia-volta-tesla-v100-cards-detailed-150w-single-slot-300w-dual-slot-gv100-powered-pcie-accelerators/
    # secondary: all values (no NVIDIA datasheet text found in this session).
    v100-pcie-16gb:
      name: NVIDIA Tesla V100 PCIe 16GB
      vendor: nvidia
      architecture: volta
      form_factor: pcie
      memory_gb: 16
      host: pcie-gen3-x16
      tdp_w: 250
      compute_capability: "7.0"
      nvlink: none

    # Tesla V100 PCIe 32 GB. Sources: as v100-pcie-16gb. secondary: all values.
    v100-pcie-32gb:
      name: NVIDIA Tesla V100 PCIe 32GB
      vendor: nvidia
      architecture: volta
      form_factor: pcie
      memory_gb: 32
      host: pcie-gen3-x16
      tdp_w: 250
      compute_capability: "7.0"
      nvlink: none

    # Tesla T4: low-profile single-slot, 70 W, PCIe Gen3 x16, no NVLink.
    # Sources: CC https://developer.nvidia.com/cuda-gpus ; sysrqmts.com (TechPowerUp-derived) https://sysrqmts.com/en/gpus/nvidia/tesla/t4
    # secondary: memory, TDP, host.
    t4:
      name: NVIDIA T4
      vendor: nvidia
      architecture: turing
      form_factor: pcie
      memory_gb: 16
      host: pcie-gen3-x16
      tdp_w: 70
      compute_capability: "7.5"
      nvlink: none

    # ---------------------------------------------------------------- NVIDIA Ampere
    # A100 SXM4 40 GB: 12 NVLink 3 links = 600 GB/s; HGX A100 8-GPU = 6 gen-2 NVSwitches, and
    # NVIDIA states two baseboards can be joined back-to-back for 16 fully connected A100s.
    # Sources: NVIDIA NVLink page (de-de) https://www.nvidia.com/de-de/data-center/nvlink/ ;
    # NVIDIA blog "Introducing NVIDIA HGX A100" https://developer.nvidia.com/blog/introducing-hgx-a100-most-powerful-accelerated-server-platform-for-ai-hpc/ ;
    # CC https://developer.nvidia.com/cuda-gpus
    # secondary: 400 W, PCIe Gen4 x16 (glennklockwood.com A100 notes; TechPowerUp).
    a100-sxm4-40gb:
      name: NVIDIA A100 SXM4 40GB
      vendor: nvidia
      architecture: ampere
      form_factor: sxm
      memory_gb: 40
      host: pcie-gen4-x16
      tdp_w: 400
      compute_capability: "8.0"
      nvlink:
        generation: 3
        links: 12
        link_gbs: 50
        nvswitch: true
        bridge: none
        max_domain: 16

    # A100 SXM4 80 GB: drop-in HBM2e variant of the 40 GB module. Sources: as a100-sxm4-40gb.
    # secondary: 80 GB / 400 W (TechPowerUp, thundercompute.com).
    a100-sxm4-80gb:
      name: NVIDIA A100 SXM4 80GB
      vendor: nvidia
      architecture: ampere
      form_factor: sxm
      memory_gb: 80
      host: pcie-gen4-x16
      tdp_w: 400
      compute_capability: "8.0"
      nvlink:
        generation: 3
        links: 12
        link_gbs: 50
        nvswitch: true
        bridge: none
        max_domain: 16

    # A100 PCIe 40 GB: PCIe Gen4 card; NVLink only between two cards via NVLink bridges, 600 GB/s.
    # Sources: NVIDIA A100 40GB PCIe Product Brief PB-10137-001_v03 (copy) https://docslib.org/doc/3015592/a100-40gb-pcie-product-brief ;
    # NVIDIA NVLink page (de-de, "NVLink also in A100 PCIe two-GPU configurations") https://www.nvidia.com/de-de/data-center/nvlink/
    # derived: 12 links (600 / 50). secondary: 250 W (thundercompute.com, geektopia.es).
    a100-pcie-40gb:
      name: NVIDIA A100 PCIe 40GB
      vendor: nvidia
      architecture: ampere
      form_factor: pcie
      memory_gb: 40
      host: pcie-gen4-x16
      tdp_w: 250
      compute_capability: "8.0"
      nvlink:
        generation: 3
        links: 12
        link_gbs: 50
        nvswitch: false
        bridge:
          max_gpus: 2
        max_domain: 2

    # A100 PCIe 80 GB. Sources: NVIDIA A100 80GB PCIe Product Brief PB-10577-001_v03 (copy)
    # https://www.scribd.com/document/684573269/A100-PB-10577-001-v02 (has an "NVLink Bridge" section).
    # derived: 12 links. secondary: 300 W (thundercompute.com; nvplay.ru says 250 W - conflicting).
    a100-pcie-80gb:
      name: NVIDIA A100 PCIe 80GB
      vendor: nvidia
      architecture: ampere
      form_factor: pcie
      memory_gb: 80
      host: pcie-gen4-x16
      tdp_w: 300
      compute_capability: "8.0"
      nvlink:
        generation: 3
        links: 12
        link_gbs: 50
        nvswitch: false
        bridge:
          max_gpus: 2
        max_domain: 2

    # A800 SXM4 80 GB (China export variant of A100): NVLink cut to 400 GB/s = 8 links x 50.
    # Sources: naddod.com GPU server topology https://naddod.com/blog/high-performance-gpu-server-hardware-topology ;
    # besthub.dev A100/A800/H100 topologies https://www.besthub.dev/articles/inside-the-high-performance-gpu-server-a-deep-dive-into-a100-a800-h100-topologies-512d39aeaa2c
    # secondary: 400 GB/s / 8 links. unconfirmed: 400 W, and max_domain 8 (no 16-GPU A800 board seen).
    a800-sxm4-80gb:
      name: NVIDIA A800 SXM4 80GB
      vendor: nvidia
      architecture: ampere
      form_factor: sxm
      memory_gb: 80
      host: pcie-gen4-x16
      tdp_w: 400
      compute_capability: "8.0"
      nvlink:
        generation: 3
        links: 8
        link_gbs: 50
        nvswitch: true
        bridge: none
        max_domain: 8

    # A800 SXM4 40 GB (China export A100): the 40 GB HBM2 module of the A800 line, 8 NVLink 3 links
    # (400 GB/s) like the 80 GB part, HGX 8-GPU NVSwitch boards.
    # Sources: naddod.com, GPU server topology (A800: 8 links = 400 GB/s) https://naddod.com/blog/high-performance-gpu-server-hardware-topology ;
    # CC https://developer.nvidia.com/cuda-gpus. secondary: all values; 40 GB as the A100 SXM4 40 GB it derives from.
    a800-sxm4-40gb:
      name: NVIDIA A800 SXM4 40GB
      vendor: nvidia
      architecture: ampere
      form_factor: sxm
      memory_gb: 40
      host: pcie-gen4-x16
      tdp_w: 400
      compute_capability: "8.0"
      nvlink:
        generation: 3
        links: 8
        link_gbs: 50
        nvswitch: true
        bridge: none
        max_domain: 8

    # A10: single-slot GA102 card, 24 GB GDDR6, 150 W, no NVLink.
    # Sources: CC https://developer.nvidia.com/cuda-gpus ; Baseten "T4 vs A10" https://www.baseten.co/blog/comparing-nvidia-gpus-for-ai-t4-vs-a10/
    # secondary: memory, host, 150 W.
    a10:
      name: NVIDIA A10
      vendor: nvidia
      architecture: ampere
      form_factor: pcie
      memory_gb: 24
      host: pcie-gen4-x16
      tdp_w: 150
      compute_capability: "8.6"
      nvlink: none

    # A10G: AWS's A10 variant (EC2 G5), 24 GB, no NVLink; AWS's own table reports 300 W from nvidia-smi.
    # Sources: AWS GPU comparison table (S. Prasanna, AWS) https://gist.github.com/shashankprasanna/10ebe6dc1ba1d8d93db17da4e2cc890e
    # secondary: all values. unconfirmed: PCIe Gen4 x16 (as A10; AWS does not state it).
    a10g:
      name: NVIDIA A10G
      vendor: nvidia
      architecture: ampere
      form_factor: pcie
      memory_gb: 24
      host: pcie-gen4-x16
      tdp_w: 300
      compute_capability: "8.6"
      nvlink: none

    # A16: one board carrying 4 GA107 GPUs (16 GB each) behind an on-board PCIe switch; the OS sees
    # 4 GPUs, this entry is ONE of them. host = the board's Gen4 x16 edge, shared by all 4 GPUs.
    # tdp_w omitted: the 250 W figure is for the whole 4-GPU board.
    # Sources: NVIDIA A16 Product Brief PB-10518-001_v02 (copy) https://usbmi.com/quan/1721608213a1804159.html ;
    # panchaea.com spec table https://panchaea.com/products/graphics-cards/nvidia-a16 ; CC https://developer.nvidia.com/cuda-gpus
    # secondary: per-GPU memory and shared x16 uplink. unconfirmed: width of each GPU's own link to the on-board switch.
    a16:
      name: NVIDIA A16 (one of 4 GPUs)
      vendor: nvidia
      architecture: ampere
      form_factor: pcie
      memory_gb: 16
      host: pcie-gen4-x16
      compute_capability: "8.6"
      nvlink: none

    # A30: GA100 PCIe card, 24 GB HBM2, 165 W, third-gen NVLink 200 GB/s between a bridged pair.
    # Sources: CC https://developer.nvidia.com/cuda-gpus ; Hugging Face hardware page (24 GB, 165 W) https://huggingface.co/hardware/a30
    # unconfirmed: NVLink 200 GB/s and 2-GPU bridge are from NVIDIA's A30 datasheet as commonly
    # reproduced; no copy was found in this session. derived: 4 links = 200 / 50.
    a30:
      name: NVIDIA A30
      vendor: nvidia
      architecture: ampere
      form_factor: pcie
      memory_gb: 24
      host: pcie-gen4-x16
      tdp_w: 165
      compute_capability: "8.0"
      nvlink:
        generation: 3
        links: 4
        link_gbs: 50
        nvswitch: false
        bridge:
          max_gpus: 2
        max_domain: 2

    # A40: GA102, 48 GB GDDR6, 300 W, NVLink 112.5 GB/s bidirectional between two cards. GA102
    # NVLink = four x4 links, 14.0625 GB/s per direction each = 28.125 GB/s per link both ways.
    # Sources: NVIDIA A40 datasheet copies http://www.relationship-nepal.org/900-2g133-0000-000.html
    # and ecer.com listing; NVIDIA GA102 whitepaper quote https://hf-mirror.492719920.workers.dev/spaces/Ahmadzei/RAG/blame/9007c8ed72f6554e38e2bad98fbbba8e72e72f22/chunked/content_aware_chunking/_perf_hardware/chunk_10.txt ;
    # NVIDIA A40 Product Brief PB-09976-001_v04 (copy) https://readkong.com/page/nvidia-a40-gpu-accelerator-product-brief-7654466
    a40:
      name: NVIDIA A40
      vendor: nvidia
      architecture: ampere
      form_factor: pcie
      memory_gb: 48
      host: pcie-gen4-x16
      tdp_w: 300
      compute_capability: "8.6"
      nvlink:
        generation: 3
        links: 4
        link_gbs: 28.125
        nvswitch: false
        bridge:
          max_gpus: 2
        max_domain: 2

    # RTX A6000: GA102, 48 GB GDDR6 ECC, 300 W, 2-way NVLink bridge (2-slot / 3-slot), 112.5 GB/s.
    # Sources: NVIDIA spec table reproduced by ServeTheHome https://www.servethehome.com/nvidia-rtx-a6000-48gb-gpu-drops-quadro-designation/ ;
    # GA102 whitepaper quote (as a40); CC https://developer.nvidia.com/cuda-gpus
    # pcie_p2p left true: workstation (non-GeForce) part; users report P2P works (efeslab/Nanoflow#22).
    rtx-a6000:
      name: NVIDIA RTX A6000
      vendor: nvidia
      architecture: ampere
      form_factor: pcie
      memory_gb: 48
      host: pcie-gen4-x16
      tdp_w: 300
      compute_capability: "8.6"
      nvlink:
        generation: 3
        links: 4
        link_gbs: 28.125
        nvswitch: false
        bridge:
          max_gpus: 2
        max_domain: 2

    # GeForce RTX 3090: GA102, 24 GB GDDR6X; the only RTX 30 cards with NVLink are 3090 / 3090 Ti
    # (2-way bridge, 112.5 GB/s). Stock GeForce driver gives NO PCIe peer-to-peer (P2P works only
    # over an NVLink bridge, or with the patched open kernel modules).
    # Sources: GA102 whitepaper quote (as a40); wccftech mirror https://wccftechad.pages.dev/posts/gigabyte-geforce-rtx-4090-pcb-shows-left-out-nvidia-nvlink-traces ;
    # P2P: NVIDIA/nccl#1127 https://github.com/NVIDIA/nccl/issues/1127 (8x 3090, "CANNOT Access Peer"),
    # efeslab/Nanoflow#22 https://github.com/efeslab/Nanoflow/issues/22 ,
    # aikitoria/open-gpu-kernel-modules#3 https://github.com/aikitoria/open-gpu-kernel-modules/issues/3 (P2P only with the patched driver).
    # secondary: P2P (user reports, no NVIDIA statement); 350 W. CC https://developer.nvidia.com/cuda-gpus
    rtx-3090:
      name: NVIDIA GeForce RTX 3090
      vendor: nvidia
      architecture: ampere
      form_factor: pcie
      memory_gb: 24
      host: pcie-gen4-x16
      pcie_p2p: false
      tdp_w: 350
      compute_capability: "8.6"
      nvlink:
        generation: 3
        links: 4
        link_gbs: 28.125
        nvswitch: false
        bridge:
          max_gpus: 2
        max_domain: 2

    # GeForce RTX 3090 Ti: as rtx-3090, 450 W. Sources: as rtx-3090; dzen.ru NVLink bridge note https://dzen.ru/a/ZCasxWzpbAqLDXGM
    # secondary: NVLink support, 450 W. unconfirmed: P2P behaviour assumed identical to the 3090 (same GA102 GeForce driver path).
    rtx-3090-ti:
      name: NVIDIA GeForce RTX 3090 Ti
      vendor: nvidia
      architecture: ampere
      form_factor: pcie
      memory_gb: 24
      host: pcie-gen4-x16
      pcie_p2p: false
      tdp_w: 450
      compute_capability: "8.6"
      nvlink:
        generation: 3
        links: 4
        link_gbs: 28.125
        nvswitch: false
        bridge:
          max_gpus: 2
        max_domain: 2

    # ---------------------------------------------------------------- NVIDIA Ada Lovelace
    # L4: AD104, 24 GB, 72 W low-profile, PCIe Gen4 x16, no NVLink.
    # Sources: CC https://developer.nvidia.com/cuda-gpus ; aiwiki.ai https://aiwiki.ai/wiki/nvidia_l4
    # secondary: memory, TDP, host.
    l4:
      name: NVIDIA L4
      vendor: nvidia
      architecture: ada-lovelace
      form_factor: pcie
      memory_gb: 24
      host: pcie-gen4-x16
      tdp_w: 72
      compute_capability: "8.9"
      nvlink: none

    # L40: AD102, 48 GB GDDR6, 300 W, PCIe Gen4 x16 (64 GB/s bidir), no NVLink.
    # Sources: NVIDIA L40/L40S spec table (copy) https://www.mullet.se/product.html?product_id=355414 ; CC https://developer.nvidia.com/cuda-gpus
    l40:
      name: NVIDIA L40
      vendor: nvidia
      architecture: ada-lovelace
      form_factor: pcie
      memory_gb: 48
      host: pcie-gen4-x16
      tdp_w: 300
      compute_capability: "8.9"
      nvlink: none

    # L40S: as L40 at 350 W; "NVLink is not supported".
    # Sources: NVIDIA spec table copy (as l40); itcreations.com https://www.itcreations.com/nvidia-gpu/nvidia-l40s-gpu-accelerator
    l40s:
      name: NVIDIA L40S
      vendor: nvidia
      architecture: ada-lovelace
      form_factor: pcie
      memory_gb: 48
      host: pcie-gen4-x16
      tdp_w: 350
      compute_capability: "8.9"
      nvlink: none

    # GeForce RTX 4090: AD102, 24 GB, PCIe Gen4 x16 (Ada GeForce is not Gen5), NVLink removed,
    # stock driver gives no PCIe P2P (tinygrad / aikitoria patched modules exist to enable it).
    # Sources: techgit.net (Jensen Huang on NVLink) https://techgit.net/nvidia-kills-off-nvlink-on-rtx-4090/ ;
    # meterpreter.org https://meterpreter.org/nvidia-ceo-confirms-that-ada-lovelace-architecture-does-not-support-nvlink ;
    # P2P: NVIDIA/nccl#1127, aikitoria/open-gpu-kernel-modules PR #5 https://github.com/aikitoria/open-gpu-kernel-modules/pull/5 ;
    # CC https://developer.nvidia.com/cuda-gpus. secondary: all but CC; 450 W unconfirmed by NVIDIA text.
    rtx-4090:
      name: NVIDIA GeForce RTX 4090
      vendor: nvidia
      architecture: ada-lovelace
      form_factor: pcie
      memory_gb: 24
      host: pcie-gen4-x16
      pcie_p2p: false
      tdp_w: 450
      compute_capability: "8.9"
      nvlink: none

    # RTX 6000 Ada: AD102, 48 GB GDDR6 ECC, 300 W, PCIe Gen4 x16, no NVLink; workstation driver, P2P works.
    # Sources: meterpreter.org (no NVLink on Ada) as rtx-4090; sourcecode.com compare (Gen4 x16)
    # https://store.sourcecode.com/en-us/bg-bucket-compare/125/9820 ; CC https://developer.nvidia.com/cuda-gpus
    # secondary: all but CC.
    rtx-6000-ada:
      name: NVIDIA RTX 6000 Ada Generation
      vendor: nvidia
      architecture: ada-lovelace
      form_factor: pcie
      memory_gb: 48
      host: pcie-gen4-x16
      tdp_w: 300
      compute_capability: "8.9"
      nvlink: none

    # ---------------------------------------------------------------- NVIDIA Hopper
    # H100 SXM5 80 GB: 18 NVLink 4 links = 900 GB/s; HGX H100 = 4 gen-3 NVSwitches; the NVLink
    # Switch System (SGXLS10 switches, second NVSwitch tier) joins up to 256 H100s.
    # Sources: NVIDIA blog "Upgrading ... Third-Generation NVSwitch" (256 H100) https://developer.nvidia.com/blog/upgrading-multi-gpu-interconnectivity-with-the-third-generation-nvidia-nvswitch/ ;
    # NVIDIA NVLink Switch SGXLS10 User Manual https://docs.nvidia.com/networking/display/sgxh100/introduction ;
    # NVIDIA blog "Introducing NVIDIA HGX H100" https://developer.nvidia.com/blog/introducing-nvidia-hgx-h100-an-accelerated-server-platform-for-ai-and-high-performance-computing/ ;
    # CC https://developer.nvidia.com/cuda-gpus. secondary: 700 W, PCIe Gen5 x16 (hawkvelt.id.au; matches H200 MLPerf file).
    h100-sxm5-80gb:
      name: NVIDIA H100 SXM5 80GB
      vendor: nvidia
      architecture: hopper
      form_factor: sxm
      memory_gb: 80
      host: pcie-gen5-x16
      tdp_w: 700
      compute_capability: "9.0"
      nvlink:
        generation: 4
        links: 18
        link_gbs: 50
        nvswitch: true
        bridge: none
        max_domain: 256

    # H100 PCIe 80 GB: dual-slot Gen5 card, 350 W; two cards joined by NVLink bridges at 600 GB/s.
    # Sources: NVIDIA H100 PCIe Product Brief PB-11133-001_v02 (copy) https://manuals.plus/m/d4b5dc21484df3ba8fbe84918338461cc074a3fcebcc13423eadc2b10ac3bda4 ;
    # NVIDIA text quoted at themop.ru ("two H100 PCIe cards ... 600 GB/s bidirectional") https://themop.ru/fsepy3/nvidia-h100-nvlink.html
    # derived: 12 links = 600 / 50. secondary: the 600 GB/s quote (vendor wording, third-party copy).
    h100-pcie-80gb:
      name: NVIDIA H100 PCIe 80GB
      vendor: nvidia
      architecture: hopper
      form_factor: pcie
      memory_gb: 80
      host: pcie-gen5-x16
      tdp_w: 350
      compute_capability: "9.0"
      nvlink:
        generation: 4
        links: 12
        link_gbs: 50
        nvswitch: false
        bridge:
          max_gpus: 2
        max_domain: 2

    # H100 NVL: PCIe card with 94 GB HBM3 (6 stacks, 94 GB enabled), sold as a bridged pair, 600 GB/s
    # NVLink, 350-400 W configurable (400 = max).
    # Sources: aiminingco.com https://www.aiminingco.com/gpu/h100-nvl/specs ; gpu.blog https://gpu.blog/gpus/nvidia-h100-nvl ;
    # NVIDIA's MLPerf accelerator name "H100-NVL-94GB". derived: 12 links. secondary: all but memory.
    h100-nvl-94gb:
      name: NVIDIA H100 NVL 94GB
      vendor: nvidia
      architecture: hopper
      form_factor: pcie
      memory_gb: 94
      host: pcie-gen5-x16
      tdp_w: 400
      compute_capability: "9.0"
      nvlink:
        generation: 4
        links: 12
        link_gbs: 50
        nvswitch: false
        bridge:
          max_gpus: 2
        max_domain: 2

    # H800 SXM5 80 GB (China export variant of H100): NVLink cut to 400 GB/s total.
    # Sources: philisun.com H800 vs H100 https://www.philisun.com/technical-analysis/nvidia-h800-vs-h100-a-technical-deep-dive-into-politically-defined-ai-chips/ ;
    # NVIDIA AI Enterprise vGPU docs list an "HGX H800 8-GPU baseboard" with NVSwitch https://docs.nvidia.com/ai-enterprise/release-8/8.0/infra-software/vgpu/features/nvswitch.html
    # secondary: 400 GB/s. derived: 8 links = 400 / 50 (unconfirmed: NVIDIA never published the link count).
    # unconfirmed: 700 W, PCIe Gen5 x16 (as H100 SXM5).
    h800-sxm5-80gb:
      name: NVIDIA H800 SXM5 80GB
      vendor: nvidia
      architecture: hopper
      form_factor: sxm
      memory_gb: 80
      host: pcie-gen5-x16
      tdp_w: 700
      compute_capability: "9.0"
      nvlink:
        generation: 4
        links: 8
        link_gbs: 50
        nvswitch: true
        bridge: none
        max_domain: 8

    # H200 SXM 141 GB: "18x 4th Gen NVLink, 900GB/s", "PCIe Gen5 x16", "H200 TGP 700W" (NVIDIA's own
    # MLPerf system file). NVIDIA's H200 page speaks of NVLink Switch System clusters of up to 256.
    # Sources: MLCommons inference v4.1, NVIDIA H200-SXM-141GBx8 https://raw.githubusercontent.com/mlcommons/inference_results_v4.1/main/closed/NVIDIA/systems/H200-SXM-141GBx8_TRT_MaxQ.json ;
    # NVIDIA H200 page text (copy) http://banglanewzz.com/index-318.html ; CC https://developer.nvidia.com/cuda-gpus
    # max_domain 8: every shipped H200 SXM product is an 8-GPU HGX / DGX H200 board; the 256-GPU NVLink
    # Switch System NVIDIA's H200 page speaks of is DGX GH200, a Grace Hopper system (gh200-*), not H200 SXM
    # (correction of 2026-11-27 in the project's gpu-facts notes, checked against NVIDIA's DGX H200 pages).
    h200-sxm-141gb:
      name: NVIDIA H200 SXM 141GB
      vendor: nvidia
      architecture: hopper
      form_factor: sxm
      memory_gb: 141
      host: pcie-gen5-x16
      tdp_w: 700
      compute_capability: "9.0"
      nvlink:
        generation: 4
        links: 18
        link_gbs: 50
        nvswitch: true
        bridge: none
        max_domain: 8

    # H200 NVL: PCIe card, 141 GB, up to 600 W; 2-way or 4-way NVLink bridge, 900 GB/s per GPU.
    # Sources: Network World via gixtools.net https://gixtools.net/2024/11/nvidia-hpc-ai-chip-is-actually-six-chips ;
    # uvation.com (4-way NVLink domain) https://uvation.com/articles/nvidia-h200-and-nvlink-bridges-unlocking-next-gen-gpu-scaling-for-ai-and-hpc ;
    # saulelectric.com (600 W PCIe version) https://www.saulelectric.com/nvidia-h200.html
    # secondary: all values. derived: 18 links = 900 / 50.
    h200-nvl-141gb:
      name: NVIDIA H200 NVL 141GB
      vendor: nvidia
      architecture: hopper
      form_factor: pcie
      memory_gb: 141
      host: pcie-gen5-x16
      tdp_w: 600
      compute_capability: "9.0"
      nvlink:
        generation: 4
        links: 18
        link_gbs: 50
        nvswitch: false
        bridge:
          max_gpus: 4
        max_domain: 4

    # H20 (China export Hopper): 96 GB HBM3, 900 GB/s NVLink, HGX H20 8-GPU boards. tdp_w 500: the power
    # cap real H20 devices report (nvidia-smi "Max Power Limit 500 W"); the 400 W of early press
    # reports is not what ships (correction of 2026-11-27 in the project's gpu-facts notes).
    # Sources: TweakTown H20 https://www.tweaktown.com/news/95224/ (mirrored by smbom.com, willitrunai.com)
    # secondary: all values. derived: 18 links. unconfirmed: PCIe Gen5 x16 (as H100).
    h20-sxm-96gb:
      name: NVIDIA H20 96GB
      vendor: nvidia
      architecture: hopper
      form_factor: sxm
      memory_gb: 96
      host: pcie-gen5-x16
      tdp_w: 500
      compute_capability: "9.0"
      nvlink:
        generation: 4
        links: 18
        link_gbs: 50
        nvswitch: true
        bridge: none
        max_domain: 8

    # GH200 Grace Hopper (96 GB HBM3 GPU): GPU reaches Grace over NVLink-C2C (900 GB/s), not PCIe;
    # 18 NVLink 4 links to the NVLink Switch System; DGX GH200 = 256 superchips in one NVLink domain.
    # Sources: NVIDIA Hopper architecture page (DGX GH200, 256 GPUs) https://nvidia.com/de-de/technologies/hopper-architecture ;
    # nishikiout.net (96 GB HBM3) https://nishikiout.net/entry/2023/08/09/143040 ; spheron.network GH200 guide (NVLink-C2C 900 GB/s) https://spheron.network/blog/nvidia-gh200-guide ;
    # CC https://developer.nvidia.com/cuda-gpus. derived/secondary: 18 links (as H100).
    # unconfirmed: tdp_w 1000 = whole-module programmable maximum (450-1000 W, CPU + GPU + memory).
    gh200-96gb:
      name: NVIDIA GH200 Grace Hopper Superchip 96GB
      vendor: nvidia
      architecture: hopper
      form_factor: superchip
      memory_gb: 96
      host: nvlink-c2c
      tdp_w: 1000
      compute_capability: "9.0"
      nvlink:
        generation: 4
        links: 18
        link_gbs: 50
        nvswitch: true
        bridge: none
        max_domain: 256

    # GH200 with 144 GB HBM3e (2024 refresh). Sources: as gh200-96gb; AnandTech SC23 (HBM3e GH200)
    # http://m.anandtech.com/Show/Index/21136 ; MLPerf accelerator name "GH200 Grace Hopper Superchip 144GB".
    # secondary: 144 GB (early announcements said 141 GB). unconfirmed: tdp_w as gh200-96gb.
    gh200-144gb:
      name: NVIDIA GH200 Grace Hopper Superchip 144GB
      vendor: nvidia
      architecture: hopper
      form_factor: superchip
      memory_gb: 144
      host: nvlink-c2c
      tdp_w: 1000
      compute_capability: "9.0"
      nvlink:
        generation: 4
        links: 18
        link_gbs: 50
        nvswitch: true
        bridge: none
        max_domain: 256

    # ---------------------------------------------------------------- NVIDIA Blackwell
    # B200 (HGX / DGX B200): NVLink 5, 18 links x 100 GB/s = 1.8 TB/s, 2 NVLink-5 switch chips per
    # 8-GPU board. memory_gb 180 = enabled HBM3e per GPU (DGX B200: 1,440 GB / 8; NVIDIA's MLPerf
    # name "B200-SXM-180GB"); the launch-time 192 GB is the physical 8-stack capacity, not usable.
    # max_domain 8: every B200 product (HGX B200, DGX B200) is an 8-GPU board; larger Blackwell
    # NVLink domains use the GB200 superchip, which is its own SKU below.
    # Sources: NVIDIA DGX B200 User Guide https://docs.nvidia.com/dgx/dgxb200-user-guide/introduction-to-dgxb200.html ;
    # NVIDIA NVLink page (Blackwell: 18 x 100 GB/s) https://www.nvidia.com/en-au/data-center/nvlink/ ;
    # MLCommons inference v6.0 Nebius B200 ("PCIe Gen5 x16", "B200 TGP 1000W") https://raw.githubusercontent.com/mlcommons/inference_results_v6.0/main/closed/Nebius/systems/nebius_b200_n1.json ;
    # CC https://developer.nvidia.com/cuda-gpus. secondary: PCIe Gen5 x16 and 1000 W (submitter-written
    # MLPerf file; Vultr docs also give 1000 W); one secondary source claims Gen6 on the GPU side - not used.
    b200-sxm-180gb:
      name: NVIDIA B200 SXM 180GB
      vendor: nvidia
      architecture: blackwell
      form_factor: sxm
      memory_gb: 180
      host: pcie-gen5-x16
      tdp_w: 1000
      compute_capability: "10.0"
      nvlink:
        generation: 5
        links: 18
        link_gbs: 100
        nvswitch: true
        bridge: none
        max_domain: 8

    # GB200 (one Blackwell GPU of a GB200 superchip = 1 Grace + 2 GPUs). GPU-to-Grace is NVLink-C2C.
    # memory_gb 186 = enabled HBM3e per GPU (NVL72 "13.4 TB" / 72; MLPerf "GB200-186GB"), not the
    # marketed 192. max_domain 72, not 576: NVL72 (or NVL36x2, still 72 GPUs) is the largest NVLink
    # domain of any shipping GB200 product; the 576-GPU figure is NVLink 5's architectural limit
    # (NVIDIA NVLink page, Mission Control docs) with no product behind it, and NVIDIA's NCCL team
    # stated (NVIDIA/nccl#1286) that no released product uses multi-level NVSwitch, which >72 needs.
    # Sources: MLCommons inference v6.1 Crusoe GB200-NVL72 (186 GB, NVLink-C2C) https://raw.githubusercontent.com/mlcommons/inference_results_v6.1/main/closed/Crusoe/systems/GB200-NVL72_GB200-186GB_aarch64x16_Dynamo.json ;
    # NVIDIA NVLink page https://www.nvidia.com/en-au/data-center/nvlink/ ;
    # NVIDIA Mission Control NVLink chapter https://docs.nvidia.com/base-command-manager/product-manuals/nvidia-mission-control/nvlinkinfo ;
    # NVIDIA/nccl#1286 https://github.com/NVIDIA/nccl/issues/1286 ; CC https://developer.nvidia.com/cuda-gpus
    # secondary: 1200 W per GPU (glennklockwood.com https://glennklockwood.com/garden/processors/B200).
    gb200:
      name: NVIDIA GB200 (Blackwell GPU of a GB200 superchip)
      vendor: nvidia
      architecture: blackwell
      form_factor: superchip
      memory_gb: 186
      host: nvlink-c2c
      tdp_w: 1200
      compute_capability: "10.0"
      nvlink:
        generation: 5
        links: 18
        link_gbs: 100
        nvswitch: true
        bridge: none
        max_domain: 72

    # GB200 NVL4: one board of 2 Grace CPUs and 4 Blackwell GPUs whose NVLink joins the 4 GPUs directly
    # (no NVSwitch): the NVLink domain is the board (max_domain 4); wire it `nvlink: {mesh: all}` (18
    # links over 3 peers = 6 per pair). nvidia-smi prints "NVIDIA GB200" as for the NVL72 part.
    # Sources: Network World via gixtools.net (GB200 NVL4: 2 Grace + 4 Blackwell on one board, NVLink)
    # https://gixtools.net/2024/11/nvidia-hpc-ai-chip-is-actually-six-chips ; glennklockwood.com B200 notes
    # (NVL4) https://glennklockwood.com/garden/processors/B200. secondary: all values; memory and TDP as gb200.
    gb200-nvl4:
      name: NVIDIA GB200 (GB200 NVL4 board)
      vendor: nvidia
      architecture: blackwell
      form_factor: superchip
      memory_gb: 186
      host: nvlink-c2c
      tdp_w: 1200
      compute_capability: "10.0"
      nvlink:
        generation: 5
        links: 18
        link_gbs: 100
        nvswitch: false
        bridge: none
        max_domain: 4

    # B300 (HGX / DGX B300, Blackwell Ultra): NVLink 5 as B200. memory_gb 270 = enabled HBM3e per GPU
    # (NVIDIA's own MLPerf system id "B300-SXM-270GB"); 288 GB is the marketed physical capacity
    # (8 x 12-high stacks) that the SKU id keeps. HGX B300 ("NVL16" counts dies) = 8 GPUs.
    # Sources: NVIDIA MLPerf inference v6.0 system ids (closed/NVIDIA, "B300-SXM-270GBx8") https://github.com/mlcommons/inference_results_v6.0/tree/main/closed/NVIDIA ;
    # MLCommons training v6.0 Quanta summary ("B300-SXM-270GB") https://raw.githubusercontent.com/mlcommons/training_results_v6.0/main/Quanta_Cloud_Technology/summary.json ;
    # NVIDIA NIM release notes (B300 "288GB HBM3e", SKU "NVIDIA-B300-SXM6-AC") https://docs.nvidia.com/nim/bionemo/boltz2/release-notes/2026/5/18 ;
    # CC https://developer.nvidia.com/cuda-gpus
    # secondary: 1100 W (verda.com https://verda.com/blog/gb300-nvl72-architecture), PCIe Gen6 x16 host
    # link through the on-board ConnectX-8 PCIe Gen6 switch (glennklockwood.com B300 notes https://glennklockwood.com/garden/processors/B300).
    b300-sxm-288gb:
      name: NVIDIA B300 SXM (Blackwell Ultra)
      vendor: nvidia
      architecture: blackwell-ultra
      form_factor: sxm
      memory_gb: 270
      host: pcie-gen6-x16
      tdp_w: 1100
      compute_capability: "10.3"
      nvlink:
        generation: 5
        links: 18
        link_gbs: 100
        nvswitch: true
        bridge: none
        max_domain: 8

    # GB300 (one Blackwell Ultra GPU of a GB300 superchip, GB300 NVL72). memory_gb 288: the HBM3e per
    # Blackwell Ultra GPU NVIDIA states (NVIDIA NIM release notes, B300 / GB300 "288GB HBM3e memory per
    # GPU" https://docs.nvidia.com/nim/bionemo/boltz2/release-notes/2026/5/18); the 279 GB of an earlier
    # entry rested on one secondary page. max_domain 72 for the reasons given under gb200.
    # The DGX Station GB300 prints the same name but is one GPU on a desktop board: `gb300-dgx-station`.
    # Sources: NVIDIA GB300 NVL72 Enterprise RA (9 NVSwitch trays, 72 GPUs) https://docs.nvidia.com/enterprise-reference-architectures/nvl72-ai-factory/latest/components.html ;
    # verda.com https://verda.com/blog/gb300-nvl72-architecture ; glennklockwood.com B300 notes (1400 W, 20 TB per rack) https://glennklockwood.com/garden/processors/B300 ;
    # CC https://developer.nvidia.com/cuda-gpus. secondary: 279 GB, 1400 W.
    gb300:
      name: NVIDIA GB300 (Blackwell Ultra GPU of a GB300 superchip)
      vendor: nvidia
      architecture: blackwell-ultra
      form_factor: superchip
      memory_gb: 288
      host: nvlink-c2c
      tdp_w: 1400
      compute_capability: "10.3"
      nvlink:
        generation: 5
        links: 18
        link_gbs: 100
        nvswitch: true
        bridge: none
        max_domain: 72

    # GeForce RTX 5090: GB202, 32 GB GDDR7, 575 W, PCIe Gen5 x16, no NVLink; stock driver: no PCIe P2P.
    # Sources: hardware-corner.net https://hardware-corner.net/rtx-5090-vs-rtx-pro-6000-spec-comparison-20250321 ;
    # P2P: tinygrad/open-gpu-kernel-modules#29 https://github.com/tinygrad/open-gpu-kernel-modules/issues/29 ,
    # NVIDIA/nccl#1637 https://github.com/NVIDIA/nccl/issues/1637 ; CC https://developer.nvidia.com/cuda-gpus
    # secondary: all but CC.
    rtx-5090:
      name: NVIDIA GeForce RTX 5090
      vendor: nvidia
      architecture: blackwell
      form_factor: pcie
      memory_gb: 32
      host: pcie-gen5-x16
      pcie_p2p: false
      tdp_w: 575
      compute_capability: "12.0"
      nvlink: none

    # RTX PRO 6000 Blackwell (Workstation Edition; Server Edition has the same 600 W maximum, Max-Q
    # 300 W): GB202, 96 GB GDDR7 ECC, PCIe Gen5 x16, no NVLink connector.
    # Sources: gpu.name / VideoCardz https://gpu.name/posts/nvidia-unveils-rtx-pro-6000-blackwell-gpu-with-24-064-cores-and-96gb-memory ;
    # hardware-corner.net (as rtx-5090); CC https://developer.nvidia.com/cuda-gpus
    # secondary: all but CC. unconfirmed: absence of NVLink (no source mentions any).
    rtx-pro-6000-blackwell:
      name: NVIDIA RTX PRO 6000 Blackwell
      vendor: nvidia
      architecture: blackwell
      form_factor: pcie
      memory_gb: 96
      host: pcie-gen5-x16
      tdp_w: 600
      compute_capability: "12.0"
      nvlink: none

    # RTX PRO 6000 Blackwell Max-Q Workstation Edition (PCI id 0x2bb4): the same GB202 with 96 GB GDDR7
    # and PCIe Gen5 x16 as rtx-pro-6000-blackwell, capped at 300 W, no NVLink.
    # Sources: Source Code product comparison ("RTX PRO 6000 Blackwell Max-Q Workstation Edition - 96GB
    # GDDR7 ECC - PCIe 5.0 x16") https://store.sourcecode.com/en-us/bg-bucket-compare/125/9820 ;
    # PCI id: NVIDIA's open-gpu-kernel-modules README supported-device table (0x2BB4 "NVIDIA RTX PRO 6000
    # Blackwell Max-Q Workstation Edition"). secondary: 300 W.
    rtx-pro-6000-blackwell-max-q:
      name: NVIDIA RTX PRO 6000 Blackwell Max-Q
      vendor: nvidia
      architecture: blackwell
      form_factor: pcie
      memory_gb: 96
      host: pcie-gen5-x16
      tdp_w: 300
      compute_capability: "12.0"
      nvlink: none

    # L20: AD102 Ada data-center card for China, 48 GB GDDR6, 275 W, PCIe Gen4 x16, no NVLink (like L40).
    # secondary: all values (technical.city https://technical.city/pl/video/L20 ; topcpu.net
    # https://www.topcpu.net/en/gpu-c/a40-pcie-vs-l20). CC 8.9 as every AD102 part.
    l20:
      name: NVIDIA L20
      vendor: nvidia
      architecture: ada-lovelace
      form_factor: pcie
      memory_gb: 48
      host: pcie-gen4-x16
      tdp_w: 275
      compute_capability: "8.9"
      nvlink: none

    # ---------------------------------------------------------------- AMD CDNA 2 / 4
    # Instinct MI250X: one OAM package with 2 GCDs, which the OS sees as 2 GPUs of 64 GB HBM2e each
    # (this entry is one GCD). Each GCD drives 8 Infinity Fabric links of 16 lanes at 25 GT/s = 50 GB/s
    # per direction (100 both ways); one may be a PCIe Gen4 x16 link to the host. max_domain 8: the 8
    # GCDs of a 4-package node (Frontier), which are not all directly linked (xGMI-3 mesh).
    # Sources: AMD ROCm docs, MI250 microarchitecture https://rocm.docs.amd.com/en/latest/conceptual/gpu-arch/mi250.html ;
    # OLCF Frontier user guide (4 x MI250X = 8 GCDs) https://docs.olcf.ornl.gov/systems/frontier_user_guide.html
    # secondary: 560 W per package (zexron.com MI250(X) launch).
    mi250x:
      name: AMD Instinct MI250X (one GCD)
      vendor: amd
      architecture: cdna2
      form_factor: oam
      memory_gb: 64
      host: pcie-gen4-x16
      tdp_w: 560
      infinity_fabric:
        generation: 3
        links: 8
        link_gbs: 100
        nvswitch: false
        bridge: none
        max_domain: 8

    # Instinct MI355X / MI350X (CDNA 4, gfx950): 288 GB HBM3E, PCIe Gen5 x16, 8-GPU xGMI mesh as
    # MI300X (8 links, 7 to the peers); MI355X is the 1,400 W liquid-cooled part, MI350X 1,000 W air-cooled.
    # Sources: AMD ROCm GPU specifications (MI355X / MI350X: CDNA4, 288 GiB) https://rocm.docs.amd.com/en/latest/reference/gpu-specs.html ;
    # MLCommons inference v6.0 AMD MI355X system ("AMD Instinct MI355X 288GB HBM3e", "PCIe Gen 5 x16", XGMI)
    # https://raw.githubusercontent.com/mlcommons/inference_results_v6.0/main/closed/AMD/results/87xMI355X_22xEPYC_9575F/summary.html
    # unconfirmed: link_gbs 153.6 (AMD's 1,075 GB/s Infinity Fabric figure / 7), TDPs.
    mi355x:
      name: AMD Instinct MI355X
      vendor: amd
      architecture: cdna4
      form_factor: oam
      memory_gb: 288
      host: pcie-gen5-x16
      tdp_w: 1400
      infinity_fabric:
        generation: 4
        links: 8
        link_gbs: 153.6
        nvswitch: false
        bridge: none
        max_domain: 8

    mi350x:
      name: AMD Instinct MI350X
      vendor: amd
      architecture: cdna4
      form_factor: oam
      memory_gb: 288
      host: pcie-gen5-x16
      tdp_w: 1000
      infinity_fabric:
        generation: 4
        links: 8
        link_gbs: 153.6
        nvswitch: false
        bridge: none
        max_domain: 8

    # ---------------------------------------------------------------- AMD CDNA 3
    # Instinct MI300X: OAM, 192 GB HBM3, 750 W, PCIe Gen5 x16; 8-GPU platform is a fully connected
    # Infinity Fabric (xGMI) mesh. links 8: AMD counts 8 xGMI links of 128 GB/s per MI300X (1,024 GB/s
    # aggregate); on the 8-GPU platform 7 of them join the GPU to its 7 peers, one each (896 GB/s
    # GPU-to-GPU), which `mesh: all` reproduces (8 links / 7 peers = 1 per pair).
    # Sources: MLCommons inference v4.1, AMD 8xMI300X ("MI300X-NPS1-SPX-192GB-750W", "PCIe Gen5 x16", XGMI)
    # https://raw.githubusercontent.com/mlcommons/inference_results_v4.1/main/closed/AMD/systems/8xMI300X_2xEPYC-9374F.json ;
    # gpu.blog (896 GB/s, fully connected 8-GPU) https://gpu.blog/gpus/instinct-mi300x-mi300x
    # secondary: 7 links x 128 GB/s. unconfirmed: Infinity Fabric generation 4 (AMD markets "4th Gen
    # Infinity Fabric" for MI300; gpu.blog says "xGMI Gen 3").
    mi300x:
      name: AMD Instinct MI300X
      vendor: amd
      architecture: cdna3
      form_factor: oam
      memory_gb: 192
      host: pcie-gen5-x16
      tdp_w: 750
      infinity_fabric:
        generation: 4
        links: 8
        link_gbs: 128
        nvswitch: false
        bridge: none
        max_domain: 8

    # Instinct MI325X: MI300X silicon with 256 GB HBM3E, 1000 W, PCIe Gen5 x16; 8 xGMI links as MI300X,
    # 7 of them used in the 8-GPU mesh.
    # Sources: wiaix.com (AMD product text: "Seven Infinity Fabric links", PCIe Gen5 x16) https://wiaix.com/amd-instincttm-mi325x-accelerators ;
    # aiwiki.ai https://aiwiki.ai/wiki/amd_instinct_mi325x ; yobitel.com (~1000 W) https://yobitel.com/knowledge-base/amd-mi325x
    # secondary: all values; link_gbs and generation as mi300x.
    mi325x:
      name: AMD Instinct MI325X
      vendor: amd
      architecture: cdna3
      form_factor: oam
      memory_gb: 256
      host: pcie-gen5-x16
      tdp_w: 1000
      infinity_fabric:
        generation: 4
        links: 8
        link_gbs: 128
        nvswitch: false
        bridge: none
        max_domain: 8

  nvswitches:
    # NVSwitch gen 1 (DGX-2 / HGX-2): 18 NVLink 2 ports x 50 GB/s = 900 GB/s; 6 per baseboard, 12 in DGX-2.
    # Sources: WikiChip https://en.wikichip.org/wiki/nvidia/nvswitch ; GamersNexus (GTC 2018, "18 ports ... 50GB")
    # https://www.gamersnexus.net/news-pc/3270-nvidia-tesla-v100-accelerator-32gb-hbm2 . secondary: no NVIDIA text seen.
    nvswitch-gen1:
      name: NVSwitch (1st generation)
      nvlink_generation: 2
      ports: 18
      port_gbs: 50

    # NVSwitch gen 2 (HGX / DGX A100): NVLink 3 at 50 GB/s per port; 6 per HGX A100 8-GPU board,
    # each A100 sends 2 links to each switch (16 ports used; more for the 16-GPU back-to-back board).
    # Sources: NVIDIA "Introducing NVIDIA HGX A100" https://developer.nvidia.com/blog/introducing-hgx-a100-most-powerful-accelerated-server-platform-for-ai-hpc/ ;
    # unconfirmed: 36 ports per chip (third-party tables, e.g. alpha-one-index; no NVIDIA text found).
    nvswitch-gen2:
      name: NVSwitch (2nd generation)
      nvlink_generation: 3
      ports: 36
      port_gbs: 50

    # NVSwitch gen 3 (HGX / DGX H100, H200): "each NVSwitch has 64 NVLink ports", NVLink 4 at 50 GB/s;
    # 4 per HGX H100 8-GPU board; the 1U NVLink Switch holds 2 chips = 128 ports.
    # Sources: NVIDIA NVLink page (H100 era, copy) http://revitdc.org/index-368.html ;
    # NVIDIA SGXLS10 User Manual https://docs.nvidia.com/networking/display/sgxh100/introduction
    nvswitch-gen3:
      name: NVSwitch (3rd generation)
      nvlink_generation: 4
      ports: 64
      port_gbs: 50

    # NVSwitch gen 4 / "5th-generation NVLink switch" (HGX/DGX B200, GB200/GB300 NVL72): NVLink 5 at
    # 100 GB/s per port. NVIDIA: an NVLink Switch tray (2 chips) has 144 ports, 14.4 TB/s; DGX B200
    # has 2 chips, 14.4 TB/s. derived: 72 ports per chip (144 / 2; also 8 GPUs x 18 links / 2 chips
    # and 72 GPUs x 18 links / 18 chips). Third-party "64 ports / 6.4 TB/s" tables contradict NVIDIA.
    # Sources: NVIDIA NVLink page https://www.nvidia.com/en-au/data-center/nvlink/ ;
    # NVIDIA DGX B200 User Guide https://docs.nvidia.com/dgx/dgxb200-user-guide/introduction-to-dgxb200.html
    nvswitch-gen4:
      name: NVSwitch (4th generation, NVLink 5)
      nvlink_generation: 5
      ports: 72
      port_gbs: 100

  nics:
    # ConnectX-5 (VPI): EDR InfiniBand / 100GbE; base ConnectX-5 is PCIe Gen3 x16 (ConnectX-5 Ex: Gen4 x16).
    # Sources: NVIDIA ConnectX-5 EN OCP2 manual, Interfaces https://docs.nvidia.com/networking/display/ConnectX5ENOCP2/Interfaces ;
    # NVIDIA ConnectX-5 IB/Eth manual https://docs.nvidia.com/networking/display/connectx5ib/interfaces ;
    # NVIDIA Linux kernel upstream release notes v5.18 (uplink speeds) https://docs.nvidia.com/networking/display/Kernelupstreamv518
    connectx-5:
      name: NVIDIA ConnectX-5
      vendor: nvidia
      max_gbps: 100
      host: pcie-gen3-x16
      fabrics:
        - infiniband
        - roce
        - ethernet

    # ConnectX-6 (VPI): HDR 200 Gb/s InfiniBand / 200GbE.
    # Sources: NVIDIA kernel upstream release notes v5.18 (speeds) https://docs.nvidia.com/networking/display/Kernelupstreamv518
    # unconfirmed: PCIe Gen4 x16 (cards are Gen3/Gen4 x16 capable; 200 Gb/s needs Gen4 x16 or Socket Direct).
    connectx-6:
      name: NVIDIA ConnectX-6
      vendor: nvidia
      max_gbps: 200
      host: pcie-gen4-x16
      fabrics:
        - infiniband
        - roce
        - ethernet

    # ConnectX-6 Dx: Ethernet only (10-200GbE), RoCE.
    # Sources: NVIDIA kernel upstream release notes v5.18 https://docs.nvidia.com/networking/display/Kernelupstreamv518
    # unconfirmed: PCIe Gen4 x16.
    connectx-6-dx:
      name: NVIDIA ConnectX-6 Dx
      vendor: nvidia
      max_gbps: 200
      host: pcie-gen4-x16
      fabrics:
        - roce
        - ethernet

    # ConnectX-6 Lx: Ethernet only (10/25/50GbE), RoCE; PCIe Gen4 x8.
    # Sources: NVIDIA kernel upstream release notes v5.18 (ConnectX-6 Lx speeds) https://docs.nvidia.com/networking/display/Kernelupstreamv518
    # unconfirmed: PCIe Gen4 x8 (the common card; some are Gen3 x16).
    connectx-6-lx:
      name: NVIDIA ConnectX-6 Lx
      vendor: nvidia
      max_gbps: 50
      host: pcie-gen4-x8
      fabrics:
        - roce
        - ethernet

    # ConnectX-7 (VPI): NDR 400 Gb/s InfiniBand / 400GbE, PCIe Gen 5.0 x16 edge.
    # Sources: NVIDIA ConnectX-7 OCP 3.0 manual, Supported Interfaces https://docs.nvidia.com/networking/display/connectx7vpiocp3/supported+interfaces ;
    # NVIDIA MLNX_OFED 5.7 release notes (speeds) https://docs.nvidia.com/networking/display/MLNXOFEDv571020/Release+Notes
    connectx-7:
      name: NVIDIA ConnectX-7
      vendor: nvidia
      max_gbps: 400
      host: pcie-gen5-x16
      fabrics:
        - infiniband
        - roce
        - ethernet

    # ConnectX-8 SuperNIC: XDR 800 Gb/s InfiniBand (Ethernet: 2 x 400GbE, no single 800GbE port);
    # PCIe Gen6 (48 lanes with an integrated PCIe switch; x16 to the host), or 2 x Gen5 x16 Socket Direct.
    # Sources: NVIDIA ConnectX-8 firmware release notes https://docs.nvidia.com/networking/display/connectx8firmwarev40441036/changes+and+new+feature+history ;
    # NVIDIA DOCA 2.9.0 CX8 notes https://docs.nvidia.com/doca/archive/2-9-0-cx8/Changes+and+New+Features ;
    # secondary: PCIe Gen6 lanes (NVIDIA blog quoted at https://testing.plurk.com/s/p/3hx2v1a233).
    connectx-8:
      name: NVIDIA ConnectX-8 SuperNIC
      vendor: nvidia
      max_gbps: 800
      ethernet_max_gbps: 400
      host: pcie-gen6-x16
      fabrics:
        - infiniband
        - roce
        - ethernet

    # BlueField-2 DPU: InfiniBand up to HDR 200 Gb/s, Ethernet up to 100GbE (per NVIDIA driver notes).
    # Sources: NVIDIA kernel upstream release notes v5.18 https://docs.nvidia.com/networking/display/Kernelupstreamv518
    # unconfirmed: PCIe Gen4 x16.
    bluefield-2:
      name: NVIDIA BlueField-2 DPU
      vendor: nvidia
      max_gbps: 200
      host: pcie-gen4-x16
      fabrics:
        - infiniband
        - roce
        - ethernet

    # BlueField-3 DPU / SuperNIC: up to 400GbE / NDR; P-series and B3140L are PCIe Gen5 x16 (the
    # B3210L E-series is Gen4 x16 - define a custom NIC for it).
    # Sources: NVIDIA BlueField BSP 4.2.2 Supported Platforms https://docs.nvidia.com/networking/display/BlueFieldDPUBSPv422/Supported+Platforms+and+Interoperability ;
    # NVIDIA BlueField-3 firmware notes https://docs.nvidia.com/networking/display/bluefield3firmwarev32398002lts/firmware+compatible+products
    bluefield-3:
      name: NVIDIA BlueField-3
      vendor: nvidia
      max_gbps: 400
      host: pcie-gen5-x16
      fabrics:
        - infiniband
        - roce
        - ethernet

    # AWS Elastic Fabric Adapter as the guest sees one EFA device, by instance generation: `efa` is
    # 100 Gb/s per device (p4d.24xlarge: 4 x 100; p5.48xlarge / p5e: 32 x 100 = 3200 Gb/s); `efa-200g`
    # the p5en.48xlarge device (16 x 200 = 3200 Gb/s); `efa-400g` the p6-b200.48xlarge / p6e device
    # (8 x 400 = 3200 Gb/s). Per-instance network cards and bandwidth: AWS EC2 accelerated computing
    # instance specifications https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html
    # Sources: AWS EC2 User Guide, EFA on multi-network-card instances https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-acc-inst-types.html
    # unconfirmed: the 100 Gb/s per-device figure (general AWS instance documentation, not seen in
    # this session), and host pcie-gen4-x16, a placeholder (AWS publishes no PCIe link for EFA).
    efa:
      name: AWS Elastic Fabric Adapter
      vendor: aws
      max_gbps: 100
      host: pcie-gen4-x16
      fabrics:
        - efa

    # EFA device of p5en.48xlarge: 16 network cards of 200 Gb/s (3200 Gb/s per instance).
    # Sources: as `efa`. unconfirmed: host (AWS publishes no PCIe link for EFA).
    efa-200g:
      name: AWS Elastic Fabric Adapter (200 Gb/s, p5en)
      vendor: aws
      max_gbps: 200
      host: pcie-gen5-x16
      fabrics:
        - efa

    # EFA device of p6-b200.48xlarge and p6e-gb200: 8 network cards of 400 Gb/s (3200 Gb/s per instance).
    # Sources: as `efa`. unconfirmed: host (AWS publishes no PCIe link for EFA).
    efa-400g:
      name: AWS Elastic Fabric Adapter (400 Gb/s, p6)
      vendor: aws
      max_gbps: 400
      host: pcie-gen5-x16
      fabrics:
        - efa

    # Intel E810 (E810-CQDA2): 100 Gb/s total across the adapter, PCIe 4.0 x16; RDMA via RoCEv2 (and iWARP).
    # Sources: Intel KB 000093702 ("Total throughput of the adapter is 100GbE") https://www.intel.com/content/www/us/en/support/articles/000093702.html ;
    # Intel irdma driver page (RoCEv2 and iWARP) https://www.intel.com/content/www/us/en/download/19632/29875/linux-rdma-driver-for-the-e810-and-x722-intel-ethernet-controllers.html
    # unconfirmed: PCIe 4.0 x16 (Intel product brief not seen in this session).
    intel-e810:
      name: Intel Ethernet E810 (100GbE)
      vendor: intel
      max_gbps: 100
      host: pcie-gen4-x16
      fabrics:
        - roce
        - ethernet

    # Broadcom Thor 2 (BCM57608) 400GbE RoCE NIC.
    # unconfirmed: all values (400GbE, PCIe Gen5 x16) - only sources on the successor Thor Ultra
    # (800G, PCIe Gen6 x16, e.g. https://industrialpcworld.com/how-broadcoms-thor-ultra-800g-ethernet-nic-redefin-20251019) were found.
    broadcom-thor2:
      name: Broadcom Thor 2 (BCM57608)
      vendor: broadcom
      max_gbps: 400
      host: pcie-gen5-x16
      fabrics:
        - roce
        - ethernet

  pcie:
    # lane_gbs = GT/s x encoding efficiency / 8 bits, per lane, per direction.
    # Gen1/2: 8b/10b. Gen3-5: 128b/130b. Gen6: PAM4 + 256-byte FLIT with 242 bytes of TLP + DLLP
    # payload (236 TLP + 6 DLP; the rest FEC/CRC), 64 x 242/256 / 8 = 7.5625; counting only TLP
    # bytes would give 7.375. 7.563 is chosen because it is the figure the PCIe tables use (like the
    # Gen3-5 numbers, it charges only the line code/FLIT framing, not TLP headers).
    # Sources: hpc-notes PCIe reference (Wikipedia-derived) https://hpc-notes.pages.dev/reference/pcie ;
    # geratools PCIe generation reference (Gen6 PAM4 + FLIT) https://geratools.com/pcie-generation-reference ;
    # NVIDIA datasheets' bidirectional x16 figures (Gen4 "64 GB/s", Gen5 "128 GB/s") cross-check Gen4/Gen5.
    gen1:
      transfer_gts: 2.5
      lane_gbs: 0.25
    gen2:
      transfer_gts: 5
      lane_gbs: 0.5
    gen3:
      transfer_gts: 8
      lane_gbs: 0.985
    gen4:
      transfer_gts: 16
      lane_gbs: 1.969
    gen5:
      transfer_gts: 32
      lane_gbs: 3.938
    gen6:
      transfer_gts: 64
      lane_gbs: 7.563
"""#
