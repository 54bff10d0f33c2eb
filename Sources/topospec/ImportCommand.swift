import ArgumentParser
import FoundationEssentials
import TopoDiagnostics
import TopoEmit
import TopoImport
import TopoLint

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `topospec import nvidia-smi FILE` / `topospec import nccl-xml FILE`: write a spec for a
/// machine from what the machine says about itself.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Write a spec from `nvidia-smi topo -m`, `rocm-smi --showtopo` or `amd-smi topology` output, an NCCL topology XML file or an hwloc XML topology.",
        discussion: """
            The spec goes to standard output (or to -o FILE, written atomically); what the importer noticed \
            in the input goes to standard error, located at its line. Exit status: 0 imported, 2 the input \
            cannot be imported.
            """,
        subcommands: [NvidiaSmi.self, NCCLXML.self, Hwloc.self, RocmSmi.self, AmdSmi.self]
    )

    /// `topospec import nvidia-smi FILE [--gpu-names FILE] [--type NAME] [-o FILE]`.
    struct NvidiaSmi: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nvidia-smi",
            abstract: "Import the output of `nvidia-smi topo -m` (or `topo -mp`).",
            discussion: """
                The matrix does not name the GPU model: pass --gpu-names with the output of \
                `nvidia-smi --query-gpu=index,name,pci.bus_id --format=csv` (or `nvidia-smi -L`), or the spec \
                uses a placeholder GPU that lint warns about (TS404) until you replace it.
                """
        )

        @Argument(help: "A file with the output of `nvidia-smi topo -m`, or - for standard input.")
        var file: String

        @Option(
            name: .customLong("gpu-names"),
            help: "A file with `nvidia-smi --query-gpu=index,name,pci.bus_id --format=csv` or `nvidia-smi -L` output.")
        var gpuNames: String?

        @OptionGroup var common: ImportOptions

        func run() throws {
            let importer = NvidiaSmiTopoImporter(typeName: common.type ?? "imported")
            try common.finish(importer.importFile(path: file, gpuNamesPath: gpuNames))
        }
    }

    /// `topospec import nccl-xml FILE [--type NAME] [-o FILE]`.
    struct NCCLXML: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nccl-xml",
            abstract:
                "Import an NCCL topology file (NCCL_TOPO_FILE, NCCL_TOPO_DUMP_FILE), or RCCL's (version 2, xGMI links).",
            discussion: """
                Full dumps and the partial files cloud providers ship are both read; bus ids are kept. Defects \
                NCCL would silently misread (an NVLink to its own bus id, link_width="0", a link_speed it treats \
                as PCIe Gen3) are reported at their line.
                """
        )

        @Argument(help: "An NCCL topology XML file, or - for standard input.")
        var file: String

        @OptionGroup var common: ImportOptions

        func run() throws {
            let importer = NCCLTopologyImporter(typeName: common.type ?? "imported")
            try common.finish(importer.importFile(path: file))
        }
    }
}

extension ImportCommand {
    /// `topospec import hwloc FILE [--gpu-names FILE] [--nvidia-smi FILE] [--type NAME] [-o FILE]`.
    struct Hwloc: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hwloc",
            abstract: "Import an hwloc XML topology (`lstopo --of xml`).",
            discussion: """
                hwloc gives the sockets, host bridges, PCIe switches (bus ids, uplink speeds) and the PCI ids of \
                the GPUs and NICs, but not NVLink: add --nvidia-smi with `nvidia-smi topo -m` of the same machine \
                for it (otherwise NVLink comes from the GPU model, or is `unknown`).
                """
        )

        @Argument(help: "An hwloc XML file (`lstopo --of xml > FILE`).")
        var file: String

        @Option(
            name: .customLong("gpu-names"),
            help: "A file with `nvidia-smi --query-gpu=index,name,pci.bus_id --format=csv` or `nvidia-smi -L` output.")
        var gpuNames: String?

        @Option(
            name: .customLong("nvidia-smi"), help: "A file with `nvidia-smi topo -m` of the same machine, for NVLink.")
        var nvidiaSmi: String?

        @OptionGroup var common: ImportOptions

        func run() throws {
            let importer = HwlocImporter(typeName: common.type ?? "imported")
            try common.finish(importer.importFile(path: file, gpuNamesPath: gpuNames, nvidiaSmiPath: nvidiaSmi))
        }
    }
}

extension ImportCommand {
    /// `topospec import rocm-smi FILE [--sku NAME] [--type NAME] [-o FILE]`.
    struct RocmSmi: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rocm-smi",
            abstract: "Import the output of `rocm-smi --showtopo` (AMD Instinct, xGMI links).",
            discussion: """
                The output does not name the GPU model: pass --sku with a catalog SKU (mi300x, mi325x, mi355x, …) \
                or the spec uses a placeholder AMD GPU that lint warns about (TS404).
                """
        )

        @Argument(help: "A file with the output of `rocm-smi --showtopo`.")
        var file: String

        @Option(help: "The catalog SKU of the GPUs (e.g. mi300x).")
        var sku: String?

        @OptionGroup var common: ImportOptions

        func run() throws {
            let importer = RocmSmiImporter(typeName: common.type ?? "imported", sku: sku)
            try common.finish(importer.importFile(path: file))
        }
    }
}

extension ImportCommand {
    /// `topospec import amd-smi FILE [--amd-smi FILE] [--sku NAME] [--type NAME] [-o FILE]`.
    struct AmdSmi: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "amd-smi",
            abstract: "Import the output of `amd-smi topology` (AMD GPUs, xGMI links).",
            discussion: """
                The tables name the GPUs by bus id only: pass --amd-smi with the output of `amd-smi` (its default \
                view, which prints each GPU's bus id and name) or --sku with a catalog SKU, or the spec uses a \
                placeholder AMD GPU that lint warns about (TS404).
                """
        )

        @Argument(help: "A file with the output of `amd-smi topology`, or - for standard input.")
        var file: String

        @Option(
            name: .customLong("amd-smi"),
            help: "A file with the output of `amd-smi` (no subcommand) of the same machine, for the GPU names.")
        var amdSmi: String?

        @Option(help: "The catalog SKU of the GPUs (e.g. mi300x).")
        var sku: String?

        @OptionGroup var common: ImportOptions

        func run() throws {
            let importer = AmdSmiTopologyImporter(typeName: common.type ?? "imported", sku: sku)
            try common.finish(importer.importFile(path: file, amdSmiPath: amdSmi))
        }
    }
}

/// Options both importers take, and what they do with a result.
struct ImportOptions: ParsableArguments {
    @Option(help: "Name of the node type to write (default: imported).")
    var type: String?

    @Option(name: .shortAndLong, help: "Write the spec to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Colour of the findings: auto (terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    /// Prints the findings to standard error and the spec to standard output or `output`; exits 2
    /// when there is no spec. The rules lint the written spec, and their findings go into it as
    /// comments (`ImportedSpecLint`).
    func finish(_ result: ImportResult) throws {
        printToStandardError(result.findings, sources: result.sources, color: color)
        guard let written = result.spec else { throw ExitCode(2) }
        let spec = ImportedSpecLint.annotate(written, path: output ?? "<imported spec>").spec
        guard let output else {
            print(spec, terminator: "")
            return
        }
        do {
            try AtomicFile.write(spec, to: output)
        } catch {
            try fail("\(error)")
        }
    }
}
