import TopoDiagnostics

/// Codes the importers report (TS5xx): TS501–TS509 are inputs that cannot be imported (the
/// command exits with status 2), TS510–TS529 are defects or guesses found in an input that still
/// imports. Each finding is located at the line of the input file it is about.
public enum ImportCodes {
    /// One importer code and its documentation (domain `import`).
    public typealias Code = DiagnosticCode

    // MARK: Inputs that cannot be imported (exit 2)

    public static let unreadableInput = Code(
        "TS501", "import-unreadable", .error, "The input file is empty, binary, too large or cannot be read.",
        "Importers read text: `nvidia-smi topo -m` output or an NCCL topology XML file, UTF-8 (or ASCII), at most 16 MiB. An empty file, a file with NUL bytes or invalid UTF-8 (a binary, a UTF-16 export, a gzip), or a path that cannot be read is refused at the first offending line."
    )
    public static let notTopologyMatrix = Code(
        "TS502", "not-nvidia-smi-topo", .error, "The text holds no `nvidia-smi topo -m` matrix.",
        "The importer looks for the matrix's header row (`GPU0 GPU1 … NIC0 … CPU Affinity …`) followed by one row per device. Output of another command (`nvidia-smi` without `topo -m`, `lspci`, an NCCL XML file) has none; the message says what the text looks like instead when it can tell."
    )
    public static let malformedMatrix = Code(
        "TS503", "malformed-matrix", .error, "The `nvidia-smi topo -m` matrix is incomplete or inconsistent.",
        "Every device column needs a row, every row as many cells as there are columns, every cell one of X, NV#, PIX, PXB, PHB, NODE, SYS, the `X` on the diagonal only, and the matrix must be symmetric. A copy that lost a row, was cut mid-row, or was edited by hand cannot be turned into a topology reliably, so the importer names the line and stops."
    )
    public static let malformedXML = Code(
        "TS504", "malformed-xml", .error, "The NCCL topology file is not well-formed XML.",
        "The importer's tokenizer reads elements, attributes (quoted values), comments and `<?…?>` declarations, and tracks line and column. Unclosed tags, mismatched end tags, unquoted or duplicate attributes, nesting deeper than 64 levels and files with more than 100,000 elements are refused at the place they occur."
    )
    public static let notNCCLTopology = Code(
        "TS505", "not-nccl-topology", .error, "The XML is not an NCCL topology file.",
        "An NCCL topology file (NCCL_TOPO_FILE, NCCL_TOPO_DUMP_FILE) has a `<system version=\"1\">` root with `cpu`, `pci`, `gpu`, `nic` and `net` elements below. RCCL's files (`version=\"2\"`, with `xgmi` links) are read too. Other roots (an NCCL graph file `<graphs>`, hwloc's `<topology>`), other versions and files without any GPU or NIC are refused."
    )
    public static let malformedGPUNames = Code(
        "TS506", "malformed-gpu-names", .error, "The GPU names file cannot be used.",
        "`--gpu-names` takes the output of `nvidia-smi --query-gpu=index,name,pci.bus_id --format=csv` (with or without the header) or of `nvidia-smi -L`. A file in which no line names a GPU is refused."
    )
    public static let notHwlocTopology = Code(
        "TS507", "not-hwloc-topology", .error, "The XML is not an hwloc topology with GPUs.",
        "`topospec import hwloc` reads the XML `lstopo --of xml` writes (hwloc 1.x and 2.x): a `<topology>` root with `object` elements for packages, NUMA nodes, bridges and PCI devices. Another root (an NCCL topology file's `<system>`) or a topology without any GPU among its PCI devices (one exported with `--no-io`, or of a machine without GPUs) is refused."
    )

    // MARK: Findings in inputs that import

    public static let nvlinkToSelf = Code(
        "TS510", "nvlink-to-self", .warning, "An `nvlink` element targets its own GPU's bus id.",
        "A GPU cannot have NVLinks to itself. NCCL would add a GPU-to-itself edge (Azure's ncv4 topology file gives every A100 PCIe card one, count 12), which makes no sense to its path search. The importer ignores the link; fix the file's `target`."
    )
    public static let linkWidthZero = Code(
        "TS511", "link-width-zero", .warning, "A `pci` element has `link_width=\"0\"`.",
        "NCCL reads a width of 0 as x16 (topo.cc), so the file claims nothing wrong to NCCL, but the value is what a virtual function or an unlinked port reports, not a real width. The importer assumes x16 as NCCL does; write the real width."
    )
    public static let linkSpeedFallback = Code(
        "TS512", "link-speed-fallback", .warning,
        "A `link_speed` NCCL does not recognize; NCCL silently treats it as PCIe Gen3.",
        "NCCL matches `link_speed` by prefix against `2.5 GT/s` … `32 GT/s` (old kernels) and `2.5 GT/s PCIe` … `64.0 GT/s PCIe` (kernel 5.6 and later). Anything else, including an empty value and `32.0 GT/s` without ` PCIe`, falls back to 8 GT/s (Gen3) with only an INFO line, so NCCL underestimates a Gen4/Gen5 link 2–4×. The importer keeps the generation the value means when it can tell; write the `NN.N GT/s PCIe` form."
    )
    public static let nvlinkTargetUnknown = Code(
        "TS513", "nvlink-target-unknown", .warning,
        "An `nvlink` element targets a bus id that is no GPU in the file, or the two ends disagree.",
        "A GPU-class `nvlink` target (`tclass` 0x03…) must be the bus id of another GPU in the file, written exactly as NCCL formats it (lowercase `dddd:bb:dd.f`), and both GPUs should list the same count. A dangling target is ignored by NCCL; differing counts are kept as the larger one."
    )
    public static let pciClassMissing = Code(
        "TS514", "pci-class-missing", .warning, "A `pci` element has no `class`; the importer guessed what it is.",
        "Partial topology files (AWS g5) give only bus ids and let NCCL detect the rest at run time. The importer cannot see the machine, so it guesses: a leaf `pci` without class is taken for a GPU, one with children for a PCIe switch. Check the result and add `class` (`0x030200` GPU, `0x020000`/`0x020700` NIC, `0x060400` bridge)."
    )
    public static let duplicateBusID = Code(
        "TS515", "duplicate-bus-id", .warning, "Two `pci` elements have the same bus id.",
        "NCCL finds devices by exact bus id; a second element with the same id is a second device to NCCL's XML but the same device to the hardware. The importer keeps the first."
    )
    public static let invalidAttribute = Code(
        "TS516", "invalid-attribute", .warning,
        "An attribute NCCL reads as a number or a bus id has a value that is neither.",
        "`count`, `numaid`, `link_width`, `dev`, `speed` are integers and `busid` / `target` are `dddd:bb:dd.f` bus ids; NCCL's `strtol` reads garbage as 0. The importer ignores the value."
    )
    public static let notLoadableByNCCL = Code(
        "TS517", "not-loadable-by-nccl", .warning, "Well-formed XML that NCCL's own parser would refuse.",
        "NCCL reads topology files with a hand-written parser: an `<?xml ?>` declaration, text between tags, a TAB before `<` or an attribute value longer than 255 characters make it fail (\"XML Parse error\") and NCCL then runs without the file. The importer reads such files, but NCCL will not."
    )
    public static let matrixNotATree = Code(
        "TS520", "matrix-not-a-tree", .warning, "No PCIe tree gives exactly the matrix's path classes.",
        "The importer builds the PCIe tree from the matrix (PIX groups → switches, PXB → a parent switch, PHB → a host bridge, NODE → host bridges of one socket, SYS → sockets). When the matrix contradicts itself (A PIX B, B PIX C, but A PXB C) no tree reproduces it; the spec then differs from the input in the cells named."
    )
    public static let unknownGPUName = Code(
        "TS521", "gpu-name-unknown", .warning, "A GPU name that the catalog does not know; a placeholder was written.",
        "GPU names are matched against the catalog's names and the spellings nvidia-smi prints (`NVIDIA H100 80GB HBM3`). An unknown name gets the placeholder SKU `unidentified-gpu` (lint warns TS404 until it is replaced); add the model under `hardware.gpus` and use it."
    )
    public static let gpuNamesMismatch = Code(
        "TS522", "gpu-names-mismatch", .warning, "The GPU names file does not fit the topology.",
        "The names file lists GPUs the matrix does not have (or misses some), gives a bus id that is not a PCI bus id, or names a model whose NVLink cannot produce the NV# cells seen (a GPU without NVLink, more links than the model has, NVLink between different models). The importer keeps what fits and says what it dropped."
    )
    public static let inferred = Code(
        "TS523", "import-assumption", .info, "The importer assumed something the input does not say.",
        "Inputs leave things out: `nvidia-smi topo -mp` has no NVLink, partial NCCL files have no links, cloud files use synthetic switch bus ids (`ffff:ff:01.0`) that mark a virtual machine. The importer says what it assumed, next to the input line it was reading."
    )

    /// Every importer code, in code order.
    public static let all: [DiagnosticCode] = [
        unreadableInput, notTopologyMatrix, malformedMatrix, malformedXML, notNCCLTopology, malformedGPUNames,
        notHwlocTopology,
        nvlinkToSelf, linkWidthZero, linkSpeedFallback, nvlinkTargetUnknown, pciClassMissing, duplicateBusID,
        invalidAttribute, notLoadableByNCCL, matrixNotATree, unknownGPUName, gpuNamesMismatch, inferred,
    ]
}

extension DiagnosticCode {
    /// An importer code (domain `import`).
    init(_ code: String, _ slug: String, _ severity: Severity, _ summary: String, _ explanation: String) {
        self.init(
            code: code, slug: slug, domain: .import, severity: severity, summary: summary, explanation: explanation)
    }
}
