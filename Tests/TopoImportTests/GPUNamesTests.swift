import Foundation
import Testing
import TopoDiagnostics
import TopoModel

@testable import TopoImport

/// GPU names files map to catalog SKUs; the imported spec then uses them.
@Suite struct GPUNamesTests {
    func importing(_ file: String, names: String) -> ImportResult {
        let text = (try? String(contentsOfFile: Fixtures.nvidiaSmiFolder + file, encoding: .utf8)) ?? ""
        return NvidiaSmiTopoImporter().importText(
            Array(text.utf8), path: file, gpuNames: (Array(names.utf8), "names.csv"))
    }

    @Test func nameTable() {
        let table = GPUNameTable(catalog: BuiltinCatalog.catalog)
        let cases: [(String, String?)] = [
            ("NVIDIA H100 80GB HBM3", "h100-sxm5-80gb"),
            ("NVIDIA GeForce RTX 4090", "rtx-4090"),
            ("NVIDIA GeForce RTX 3090 Ti", "rtx-3090-ti"),
            ("Tesla V100-SXM2-32GB", "v100-sxm2-32gb"),
            ("Tesla V100-PCIE-16GB", "v100-pcie-16gb"),
            ("NVIDIA A100-SXM4-80GB", "a100-sxm4-80gb"),
            ("NVIDIA A100-PCIE-40GB", "a100-pcie-40gb"),
            ("NVIDIA A100 80GB PCIe", "a100-pcie-80gb"),
            ("NVIDIA A800-SXM4-80GB", "a800-sxm4-80gb"),
            ("NVIDIA H100 NVL", "h100-nvl-94gb"),
            ("NVIDIA H200", "h200-sxm-141gb"),
            ("NVIDIA H20", "h20-sxm-96gb"),
            ("NVIDIA B200", "b200-sxm-180gb"),
            ("NVIDIA L40S", "l40s"),
            ("Tesla T4", "t4"),
            ("NVIDIA RTX A6000", "rtx-a6000"),
            ("NVIDIA RTX 6000 Ada Generation", "rtx-6000-ada"),
            ("nvidia  geforce rtx 5090", "rtx-5090"),
            // Names as NVIDIA's driver prints them (open-gpu-kernel-modules README, 595.45.04).
            ("NVIDIA L20", "l20"),
            ("NVIDIA A800-SXM4-40GB", "a800-sxm4-40gb"),
            ("NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition", "rtx-pro-6000-blackwell-max-q"),
            ("NVIDIA RTX PRO 6000 Blackwell Workstation Edition", "rtx-pro-6000-blackwell"),
            ("Quadro RTX 8000", "quadro-rtx-8000"),
            ("Quadro RTX 6000", "quadro-rtx-6000"),
            ("NVIDIA TITAN RTX", "titan-rtx"),
            ("NVIDIA GeForce RTX 2080 Ti", "rtx-2080-ti"),
            ("NVIDIA RTX A4500", "rtx-a4500"),
            ("NVIDIA A800 80GB PCIe", "a800-pcie-80gb"),
            // No catalog entry (no source for their NVLink); they must not fall onto a neighbour.
            ("NVIDIA RTX A5000", nil),
            ("NVIDIA RTX A5500", nil),
            ("NVIDIA H100", nil),
        ]
        for (name, sku) in cases {
            #expect(table.sku(for: name) == sku, "\(name)")
        }
        // Every catalog entry's own name maps to it.
        for (id, sku) in BuiltinCatalog.catalog.gpus {
            #expect(table.sku(for: sku.name) == id, "\(sku.name)")
        }
    }

    @Test func csvWithHeaderIdentifiesHGX() throws {
        let names =
            "index, name, pci.bus_id\n"
            + (0..<8).map { i in
                "\(i), NVIDIA H100 80GB HBM3, 00000000:\(String(format: "%02X", [0x18, 0x2A, 0x3A, 0x5D, 0x9A, 0xAB, 0xBA, 0xDB][i])):00.0"
            }.joined(separator: "\n") + "\n"
        let result = importing("hgx-h100-sxm-8gpu-8nic-mlx5.txt", names: names)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        let spec = try #require(result.spec)
        #expect(!spec.contains("unidentified-gpu"))
        let report = Fixtures.lint(spec)
        // The GPUs are identified; the NICs (mlx5_0 … in the matrix, no model) stay a placeholder.
        #expect(report.diagnostics.map(\.code) == ["TS405"], "\(report.diagnostics.map(\.message))")
        let type = try #require(report.spec?.nodeTypes.first)
        #expect(type.gpuGroups.map(\.sku) == ["h100-sxm5-80gb"])
        #expect(type.gpus.first?.busID == "0000:18:00.0" && type.gpus.last?.busID == "0000:db:00.0")
        #expect(type.scaleUp?.nvswitch?.sku == "nvswitch-gen3" && type.scaleUp?.nvswitch?.count == 4)
    }

    @Test func listFormatForAMixedBox() throws {
        let names = """
            GPU 0: NVIDIA GeForce RTX 4090 (UUID: GPU-1b2c3d4e-0000-0000-0000-000000000000)
            GPU 1: NVIDIA GeForce RTX 4090 (UUID: GPU-1b2c3d4e-0000-0000-0000-000000000001)
            GPU 2: NVIDIA RTX A6000 (UUID: GPU-1b2c3d4e-0000-0000-0000-000000000002)
            GPU 3: NVIDIA GeForce RTX 5090 (UUID: GPU-1b2c3d4e-0000-0000-0000-000000000003)

            """
        let result = importing("4gpu-mixed-rtx4090-a6000-rtx5090-phb.txt", names: names)
        let report = Fixtures.lint(try #require(result.spec))
        #expect(report.errorCount == 0)
        let type = try #require(report.spec?.nodeTypes.first)
        #expect(type.gpuGroups.map(\.sku) == ["rtx-4090", "rtx-a6000", "rtx-5090"])
        #expect(type.gpuGroups.map(\.count) == [2, 1, 1])
        #expect(type.explicitlyNoScaleUp)
        #expect(report.diagnostics.map(\.code).contains("TS301"))  // GeForce cards without P2P, as the real box
    }

    @Test func unknownNameGetsThePlaceholder() throws {
        let names = "0, NVIDIA GeForce RTX 5090, 00000000:01:00.0\n1, NVIDIA RTX A5000, 00000000:21:00.0\n"
        let result = importing("2x-rtx5090-threadripper-phb.txt", names: names)
        #expect(result.findings.map(\.code) == ["TS521"])
        #expect(result.findings.first?.location?.line == 2 && result.findings.first?.location?.file == "names.csv")
        let report = Fixtures.lint(try #require(result.spec))
        #expect(report.errorCount == 0)
        #expect(report.spec?.nodeTypes.first?.gpuGroups.map(\.sku) == ["rtx-5090", "unidentified-gpu"])
        #expect(report.diagnostics.map(\.code).contains("TS404"))
    }

    @Test func namesThatDoNotFit() throws {
        // V100 PCIe cards cannot have the NV1/NV2 links of the matrix: the links are dropped.
        let names = (0..<4).map { "\($0), Tesla V100-PCIE-16GB, 00000000:0\($0 + 1):00.0" }.joined(separator: "\n")
        let result = importing("4x-v100-nvlink-mesh-nv1-nv2-mlx5col.TRUNCATED.txt", names: names)
        #expect(!result.findings.isEmpty && result.findings.allSatisfy { $0.code == "TS522" })
        let report = Fixtures.lint(try #require(result.spec))
        #expect(report.errorCount == 0, "\(report.diagnostics.map(\.message))")
        #expect(report.spec?.nodeTypes.first?.scaleUp == nil)
        // The right model keeps them.
        let sxm = importing(
            "4x-v100-nvlink-mesh-nv1-nv2-mlx5col.TRUNCATED.txt",
            names: names.replacingOccurrences(of: "V100-PCIE-16GB", with: "V100-SXM2-16GB"))
        #expect(sxm.findings.isEmpty)
        #expect(Fixtures.lint(try #require(sxm.spec)).spec?.nodeTypes.first?.scaleUp?.links.count == 6)
        // A GPU the matrix does not have, and one it misses.
        let extra = importing(
            "2x-rtx5090-threadripper-phb.txt", names: "0, NVIDIA GeForce RTX 5090\n7, NVIDIA GeForce RTX 5090\n")
        #expect(extra.findings.map(\.code) == ["TS522", "TS522"])
    }

    @Test func unusableNamesFile() {
        let result = importing("2x-rtx5090-threadripper-phb.txt", names: "Mon Nov 25 12:00:00 2026\n")
        #expect(result.spec == nil)
        #expect(result.findings.first?.code == "TS506" && result.findings.first?.location?.file == "names.csv")
    }

    @Test func busIDsAreNormalized() {
        #expect(GPUNamesFile.normalizedBusID("00000000:1A:00.0") == "0000:1a:00.0")
        #expect(GPUNamesFile.normalizedBusID("0001:1a:00.0") == "0001:1a:00.0")
        #expect(GPUNamesFile.normalizedBusID("ffff:ff:01.0") == "ffff:ff:01.0")
        #expect(GPUNamesFile.normalizedBusID("1a:00.0") == nil)
        #expect(GPUNamesFile.normalizedBusID("0000:1a:00.9") == nil)
    }
}
