import FoundationEssentials
import TopoDiagnostics
import TopoModel
import TopoYAML

#if canImport(Glibc)
    import Glibc
#endif

/// Reads spec files from disk: whole regular files, with the size limit enforced while reading, and
/// directories expanded to the `.yaml` / `.yml` files below them in sorted order.
public enum SpecLoader {
    /// Largest spec read, in bytes (the YAML layer enforces the same limit).
    public static let maximumBytes = YAMLParser.Limits().bytes

    /// The bytes of `path`, or an input diagnostic saying why they cannot be read.
    ///
    /// Specs come from pull requests, so reading one may not be turned against the machine:
    /// - the file is opened once (non-blocking, so a FIFO cannot hang the open) and the opened
    ///   descriptor is `fstat`ed: anything but a regular file (a FIFO, a device such as
    ///   `/dev/zero`, a socket) is refused;
    /// - the size limit is enforced on the bytes read, not on the size the file system reports
    ///   (`/proc` files report 0);
    /// - a symbolic link is followed only when its target lies inside the repository that holds
    ///   the link (the nearest folder above it with `.git`, or the current folder outside git),
    ///   so a spec cannot be a link to `~/.aws/credentials` or `/proc/self/environ` whose text
    ///   would be printed in excerpts. (`expand` does not pick up links at all.)
    ///
    /// - Parameter path: The spec's path; `-` (standard input) is refused.
    /// - Returns: The file's bytes; throws a diagnostic naming why not: `.io` when it is missing,
    ///   unreadable, not a regular file or a link leaving the repository, `.fileTooLarge` over
    ///   `maximumBytes`.
    /// - Complexity: O(*n*) in the bytes read, at most `maximumBytes`.
    public static func read(_ path: String) throws(Diagnostic) -> [UInt8] {
        let at = SourceLocation(file: path, line: 1, column: 1)
        func failure(_ code: DiagnosticCode = .io, _ message: String) -> Diagnostic {
            Diagnostic(code: code, message: message, location: at)
        }
        if path == "-" {
            throw failure(.io, "`-` names no file: topospec does not read specs from standard input; name the file")
        }
        if path.unicodeScalars.contains("\u{FFFD}") {
            throw failure(.io, "the file name is not valid UTF-8 (or holds U+FFFD); rename the file")
        }
        var link = stat()
        guard lstat(path, &link) == 0 else {
            throw failure(
                .io, errno == ENOENT ? "no such file" : "cannot be read: \(String(cString: strerror(errno)))")
        }
        if (link.st_mode & S_IFMT) == S_IFLNK, let problem = linkProblem(path) {
            throw failure(.io, problem)
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            throw failure(
                .io,
                errno == ENOENT
                    ? "no such file"
                    : errno == EACCES
                        ? "cannot be read (permission denied)" : "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(.io, "cannot be read: \(String(cString: strerror(errno)))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw failure(.io, "is a directory")
        case S_IFIFO:
            throw failure(.io, "is a FIFO (named pipe), not a regular file; topospec reads regular files only")
        case S_IFCHR, S_IFBLK: throw failure(.io, "is a device, not a regular file; topospec reads regular files only")
        case S_IFSOCK: throw failure(.io, "is a socket, not a regular file; topospec reads regular files only")
        default: throw failure(.io, "is not a regular file; topospec reads regular files only")
        }
        if Int(info.st_size) > maximumBytes {
            throw failure(
                .fileTooLarge, "the file is \(info.st_size) bytes; topospec reads specs up to \(maximumBytes) bytes")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, min(Int(info.st_size), maximumBytes)) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(.io, "cannot be read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maximumBytes {
                throw failure(
                    .fileTooLarge,
                    "the file holds more than \(maximumBytes) bytes; topospec reads specs up to \(maximumBytes) bytes")
            }
        }
        WorkCounter.add(bytes.count, .specBytesRead)
        return bytes
    }

    /// The folder part of `path` ("" for a bare name, "/" at the top); split by hand, as
    /// Foundation's NSString path methods trap on some inputs on Linux.
    static func parentFolder(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Why the symbolic link at `path` is not followed, or nil when its target is a file inside
    /// the link's repository.
    static func linkProblem(_ path: String) -> String? {
        guard let target = realpath(path, nil) else { return "is a symbolic link whose target does not exist" }
        let resolved = String(cString: target)
        free(target)
        let folder = parentFolder(path)
        guard let folderReal = realpath(folder.isEmpty ? "." : folder, nil) else {
            return "is a symbolic link in a folder that cannot be read"
        }
        var root = String(cString: folderReal)
        free(folderReal)
        var probe = root
        var found = false
        while true {
            if FileManager.default.fileExists(atPath: probe + "/.git") { root = probe; found = true; break }
            let parent = parentFolder(probe)
            if parent == probe || parent.isEmpty { break }
            probe = parent
        }
        if !found, let cwd = realpath(".", nil) {
            root = String(cString: cwd)
            free(cwd)
        }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard resolved.hasPrefix(prefix) else {
            return "is a symbolic link to a file outside the repository (\(root)); topospec does not follow it"
        }
        return nil
    }

    /// Expands arguments: files stay as given; directories become the regular `.yaml`/`.yml` files
    /// below them (recursively, sorted, hidden entries and symbolic links skipped). Missing paths are kept so reading them
    /// reports the error.
    ///
    /// - Parameter paths: Command-line arguments: files or folders.
    /// - Returns: The paths in argument order, each folder replaced by its spec files.
    /// - Complexity: O(*e* log *e*) for the *e* entries below the folders.
    public static func expand(_ paths: [String]) -> [String] {
        var result: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                result.append(path)
                continue
            }
            var found: [String] = []
            collectSpecs(in: path.hasSuffix("/") ? String(path.dropLast()) : path, into: &found)
            result.append(contentsOf: found.sorted())
        }
        return result
    }

    /// The `.yaml`/`.yml` regular files below `folder`, read with the C library's `readdir`.
    /// Regular files only: a symbolic link (to a file or a folder), a FIFO or a device met while
    /// scanning is skipped, never followed; hidden entries are skipped.
    private static func collectSpecs(in folder: String, into found: inout [String]) {
        guard let directory = opendir(folder.isEmpty ? "/" : folder) else { return }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        for name in names {
            let full = folder + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: collectSpecs(in: full, into: &found)
            case S_IFREG: if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { found.append(full) }
            default: continue
            }
        }
    }
}
