#!/bin/sh
# Kubernetes topology labels for cluster gb200-nvl72-r01, written by topospec from gb200-nvl72.yaml.
set -eu
kubectl label node r01-c01 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c02 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c03 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c04 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c05 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c06 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c07 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c08 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c09 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c10 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c11 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c12 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c13 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c14 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c15 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c16 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c17 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label node r01-c18 --overwrite topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl apply -f - <<'EOF'
apiVersion: kueue.x-k8s.io/v1alpha1
kind: Topology
metadata:
  name: gb200-nvl72-r01
spec:
  levels:
    - nodeLabel: topospec.io/nvlink-domain
    - nodeLabel: topospec.io/rack
    - nodeLabel: kubernetes.io/hostname
EOF
