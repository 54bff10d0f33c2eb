import Foundation
import TopoDiagnostics
import TopoImport
import TopoLint
import TopoModel

/// The shared real inputs (copied under Tests/Fixtures/shared) and helpers to import and lint them.
enum Fixtures {
    /// The repository root, found from this source file's location.
    static let root: String = {
        var path = #filePath
        for _ in 0..<3 {
            if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) }
        }
        return path
    }()

    static let nvidiaSmiFolder = root + "/Tests/Fixtures/shared/nvidia-smi-topo/"
    static let ncclFolder = root + "/Tests/Fixtures/shared/nccl-xml/"

    /// File names in `folder` ending in `suffix`, sorted.
    static func files(in folder: String, suffix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
    }

    static let nvidiaSmiFiles = files(in: nvidiaSmiFolder, suffix: ".txt")
    static let ncclFiles = files(in: ncclFolder, suffix: ".xml")

    /// Lints `spec` text as a file named `path`, with no configuration file.
    static func lint(_ spec: String, path: String = "imported.yaml") -> Linter.FileReport {
        Linter(configuration: .none).lint(bytes: Array(spec.utf8), path: path)
    }
}
