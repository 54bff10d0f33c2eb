import Foundation

/// The repository's own files for tests that read them: the root, found from this source file's
/// location (`Tests/TopoTestSupport/RepositoryPaths.swift`), and the shared real inputs copied
/// under `Tests/Fixtures/shared`.
public enum RepositoryPaths {
    /// The repository root, without a trailing slash.
    public static let root: String = {
        var path = #filePath
        for _ in 0..<3 {
            if let slash = path.lastIndex(of: "/") { path = String(path[..<slash]) }
        }
        return path
    }()

    /// `nvidia-smi topo -m` captures of real machines.
    public static let nvidiaSmiFolder = root + "/Tests/Fixtures/shared/nvidia-smi-topo/"
    /// NCCL topology files (`NCCL_TOPO_DUMP_FILE`) of real machines.
    public static let ncclFolder = root + "/Tests/Fixtures/shared/nccl-xml/"
    /// QAPLIB instances with their best known solutions.
    public static let qaplibFolder = root + "/Tests/Fixtures/shared/qaplib/"

    /// Names of the files in `folder` that end in `suffix`, sorted.
    /// - Complexity: O(n log n) in the folder's entries.
    public static func files(in folder: String, suffix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
    }
}
