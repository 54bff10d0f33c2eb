import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The captures in a directory, by node: `NODE.KIND` files at the top, or `KIND` files in a
/// folder per node (`DIR/NODE/nvidia-smi.txt`). Other files are not captures and are left alone.
public struct CaptureDirectory: Sendable {
    /// The kinds of capture verify knows, by file name suffix.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case nvidiaSmi = "nvidia-smi.txt"
        case ncclXML = "nccl.xml"
        case gpuList = "gpus.csv"
        case ncclTests = "nccl-tests.txt"
        case hwlocXML = "hwloc.xml"

        /// Orders kinds as `allCases` lists them.
        ///
        /// - Parameters:
        ///   - a: One kind.
        ///   - b: The other kind.
        /// - Returns: True when `a` comes before `b` in `allCases`.
        public static func < (a: Kind, b: Kind) -> Bool {
            allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
        }
    }

    /// Paths of each node's captures, by kind.
    public var nodes: [String: [Kind: String]]

    public init(nodes: [String: [Kind: String]]) {
        self.nodes = nodes
    }

    /// Node names in sorted order.
    public var nodeNames: [String] { nodes.keys.sorted() }

    /// Scans `path`. Fails with a message when it is not a readable directory.
    ///
    /// - Parameter path: The capture directory.
    /// - Returns: Every node's capture paths, hidden top-level entries skipped; throws a
    ///   `CaptureDirectoryError` when `path` is not a directory or cannot be listed.
    /// - Complexity: One listing of the directory and of each node folder in it.
    public static func scan(_ path: String) throws(CaptureDirectoryError) -> CaptureDirectory {
        let manager = FileManager.default
        guard isDirectory(path) else {
            throw CaptureDirectoryError(message: "`\(path)` is not a directory of captures")
        }
        guard let top = try? manager.contentsOfDirectory(atPath: path) else {
            throw CaptureDirectoryError(message: "cannot read the directory `\(path)`")
        }
        let base = path.hasSuffix("/") ? path : path + "/"
        var nodes: [String: [Kind: String]] = [:]
        for entry in top.sorted() where !entry.hasPrefix(".") {
            if let (node, kind) = split(entry) {
                nodes[node, default: [:]][kind] = base + entry
                continue
            }
            guard isDirectory(base + entry),
                let files = try? manager.contentsOfDirectory(atPath: base + entry)
            else { continue }
            for file in files.sorted() {
                guard let kind = Kind(rawValue: file) else { continue }
                nodes[entry, default: [:]][kind] = base + entry + "/" + file
            }
        }
        return CaptureDirectory(nodes: nodes)
    }

    /// Whether `path` is a directory (or a symbolic link to one).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// `dgx017.nvidia-smi.txt` → (`dgx017`, nvidia-smi). Node names may contain dots.
    static func split(_ file: String) -> (String, Kind)? {
        for kind in Kind.allCases where file.hasSuffix("." + kind.rawValue) {
            let node = String(file.dropLast(kind.rawValue.count + 1))
            if !node.isEmpty { return (node, kind) }
        }
        return nil
    }
}

/// A capture directory that cannot be used.
public struct CaptureDirectoryError: Error, Sendable {
    public var message: String
}
