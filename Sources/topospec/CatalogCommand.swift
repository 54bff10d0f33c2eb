import ArgumentParser
import TopoModel

/// `topospec catalog`: the built-in hardware catalog, as a table or as the YAML it is written in.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Show the built-in hardware catalog (GPUs, NVSwitches, NICs, CPUs, PCIe).",
        discussion: "Extend it in a spec with `hardware:`, in the same syntax as `--yaml` prints.")

    @Flag(help: "Print the catalog's YAML source.")
    var yaml = false

    func run() throws {
        if yaml {
            print(BuiltinCatalog.yaml, terminator: BuiltinCatalog.yaml.hasSuffix("\n") ? "" : "\n")
            return
        }
        print(CatalogTable.text(BuiltinCatalog.catalog), terminator: "")
    }
}
