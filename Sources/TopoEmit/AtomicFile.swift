import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files so that no reader ever sees half of one: the bytes go to a temporary file in the
/// same folder, which is then renamed over the destination (rename is atomic on POSIX file
/// systems). On failure the temporary file is removed and the destination is left as it was.
package enum AtomicFile {
    /// Why a file could not be written.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    /// Writes `text`, UTF-8, to `path` atomically.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - path: The destination; missing folders above it are created.
    ///   - executable: Whether to set mode 0755 (scripts) instead of 0644.
    /// - Throws: A `Failure` naming the path and the system's reason.
    package static func write(_ text: String, to path: String, executable: Bool = false) throws(Failure) {
        try write(Data(text.utf8), to: path, executable: executable)
    }

    /// Writes `data` to `path`; `executable` sets mode 0755 (scripts), otherwise 0644.
    ///
    /// - Parameters:
    ///   - data: The file's contents.
    ///   - path: The destination; missing folders above it are created.
    ///   - executable: Whether to set mode 0755 (scripts) instead of 0644.
    /// - Throws: A `Failure` naming the path and the system's reason.
    package static func write(_ data: Data, to path: String, executable: Bool = false) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
            try FileManager.default.setAttributes(
                [.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: temporary.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(description: "cannot write \(path): \(reason(error))")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(description: "cannot write \(path): \(reason)")
        }
    }

    /// What went wrong, in the C library's words where the error carries an errno.
    static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let cocoa = error as? CocoaError, let posix = cocoa.underlying as? POSIXError {
            return (cocoa.filePath.map { "\($0): " } ?? "") + String(cString: strerror(posix.code.rawValue))
        }
        return String(describing: error)
    }
}
