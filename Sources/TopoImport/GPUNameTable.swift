import TopoModel

/// Maps the GPU names nvidia-smi prints to catalog SKUs. The table is the catalog's own `name`
/// fields and SKU ids, normalized, plus the spellings nvidia-smi uses that differ from them
/// (`NVIDIA H100 80GB HBM3` is the H100 SXM5 80GB module).
struct GPUNameTable: Sendable {
    /// nvidia-smi spellings that are not the catalog's names.
    static let knownSpellings: [(name: String, sku: String)] = [
        ("NVIDIA H100 80GB HBM3", "h100-sxm5-80gb"),
        ("NVIDIA H100 SXM5 80GB", "h100-sxm5-80gb"),
        ("NVIDIA H100 PCIe", "h100-pcie-80gb"),
        ("NVIDIA H100 NVL", "h100-nvl-94gb"),
        ("NVIDIA H800", "h800-sxm5-80gb"),
        ("NVIDIA H800 80GB HBM3", "h800-sxm5-80gb"),
        ("NVIDIA H200", "h200-sxm-141gb"),
        ("NVIDIA H200 NVL", "h200-nvl-141gb"),
        ("NVIDIA H20", "h20-sxm-96gb"),
        ("NVIDIA GH200 480GB", "gh200-96gb"),
        ("NVIDIA GH200 120GB", "gh200-96gb"),
        ("NVIDIA GH200 144G HBM3e", "gh200-144gb"),
        ("NVIDIA B200", "b200-sxm-180gb"),
        ("NVIDIA GB200", "gb200"),
        ("NVIDIA B300 SXM6 AC", "b300-sxm-288gb"),
        ("NVIDIA GB300", "gb300"),
        ("NVIDIA A100-SXM-80GB", "a100-sxm4-80gb"),
        ("NVIDIA A100 80GB PCIe", "a100-pcie-80gb"),
        ("NVIDIA A100-PCIE-80GB", "a100-pcie-80gb"),
        ("Tesla T4", "t4"),
        ("NVIDIA A30 PCIe", "a30"),
        ("NVIDIA RTX PRO 6000 Blackwell Workstation Edition", "rtx-pro-6000-blackwell"),
        ("NVIDIA RTX PRO 6000 Blackwell Server Edition", "rtx-pro-6000-blackwell"),
        ("NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition", "rtx-pro-6000-blackwell-max-q"),
    ]

    private var table: [String: String] = [:]

    init(catalog: Catalog) {
        // Catalog names first, then ids, then the spellings; the first entry for a key wins.
        for id in catalog.gpus.keys.sorted() {
            guard let sku = catalog.gpus[id], !sku.placeholder else { continue }
            let key = Self.normalize(sku.name)
            if table[key] == nil { table[key] = id }
        }
        for id in catalog.gpus.keys.sorted() where table[Self.normalize(id)] == nil {
            table[Self.normalize(id)] = id
        }
        for (name, sku) in Self.knownSpellings where catalog.gpus[sku] != nil {
            let key = Self.normalize(name)
            if table[key] == nil { table[key] = sku }
        }
    }

    /// The catalog SKU for a name as nvidia-smi prints it, if known.
    func sku(for name: String) -> String? { table[Self.normalize(name)] }

    /// Lowercase, `-` and `_` as spaces, runs of spaces collapsed, the `NVIDIA` and `Tesla`
    /// prefixes dropped: `Tesla V100-SXM2-16GB` and `NVIDIA Tesla V100 SXM2 16GB` meet.
    static func normalize(_ name: String) -> String {
        var words = name.lowercased().split { $0 == " " || $0 == "-" || $0 == "_" || $0 == "\t" }.map(String.init)
        while let first = words.first, first == "nvidia" || first == "tesla" { words.removeFirst() }
        return words.joined(separator: " ")
    }
}
