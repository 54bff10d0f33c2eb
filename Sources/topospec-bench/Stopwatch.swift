import Dispatch
import Foundation

/// Seconds since the previous lap (or since it was made).
final class Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds

    func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }

    static func format(_ seconds: Double) -> String { String(format: "%.4f", seconds) }
}
