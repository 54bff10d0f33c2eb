#!/usr/bin/env bash
# Job llama3-8b-h100 of cluster lab-mixed: 16 ranks on 4 nodes, placed by topospec from mixed-cluster-failed-gpu.yaml.
# Rank contract: rank numbers are Megatron-LM's default order tp-cp-ep-dp-pp (TP fastest, PP slowest); topospec moved the ranks onto GPUs instead of renumbering them. Keep that order in the framework (Megatron-core order="tp-cp-ep-dp-pp"; a torch DeviceMesh of shape (pp, dp, cp, tp), see ranks.json); do not also apply the dimension order `topospec place` printed: that would undo the placement.
# Source on every node before launching: . env.sh (the node is TOPOSPEC_NODE, else hostname -s).
TOPOSPEC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "${TOPOSPEC_NODE:-$(hostname -s)}" in
  h100-01)
    export CUDA_DEVICE_ORDER=PCI_BUS_ID
    export CUDA_VISIBLE_DEVICES=0,1,2,3
    export NCCL_IB_HCA==mlx5_0:1,mlx5_1:1,mlx5_2:1,mlx5_3:1
    export NCCL_TOPO_FILE="$TOPOSPEC_DIR/nccl/hgx-h100.xml"
    ;;
  h100-02)
    export CUDA_DEVICE_ORDER=PCI_BUS_ID
    export CUDA_VISIBLE_DEVICES=0,1,2,3
    export NCCL_IB_HCA==mlx5_0:1,mlx5_1:1,mlx5_2:1,mlx5_3:1
    export NCCL_TOPO_FILE="$TOPOSPEC_DIR/nccl/hgx-h100.xml"
    ;;
  h100-03)
    export CUDA_DEVICE_ORDER=PCI_BUS_ID
    export CUDA_VISIBLE_DEVICES=0,1,2,3
    export NCCL_IB_HCA==mlx5_0:1,mlx5_1:1,mlx5_2:1,mlx5_3:1
    export NCCL_TOPO_FILE="$TOPOSPEC_DIR/nccl/nodes/h100-03.xml"
    ;;
  h100-04)
    export CUDA_DEVICE_ORDER=PCI_BUS_ID
    export CUDA_VISIBLE_DEVICES=0,1,2,3
    export NCCL_IB_HCA==mlx5_0:1,mlx5_1:1,mlx5_2:1,mlx5_3:1
    export NCCL_TOPO_FILE="$TOPOSPEC_DIR/nccl/hgx-h100.xml"
    ;;
  *) echo "env.sh: $(hostname -s) is not a node of job llama3-8b-h100" >&2; return 1 2>/dev/null || exit 1 ;;
esac
