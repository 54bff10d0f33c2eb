#!/bin/sh
# Kubernetes topology labels for cluster gb200-nvl72-r01, written by topospec from gb200-nvl72.yaml.
set -eu
kubectl label --overwrite node -- r01-c01 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c02 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c03 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c04 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c05 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c06 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c07 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c08 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c09 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c10 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c11 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c12 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c13 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c14 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c15 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c16 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c17 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
kubectl label --overwrite node -- r01-c18 topospec.io/nvlink-domain=nvl72-r01 topospec.io/rack=r01
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
