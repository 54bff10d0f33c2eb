import Foundation
import TopoDiagnostics
import TopoImport
import TopoLint
import TopoModel
import TopoTestSupport

/// The shared real inputs (copied under Tests/Fixtures/shared) and helpers to import and lint them.
enum Fixtures {
    /// The repository root, found from this source file's location.
    static let root = RepositoryPaths.root

    static let nvidiaSmiFolder = RepositoryPaths.nvidiaSmiFolder
    static let ncclFolder = RepositoryPaths.ncclFolder

    static func files(in folder: String, suffix: String) -> [String] {
        RepositoryPaths.files(in: folder, suffix: suffix)
    }

    static let nvidiaSmiFiles = files(in: nvidiaSmiFolder, suffix: ".txt")
    static let ncclFiles = files(in: ncclFolder, suffix: ".xml")

    /// Lints `spec` text as a file named `path`, with no configuration file.
    static func lint(_ spec: String, path: String = "imported.yaml") -> Linter.FileReport {
        Linter(configuration: .none).lint(bytes: Array(spec.utf8), path: path)
    }
}
