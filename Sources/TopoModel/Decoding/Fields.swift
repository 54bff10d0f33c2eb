import TopoDiagnostics
import TopoYAML

/// The checked keys of one YAML mapping: lookups by key without building a dictionary (mappings
/// in a spec are small, and there are tens of thousands of them in a large cluster).
struct Fields {
    let node: YAMLNode

    subscript(key: String) -> YAMLNode? {
        for pair in node.pairs where pair.key.hasScalar(key) { return pair.value }
        return nil
    }

    /// Where `key` itself is written (falls back to the mapping).
    func keyLocation(_ key: String) -> SourceLocation {
        for pair in node.pairs where pair.key.hasScalar(key) { return pair.key.location }
        return node.location
    }

    var location: SourceLocation { node.location }
}
