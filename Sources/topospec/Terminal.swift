import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Terminal facts the CLI needs: whether to colour output.
enum Terminal {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset or empty (https://no-color.org).
    static func wantsColor(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
            return isatty(STDOUT_FILENO) != 0
        }
    }

    /// True when standard error is a terminal (progress bars go there).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Writes to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
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

/// `--color auto|always|never`.
enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never
}
