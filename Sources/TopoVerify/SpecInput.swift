import TopoDiagnostics
import TopoLint
import TopoModel
import TopoYAML

/// The spec verify checks against: read, parsed and decoded, or the located errors that make it
/// unusable (the same ones `topospec lint` gives).
public enum SpecInput {
    /// Reads and decodes the spec at `path`.
    ///
    /// - Parameter path: The spec's path, read as `SpecLoader.read(_:)` reads it.
    /// - Returns: The spec and its text; throws a `VerifyInputFailure` with the I/O diagnostic or, as
    ///   `decode(_:path:)` gives them, the YAML and decoding errors.
    public static func load(_ path: String) throws(VerifyInputFailure) -> (spec: ClusterSpec, source: SourceText) {
        let bytes: [UInt8]
        do {
            bytes = try SpecLoader.read(path)
        } catch {
            throw VerifyInputFailure(diagnostics: [error], sources: [])
        }
        return try decode(bytes, path: path)
    }

    /// Parses and decodes spec text.
    ///
    /// - Parameters:
    ///   - bytes: The spec's text, UTF-8.
    ///   - path: The name its locations carry.
    /// - Returns: The spec and its text; throws a `VerifyInputFailure` with the YAML diagnostics (`emptySpec`
    ///   for an empty file) or the decoder's errors, sorted.
    public static func decode(
        _ bytes: [UInt8], path: String
    ) throws(VerifyInputFailure) -> (spec: ClusterSpec, source: SourceText) {
        let source = SourceText(path: path, bytes: bytes)
        let parsed = YAMLParser().parse(bytes, file: path)
        guard let document = parsed.document else {
            var diagnostics = parsed.diagnostics
            if diagnostics.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        code: .emptySpec, message: "the file is empty",
                        location: SourceLocation(file: path, line: 1, column: 1)))
            }
            throw VerifyInputFailure(diagnostics: diagnostics.sorted(), sources: [source])
        }
        let decoded = SpecDecoder.decode(document)
        guard let spec = decoded.spec else {
            throw VerifyInputFailure(
                diagnostics: decoded.diagnostics.filter { $0.severity == .error }.sorted(), sources: [source])
        }
        return (spec, source)
    }
}

/// Input that makes verify unusable (exit status 2), with the texts to render it.
public struct VerifyInputFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public var sources: [SourceText]
}
