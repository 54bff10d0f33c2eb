#!/usr/bin/env bash
# Job llama3-8b-h100 of cluster lab-mixed: 16 ranks on 4 nodes, placed by topospec from mixed-cluster-failed-gpu.yaml.
# Rank contract: rank numbers are Megatron-LM's default order tp-cp-ep-dp-pp (TP fastest, PP slowest); topospec moved the ranks onto GPUs instead of renumbering them. Keep that order in the framework (Megatron-core order="tp-cp-ep-dp-pp"; a torch DeviceMesh of shape (pp, dp, cp, tp), see ranks.json); do not also apply the dimension order `topospec place` printed: that would undo the placement.
# Source on every node before launching: . env.sh (the node is TOPOSPEC_NODE, else hostname -s).
TOPOSPEC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "${TOPOSPEC_NODE:-$(hostname -s)}" in
  h100-01)
    export CUDA_DEVICE_ORDER=PCI_BUS_ID
    export CUDA_VISIBLE_DEVICES=0,1,2,3
    # NCCL_IB_HCA: the compute NICs nearest to this node's GPUs; "=" = exact names (NCCL prefix-matches: mlx5_1 would also select mlx5_10)
    export NCCL_IB_HCA==mlx5_0:1,mlx5_1:1,mlx5_2:1,mlx5_3:1
    # NCCL_NET_GDR_LEVEL not set: NCCL's default (graph/paths.cc ncclTopoCheckGdr: PXB, or P2C on Grace) uses GPUDirect RDMA where GPU and NIC share a PCIe switch
    # NCCL_NVLS_ENABLE not set: NCCL's default (2, transport/nvls.cc) uses NVLink SHARP where the driver reports multicast support
    # NCCL_TOPO_FILE not set: its file would invent GPU bus ids (`bus_ids`); bus ids of NICs cx0, cx1, cx2, cx3, cx4, cx5, cx6, cx7 (`bus_id`); bus ids of PCIe switches pex0, pex1, pex2, pex3, pex4, pex5, pex6, pex7 (`bus_id`), and NCCL matches devices by exact bus id and name; NCCL reads the machine's own topology instead
    ;;
  h100-02)
    export CUDA_DEVICE_ORDER=PCI_BUS_ID
    export CUDA_VISIBLE_DEVICES=0,1,2,3
    # NCCL_IB_HCA: the compute NICs nearest to this node's GPUs; "=" = exact names (NCCL prefix-matches: mlx5_1 would also select mlx5_10)
    export NCCL_IB_HCA==mlx5_0:1,mlx5_1:1,mlx5_2:1,mlx5_3:1
    # NCCL_NET_GDR_LEVEL not set: NCCL's default (graph/paths.cc ncclTopoCheckGdr: PXB, or P2C on Grace) uses GPUDirect RDMA where GPU and NIC share a PCIe switch
    # NCCL_NVLS_ENABLE not set: NCCL's default (2, transport/nvls.cc) uses NVLink SHARP where the driver reports multicast support
    # NCCL_TOPO_FILE not set: its file would invent GPU bus ids (`bus_ids`); bus ids of NICs cx0, cx1, cx2, cx3, cx4, cx5, cx6, cx7 (`bus_id`); bus ids of PCIe switches pex0, pex1, pex2, pex3, pex4, pex5, pex6, pex7 (`bus_id`), and NCCL matches devices by exact bus id and name; NCCL reads the machine's own topology instead
    ;;
  h100-03)
    export CUDA_DEVICE_ORDER=PCI_BUS_ID
    export CUDA_VISIBLE_DEVICES=0,1,2,3
    # NCCL_IB_HCA: the compute NICs nearest to this node's GPUs; "=" = exact names (NCCL prefix-matches: mlx5_1 would also select mlx5_10)
    export NCCL_IB_HCA==mlx5_0:1,mlx5_1:1,mlx5_2:1,mlx5_3:1
    # NCCL_NET_GDR_LEVEL not set: NCCL's default (graph/paths.cc ncclTopoCheckGdr: PXB, or P2C on Grace) uses GPUDirect RDMA where GPU and NIC share a PCIe switch
    # NCCL_NVLS_ENABLE not set: NCCL's default (2, transport/nvls.cc) uses NVLink SHARP where the driver reports multicast support
    # NCCL_TOPO_FILE not set: its file would invent GPU bus ids (`bus_ids`); bus ids of NICs cx0, cx1, cx2, cx3, cx4, cx5, cx6, cx7 (`bus_id`); bus ids of PCIe switches pex0, pex1, pex2, pex3, pex4, pex5, pex6, pex7 (`bus_id`), and NCCL matches devices by exact bus id and name; NCCL reads the machine's own topology instead
    ;;
  h100-04)
    export CUDA_DEVICE_ORDER=PCI_BUS_ID
    export CUDA_VISIBLE_DEVICES=0,1,2,3
    # NCCL_IB_HCA: the compute NICs nearest to this node's GPUs; "=" = exact names (NCCL prefix-matches: mlx5_1 would also select mlx5_10)
    export NCCL_IB_HCA==mlx5_0:1,mlx5_1:1,mlx5_2:1,mlx5_3:1
    # NCCL_NET_GDR_LEVEL not set: NCCL's default (graph/paths.cc ncclTopoCheckGdr: PXB, or P2C on Grace) uses GPUDirect RDMA where GPU and NIC share a PCIe switch
    # NCCL_NVLS_ENABLE not set: NCCL's default (2, transport/nvls.cc) uses NVLink SHARP where the driver reports multicast support
    # NCCL_TOPO_FILE not set: its file would invent GPU bus ids (`bus_ids`); bus ids of NICs cx0, cx1, cx2, cx3, cx4, cx5, cx6, cx7 (`bus_id`); bus ids of PCIe switches pex0, pex1, pex2, pex3, pex4, pex5, pex6, pex7 (`bus_id`), and NCCL matches devices by exact bus id and name; NCCL reads the machine's own topology instead
    ;;
  *) echo "env.sh: $(hostname -s) is not a node of job llama3-8b-h100" >&2; return 1 2>/dev/null || exit 1 ;;
esac
