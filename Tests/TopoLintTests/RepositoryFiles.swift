import Foundation
import TopoTestSupport

/// Paths of the repository's own files, found from this source file's location.
enum RepositoryFiles {
    static let root = RepositoryPaths.root

    /// `.yaml` files directly in `folder` (relative to the root), sorted.
    static func specs(in folder: String) -> [String] {
        let directory = root + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory + "/" + $0 }
    }
}
