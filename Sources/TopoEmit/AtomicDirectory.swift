import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a set of files as one: into a fresh hidden folder beside the target, which then takes
/// the target's place (issue 12: `place --emit all` left an old `torchrun.sh` of another job
/// beside the new `env.sh`, and a failure mid-run left half a set).
///
/// - The target must be new, empty, or a set this writer wrote before (it holds `markerName`);
///   a folder with other files is refused, so `-o .` cannot replace someone's work.
/// - Nothing is written inside the old target, so a folder symlink planted inside it cannot
///   redirect a write; a target that is itself a symbolic link or not a folder is refused.
/// - On any failure the fresh folder is removed and the old set is left whole; no `.tmp`
///   leftovers. The swap is two renames in one folder; between them the old set sits beside the
///   target under a hidden name and is put back if the second rename fails.
package enum AtomicDirectory {
    /// The file that marks a folder as a set written by topospec (it lists the files).
    package static let markerName = ".topospec-files"

    package struct File: Sendable {
        package var path: String
        package var contents: String
        package var executable: Bool

        package init(path: String, contents: String, executable: Bool) {
            self.path = path
            self.contents = contents
            self.executable = executable
        }
    }

    /// Writes `files` as the whole contents of the folder `target`, with the marker file.
    ///
    /// - Parameters:
    ///   - files: The files, by paths relative to `target` (subfolders allowed; no `..`, `.`, empty or
    ///     absolute parts).
    ///   - target: The folder to create or replace.
    /// - Throws: A `Failure` saying why nothing changed: an unusable target (`.`, a file, a
    ///   link, a folder of other files), a path outside it, two paths that differ only in case, or an
    ///   I/O error.
    package static func write(_ files: [File], to target: String) throws(AtomicFile.Failure) {
        func failure(_ text: String) -> AtomicFile.Failure {
            AtomicFile.Failure(description: text)
        }
        var folder = target
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        let manager = FileManager.default
        // (Split by hand: Foundation's NSString path methods trap on "." on Linux.)
        let slash = folder.lastIndex(of: "/")
        let name = slash.map { String(folder[folder.index(after: $0)...]) } ?? folder
        let parent = slash.map { $0 == folder.startIndex ? "/" : String(folder[..<$0]) } ?? "."
        guard !name.isEmpty, name != ".", name != "..", name != "/" else {
            throw failure("cannot replace \(target) as a whole; name a new or empty folder (such as launch/)")
        }
        var info = stat()
        let exists = lstat(folder, &info) == 0
        if exists {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw failure(
                    "\(target) exists and is not a folder (or is a symbolic link); name a new or empty folder")
            }
            let entries = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
            if !entries.isEmpty && !entries.contains(markerName) {
                throw failure("\(target) holds files topospec did not write; name a new or empty folder")
            }
        }
        for file in files {
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            guard !file.path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                throw failure("refusing to write \(file.path) outside \(target)")
            }
        }
        // Names that differ only in case (nodes `gpu01` and `GPU01`) would be one file on a
        // case-insensitive disk (macOS, Windows): refuse the set rather than lose a file.
        var seen: [String: String] = [:]
        for file in files {
            let folded = file.path.lowercased()
            if let other = seen[folded], other != file.path {
                throw failure(
                    "\(other) and \(file.path) differ only in case and would be one file on a case-insensitive disk; rename one of the nodes"
                )
            }
            seen[folded] = file.path
        }
        let token = UUID().uuidString
        let fresh = parent + "/." + name + "." + token + ".new"
        let old = parent + "/." + name + "." + token + ".old"
        do {
            try manager.createDirectory(
                atPath: fresh, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            for file in files {
                let path = fresh + "/" + file.path
                if let cut = path.lastIndex(of: "/") {
                    try manager.createDirectory(atPath: String(path[..<cut]), withIntermediateDirectories: true)
                }
                try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
                try manager.setAttributes([.posixPermissions: file.executable ? 0o755 : 0o644], ofItemAtPath: path)
            }
            let list = files.map(\.path).sorted().joined(separator: "\n") + "\n"
            try Data(("# Files written by topospec; the folder is replaced as a whole on the next run.\n" + list).utf8)
                .write(to: URL(fileURLWithPath: fresh + "/" + markerName), options: .withoutOverwriting)
        } catch {
            try? manager.removeItem(atPath: fresh)
            throw failure("cannot write \(target): \(AtomicFile.reason(error))")
        }
        if exists, rename(folder, old) != 0 {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(atPath: fresh)
            throw failure("cannot replace \(target): \(reason)")
        }
        if rename(fresh, folder) != 0 {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(old, folder) }
            try? manager.removeItem(atPath: fresh)
            throw failure("cannot replace \(target): \(reason)")
        }
        if exists { try? manager.removeItem(atPath: old) }
    }
}
