import TopoDiagnostics
import TopoYAML

/// The catalog built into the binary (`BuiltinCatalogText.swift`), decoded once on first use
/// with the same decoder that reads a spec's `hardware:` block.
public enum BuiltinCatalog {
    /// The path shown in locations inside the built-in catalog.
    public static let file = "<built-in catalog>"

    /// The catalog's YAML text, as `topospec catalog --yaml` prints it.
    public static var yaml: String { builtinCatalogYAML }

    /// The decoded catalog and any problems found decoding it (a test keeps this list empty).
    /// Decoded with no `WorkCounter` bound: whichever caller happens to load it first is not
    /// charged for this one-time work.
    public static let loaded: (catalog: Catalog, diagnostics: [Diagnostic]) = WorkCounter.$current.withValue(nil) {
        let parsed = YAMLParser().parse(Array(builtinCatalogYAML.utf8), file: file)
        guard let document = parsed.document else { return (Catalog(), parsed.diagnostics) }
        var decoder = SpecDecoder(file: file, catalog: Catalog())
        if let root = decoder.context.mapping(
            document.root, "the catalog", allowed: ["hardware"], required: ["hardware"]),
            let hardware = root["hardware"]
        {
            decoder.decodeHardware(hardware, builtin: true)
        }
        return (decoder.catalog, parsed.diagnostics + decoder.context.sink.diagnostics)
    }

    /// The built-in catalog.
    public static var catalog: Catalog { loaded.catalog }
}
