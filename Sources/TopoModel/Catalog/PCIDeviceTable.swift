/// PCI vendor:device ids of GPUs and NICs that have a catalog SKU, for NCCL topology files (whose
/// `pci` elements carry `vendor` and `device`). Ids from the PCI ID repository (pci.ids,
/// https://pci-ids.ucw.cz): e.g. `10de:2330 GH100 [H100 SXM5 80GB]`. Ids with several possible
/// SKUs (`25b6 A2 / A16`) and virtual functions (`15b3:101e ConnectX Family mlx5Gen Virtual
/// Function`, which says nothing about the model) are left out on purpose.
package enum PCIDeviceTable {
    package static let nvidia = "0x10de"
    package static let mellanox = "0x15b3"
    package static let amazon = "0x1d0f"
    package static let amd = "0x1002"

    /// NVIDIA device id → GPU SKU. `20bd` (NVIDIA A800-SXM4-40GB) and `26ba` (NVIDIA L20): NVIDIA's
    /// open-gpu-kernel-modules README, supported-GPU table (release 595.45.04)
    /// https://github.com/NVIDIA/open-gpu-kernel-modules/blob/main/README.md; from the same table `1e02`
    /// (NVIDIA TITAN RTX), `1e04` and `1e07` (NVIDIA GeForce RTX 2080 Ti), `1e36` (Quadro RTX 6000),
    /// `2232` (NVIDIA RTX A4500) and `20f5` (NVIDIA A800 80GB PCIe). `1e30` and `1e78` are left out: the
    /// table gives both Quadro RTX 6000 and 8000 under them, told apart only by subsystem id (the names
    /// tell them apart). `31c3` is left out too: NVIDIA's NemoClaw installer takes it (and `31c2`, the
    /// NVL72 GB300 of the driver table) as the DGX Station GB300's GPU, which has no entry (see `gb300`).
    package static let gpus: [String: String] = [
        "0x15f9": "p100-sxm2-16gb",
        "0x1db1": "v100-sxm2-16gb",
        "0x1db4": "v100-pcie-16gb",
        "0x1db5": "v100-sxm2-32gb",
        "0x1db6": "v100-pcie-32gb",
        "0x1db8": "v100-sxm3-32gb",
        "0x1e02": "titan-rtx",
        "0x1e04": "rtx-2080-ti",
        "0x1e07": "rtx-2080-ti",
        "0x1e36": "quadro-rtx-6000",
        "0x1eb8": "t4",
        "0x20b0": "a100-sxm4-40gb",
        "0x20b2": "a100-sxm4-80gb",
        "0x20b5": "a100-pcie-80gb",
        "0x20b7": "a30",
        "0x20bd": "a800-sxm4-40gb",
        "0x20f1": "a100-pcie-40gb",
        "0x20f3": "a800-sxm4-80gb",
        "0x20f5": "a800-pcie-80gb",
        "0x2203": "rtx-3090-ti",
        "0x2204": "rtx-3090",
        "0x2230": "rtx-a6000",
        "0x2232": "rtx-a4500",
        "0x2235": "a40",
        "0x2236": "a10",
        "0x2237": "a10g",
        "0x2321": "h100-nvl-94gb",
        "0x2324": "h800-sxm5-80gb",
        "0x2329": "h20-sxm-96gb",
        "0x2330": "h100-sxm5-80gb",
        "0x2331": "h100-pcie-80gb",
        "0x2335": "h200-sxm-141gb",
        "0x233b": "h200-nvl-141gb",
        "0x2342": "gh200-96gb",
        "0x2348": "gh200-144gb",
        "0x2684": "rtx-4090",
        "0x26b1": "rtx-6000-ada",
        "0x26b5": "l40",
        "0x26b9": "l40s",
        "0x26ba": "l20",
        "0x27b8": "l4",
        "0x2901": "b200-sxm-180gb",
        "0x2941": "gb200",
        "0x2b85": "rtx-5090",
        "0x2bb1": "rtx-pro-6000-blackwell",
        "0x2bb4": "rtx-pro-6000-blackwell-max-q",
        "0x2bb5": "rtx-pro-6000-blackwell",
        "0x3182": "b300-sxm-288gb",
        "0x31c2": "gb300",
    ]

    /// AMD device id → GPU SKU (physical functions; `740c` "Instinct MI250X/MI250" is left out, two models).
    /// pci.ids: `7408 Aldebaran/MI200 [Instinct MI250X]` (2023.04.10), `74a1 Aqua Vanjaram [Instinct MI300X]`,
    /// `74a5 Aqua Vanjaram [Instinct MI325X]`; MI350X and MI355X from `amd-smi` on real machines:
    /// `DEVICE_ID: 0x75a0` with `MARKET_NAME: AMD Instinct MI350X` (ROCm/rocm-systems#2987) and `0x75a3` on
    /// 8 × "AMD Instinct MI355X" (OCI BM.GPU.MI355X, oci-ai-incubations/oci-gpu-quickstarts README-MI355X-Pollara.md).
    package static let amdGPUs: [String: String] = [
        "0x7408": "mi250x",
        "0x74a0": "mi300a",
        "0x74a1": "mi300x",
        "0x74a5": "mi325x",
        "0x75a0": "mi350x",
        "0x75a3": "mi355x",
    ]

    /// Mellanox / NVIDIA networking device id → NIC SKU (physical functions only).
    package static let mellanoxNICs: [String: String] = [
        "0x1017": "connectx-5",
        "0x101b": "connectx-6",
        "0x101d": "connectx-6-dx",
        "0x1021": "connectx-7",
        "0x1023": "connectx-8",
        "0xa2d6": "bluefield-2",
        "0xa2dc": "bluefield-3",
    ]

    /// The GPU SKU of a `vendor`/`device` pair, if known.
    package static func gpuSKU(vendor: String?, device: String?) -> String? {
        guard let vendor, let device else { return nil }
        switch normalize(vendor) {
        case nvidia: return gpus[normalize(device)]
        case amd: return amdGPUs[normalize(device)]
        default: return nil
        }
    }

    /// The NIC SKU of a `vendor`/`device` pair, if known. EFA (any Amazon `0xefa*` device): the
    /// generation whose per-device speed covers `gbps`, the speed the input reports for the port
    /// (p5en's 200 Gb/s devices are `efa-200g`, p6's 400 Gb/s `efa-400g`); `efa` when it reports none.
    package static func nicSKU(vendor: String?, device: String?, gbps: Double? = nil) -> String? {
        guard let vendor, let device else { return nil }
        let v = normalize(vendor), d = normalize(device)
        if v == mellanox { return mellanoxNICs[d] }
        if v == amazon, d.hasPrefix("0xefa") { return efaSKU(gbps: gbps) }
        return nil
    }

    /// EFA catalog entries by the speed of one device (Gb/s), slowest first; see the catalog's `efa`
    /// comment for the AWS instance figures behind them.
    package static let efaGenerations: [(gbps: Double, sku: String)] = [
        (100, "efa"), (200, "efa-200g"), (400, "efa-400g"),
    ]

    /// The slowest EFA generation that carries `gbps` (the fastest one above all of them; `efa` for nil).
    package static func efaSKU(gbps: Double?) -> String {
        guard let gbps, gbps > 0 else { return "efa" }
        return efaGenerations.first { gbps <= $0.gbps }?.sku ?? "efa-400g"
    }

    /// `0x10DE` → `0x10de`; `10de` → `0x10de`.
    package static func normalize(_ id: String) -> String {
        let lowered = id.lowercased()
        return lowered.hasPrefix("0x") ? lowered : "0x" + lowered
    }

    /// The PCI vendor and device ids of a GPU SKU (the lowest device id when several exist), if known.
    package static func gpuIDs(forSKU sku: String) -> (vendor: String, device: String)? {
        gpuDeviceBySKU[sku].map { (nvidia, $0) }
    }

    /// The PCI vendor and device ids of a NIC SKU (Mellanox / NVIDIA networking), if known.
    package static func nicIDs(forSKU sku: String) -> (vendor: String, device: String)? {
        nicDeviceBySKU[sku].map { (mellanox, $0) }
    }

    private static let gpuDeviceBySKU = lowestDevice(gpus)
    private static let nicDeviceBySKU = lowestDevice(mellanoxNICs)

    private static func lowestDevice(_ table: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (device, sku) in table where result[sku].map({ device < $0 }) ?? true { result[sku] = device }
        return result
    }
}
