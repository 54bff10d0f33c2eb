import Foundation

/// Writes files so that no reader ever sees half of one: the bytes go to a temporary file in the
/// same folder, which is then renamed over the destination (rename is atomic on POSIX file
/// systems). On failure the temporary file is removed and the destination is left as it was.
public enum AtomicFile {
    /// Why a file could not be written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ text: String, to path: String) -> Result<Void, Failure> {
        write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) -> Result<Void, Failure> {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                return .failure(Failure(description: "cannot write \(path): \(reason)"))
            }
            return .success(())
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return .failure(Failure(description: "cannot write \(path): \(error.localizedDescription)"))
        }
    }
}
