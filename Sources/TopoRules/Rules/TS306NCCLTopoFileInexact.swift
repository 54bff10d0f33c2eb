import TopoModel
import TopoTopology

/// TS306: a node type asks for an NCCL topology file (`platform.nccl_topo_file: always`) that
/// topospec cannot write exactly.
package struct NCCLTopoFileInexact: Rule {
    package init() {}

    package let metadata = RuleMetadata(
        code: "TS306", slug: "nccl-topo-file-inexact", category: .platform, severity: .warning,
        summary: "The spec asks for an NCCL topology file it cannot make exact.",
        rationale: """
            NCCL matches a topology file to the machine by exact PCI bus id (GPUs, NICs, switches) and by RDMA \
            device name (NCCL 2.30.7 src/graph/xml.cc ncclTopoGetPciNode, ncclTopoFillNet). Devices whose bus ids \
            or names topospec has to invent describe hardware that does not exist: NCCL attaches the real devices \
            elsewhere or not at all. On a node with several sockets each rank fills only its own CPU from the \
            machine before the ranks' files are fused (ncclTopoGetXmlFromCpu, ncclTopoFuseXml), so without the \
            CPU model the file is rejected ("Attribute arch of node cpu not found"). With `nccl_topo_file: auto` \
            (the default) the launch files set NCCL_TOPO_FILE only when nothing is invented.
            """,
        triggering: [
            """
            topospec: 1
            cluster: vm
            node_types:
              vm8:
                gpus: {sku: h100-sxm5-80gb, count: 8}
                sockets: 2
                platform: {vm: true, nccl_topo_file: always}  # expect: TS306
            nodes:
              vm01: {type: vm8}
            """
        ],
        nonTriggering: [
            """
            topospec: 1
            cluster: vm
            node_types:
              vm1:
                gpus: {sku: h100-pcie-80gb, count: 1, bus_ids: ["0000:18:00.0"]}
                platform: {vm: true, nccl_topo_file: always}
            nodes:
              vm01: {type: vm1}
            """,
            """
            topospec: 1
            cluster: box
            node_types:
              box8: {gpus: {sku: h100-sxm5-80gb, count: 8}, sockets: 2}
            nodes:
              n01: {type: box8}
            """,
        ])

    package func check(_ context: SpecAnalysis, _ findings: inout Findings) {
        let spec = context.spec
        for (t, type) in spec.nodeTypesWithIDs where type.platform.ncclTopoFile == .always {
            let invented = NCCLTopologyInputs.invented(spec: spec, typeID: t)
            guard !invented.isEmpty else { continue }
            let refused = NCCLTopologyInputs.cpuGap(spec: spec, typeID: t) != nil
            findings.report(
                "node type `\(type.name)` asks for an NCCL topology file, but topospec would invent \(invented.joined(separator: "; "))\(refused ? ", and writes none without the CPU model" : "")",
                at: type.platform.ncclTopoFileLocation ?? type.platform.location ?? type.location,
                help:
                    "give the real values (`nvidia-smi --query-gpu=pci.bus_id`, `ibdev2netdev`, `lspci -t`, `lscpu`), or set `nccl_topo_file: auto`"
            )
        }
    }
}
