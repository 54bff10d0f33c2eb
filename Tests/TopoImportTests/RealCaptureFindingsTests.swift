import Testing
import TopoImport
import TopoLint

/// The exact set of lint findings on every real capture in Tests/Fixtures/shared, imported
/// without GPU names (so every one has the placeholder warning TS404). Each set is the machine's
/// real problems: a finding added or lost here is a change of what topospec claims about a real
/// machine.
@Suite struct RealCaptureFindingsTests {
    // Imports without `--gpu-names` leave GPU models unnamed (TS404), and NICs the input names only
    // by device (`mlx5_0`) placeholders (TS405): both say what to fill in, not a defect.
    static let nvidiaSmi: [(file: String, codes: Set<String>)] = [
        // 8 PCIe GPUs behind PLX switches, one NIC on the other socket from four of them; the
        // legend is cut, so NVLink is unknown and the P2P rule stays quiet.
        ("2018-8gpu-pcie-plx-pix-pxb-old-format-mlx5col.TRUNCATED.txt", ["TS206", "TS207", "TS208", "TS404", "TS405"]),
        // Two GPUs on one host bridge: P2P there depends on the CPU vendor (NCCL keeps it on AMD
        // hosts with two GPUs), which the matrix does not give.
        ("2gpu-node-indented-wrapped-legend.txt", ["TS404"]),
        ("2x-rtx5090-threadripper-phb.txt", ["TS404"]),
        // Four GPUs meeting at a host bridge: NCCL ≥ 2.23 turns P2P off beyond PXB.
        ("4gpu-mixed-rtx4090-a6000-rtx5090-phb.txt", ["TS211", "TS404"]),
        ("4x-l40s-dual-socket-node-sys-2nic.txt", ["TS206", "TS207", "TS208", "TS211", "TS404", "TS405"]),
        // NVLink mesh; the one NIC is on the other socket (SYS to every GPU).
        ("4x-v100-nvlink-mesh-nv1-nv2-mlx5col.TRUNCATED.txt", ["TS206", "TS208", "TS404", "TS405"]),
        ("8x-rtx4090-pcie-switch-pix-1nic-bond.txt", ["TS206", "TS208", "TS211", "TS404", "TS405"]),
        ("h100-pcie-1gpu-kvm-vm-1nic.txt", ["TS207", "TS404", "TS405"]),
        // A well-built HGX H100: nothing but the unnamed GPU and NIC models (TS404, TS405).
        ("hgx-h100-sxm-8gpu-8nic-mlx5.txt", ["TS404", "TS405"]),
    ]

    static let nccl: [(file: String, codes: Set<String>)] = [
        ("aws-g5.48xlarge-a10g-8gpu-minimal-topo.xml", ["TS404"]),
        // 4 EFA devices for 8 GPUs.
        ("aws-p4d.24xlarge-a100-8gpu-4efa-topo.xml", ["TS208", "TS404", "TS405"]),
        // One InfiniBand NIC for 8 GPUs, on one socket.
        ("azure-ndv2-v100-8gpu-topo.xml", ["TS206", "TS207", "TS208", "TS404", "TS405"]),
        ("azure-ndv4-a100-8gpu-topo.xml", ["TS404", "TS405"]),
        // The VM's virtual bridges report Gen1 x1; that is not the physical link, so no TS213.
        ("ibm-cloud-gx3d-h100-8gpu-vsi-topo.xml", ["TS405"]),
    ]

    @Test(arguments: nvidiaSmi.map(\.file))
    func nvidiaSmiCapture(_ file: String) throws {
        let spec = try #require(NvidiaSmiTopoImporter().importFile(path: Fixtures.nvidiaSmiFolder + file).spec)
        let codes = Set(Fixtures.lint(spec).diagnostics.map(\.code))
        #expect(codes == Self.nvidiaSmi.first { $0.file == file }?.codes, "\(file): \(codes.sorted())")
    }

    @Test(arguments: nccl.map(\.file))
    func ncclFile(_ file: String) throws {
        let spec = try #require(NCCLTopologyImporter().importFile(path: Fixtures.ncclFolder + file).spec)
        let codes = Set(Fixtures.lint(spec).diagnostics.map(\.code))
        #expect(codes == Self.nccl.first { $0.file == file }?.codes, "\(file): \(codes.sorted())")
    }

    @Test func everySharedCaptureIsPinned() {
        #expect(Set(Fixtures.nvidiaSmiFiles) == Set(Self.nvidiaSmi.map(\.file)))
        #expect(Set(Fixtures.ncclFiles) == Set(Self.nccl.map(\.file)))
    }
}
