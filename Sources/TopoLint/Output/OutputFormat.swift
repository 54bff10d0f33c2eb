/// The formats `topospec lint` writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Compiler-style text with source excerpts.
    case text
    /// One JSON document (shape in README, "JSON output").
    case json
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…::`), shown as annotations on pull requests.
    case github
}

/// Version shown in outputs.
package enum ToolInfo {
    package static let name = "topospec"
    package static let version = "0.1.0"
}
