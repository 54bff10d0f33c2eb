#!/usr/bin/env bash
# Job llama3-8b-h100 of cluster lab-mixed: 16 ranks on 4 nodes, placed by topospec from mixed-cluster-failed-gpu.yaml.
# Rank contract: rank numbers are Megatron-LM's default order tp-cp-ep-dp-pp (TP fastest, PP slowest); topospec moved the ranks onto GPUs instead of renumbering them. Keep that order in the framework (Megatron-core order="tp-cp-ep-dp-pp"; a torch DeviceMesh of shape (pp, dp, cp, tp), see ranks.json); do not also apply the dimension order `topospec place` printed: that would undo the placement.
# Run on every node (after sourcing env.sh): torchrun.sh TRAINING_SCRIPT [ARGS…]
set -euo pipefail
case "${TOPOSPEC_NODE:-$(hostname -s)}" in
  h100-01) NODE_RANK=0 ;;
  h100-02) NODE_RANK=1 ;;
  h100-03) NODE_RANK=2 ;;
  h100-04) NODE_RANK=3 ;;
  *) echo "torchrun.sh: $(hostname -s) is not a node of job llama3-8b-h100" >&2; exit 1 ;;
esac
exec torchrun --nnodes=4 --nproc-per-node=4 --node-rank="$NODE_RANK" \
  --master-addr="${MASTER_ADDR:-h100-01}" --master-port="${MASTER_PORT:-29500}" "$@"
