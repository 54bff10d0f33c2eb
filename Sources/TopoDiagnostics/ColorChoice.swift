#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--color auto|always|never`, decided for the stream actually written to (as swift-format's
/// `isTTY(_:)` does): diagnostics on standard error are coloured when standard error is a
/// terminal, whatever standard output is.
public enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never

    /// Whether to colour text written to file descriptor `fd`: `always`, or `auto` when `fd` is a
    /// terminal, `NO_COLOR` is unset or empty (https://no-color.org) and `TERM` is not `dumb`.
    ///
    /// - Parameters:
    ///   - fd: The descriptor the coloured text goes to (2 for diagnostics on standard error).
    ///   - environment: The process environment, read for `NO_COLOR` and `TERM`.
    /// - Returns: True when escape sequences should be written.
    public func enabled(forFileDescriptor fd: Int32, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let value = environment["NO_COLOR"], !value.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isatty(fd) != 0
        }
    }
}
