import Foundation
import TopoDiagnostics
import TopoModel
import TopoYAML

/// Reads spec files from disk: whole files, with the size limit checked before reading, and
/// directories expanded to the `.yaml` / `.yml` files below them in sorted order.
public enum SpecLoader {
    /// Largest spec read, in bytes (the YAML layer enforces the same limit).
    public static let maximumBytes = YAMLParser.Limits().bytes

    /// The bytes of `path`, or an input diagnostic saying why they cannot be read.
    public static func read(_ path: String) -> Result<[UInt8], Diagnostic> {
        let at = SourceLocation(file: path, line: 1, column: 1)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Diagnostic(code: DiagnosticCode.io, message: "no such file", location: at))
        }
        if isDirectory.boolValue {
            return .failure(Diagnostic(code: DiagnosticCode.io, message: "is a directory", location: at))
        }
        if let size = (try? manager.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > maximumBytes {
            return .failure(Diagnostic(code: DiagnosticCode.fileTooLarge,
                                       message: "the file is \(size.intValue) bytes; topospec reads specs up to \(maximumBytes) bytes",
                                       location: at))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(Diagnostic(code: DiagnosticCode.io, message: "cannot be read (permission denied?)", location: at))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            WorkCounter.add(data.count, .specBytesRead)
            return .success([UInt8](data))
        } catch {
            return .failure(Diagnostic(code: DiagnosticCode.io, message: "cannot be read: \(error.localizedDescription)", location: at))
        }
    }

    /// Expands arguments: files stay as given; directories become the `.yaml`/`.yml` files below
    /// them (recursively, sorted, hidden entries skipped). Missing paths are kept so reading them
    /// reports the error.
    public static func expand(_ paths: [String]) -> [String] {
        var result: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                result.append(path)
                continue
            }
            var found: [String] = []
            if let enumerator = manager.enumerator(atPath: path) {
                while let relative = enumerator.nextObject() as? String {
                    let components = relative.split(separator: "/")
                    if components.contains(where: { $0.hasPrefix(".") }) { continue }
                    if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                        found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
                    }
                }
            }
            result.append(contentsOf: found.sorted())
        }
        return result
    }
}
