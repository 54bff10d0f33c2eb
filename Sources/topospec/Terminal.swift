import FoundationEssentials
import TopoDiagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Terminal facts the CLI needs: whether to colour a stream, and writing to standard error.
enum Terminal {
    /// The streams the CLI writes to.
    enum Stream {
        case standardOutput, standardError

        var fileDescriptor: Int32 {
            switch self {
            case .standardOutput: STDOUT_FILENO
            case .standardError: STDERR_FILENO
            }
        }
    }

    /// Whether to colour what is written to `stream` (see `ColorChoice.enabled`).
    static func wantsColor(_ choice: ColorChoice, for stream: Stream) -> Bool {
        choice.enabled(forFileDescriptor: stream.fileDescriptor, environment: ProcessInfo.processInfo.environment)
    }

    /// True when standard error is a terminal (progress bars go there).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Writes to standard error.
    static func error(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Replaces the status line on standard error (only on a terminal): what a slow command is
    /// doing now. `clearStatus()` removes it before the command's own output.
    static func status(_ text: String) {
        guard stderrIsTerminal else { return }
        error("\r" + text + "\u{1B}[K")
    }

    /// Removes the status line, if any.
    static func clearStatus() {
        guard stderrIsTerminal else { return }
        error("\r\u{1B}[K")
    }
}
