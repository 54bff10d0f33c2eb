/// How serious a diagnostic is. `error` means physically impossible, contradictory or unusable
/// input; `warning` means it works but is slow or risky; `info` is advice.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    /// Orders severities by seriousness: `info` < `warning` < `error`.
    ///
    /// - Returns: True when `a` is less serious than `b`.
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
