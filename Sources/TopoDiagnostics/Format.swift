/// How topospec writes numbers in messages, reports and generated files: one place, so every
/// output rounds alike, and no value, however large or odd, can trap a conversion to `Int`.
package enum Format {
    /// Integers below this magnitude convert to `Int` exactly; larger values print as Swift does.
    static let exactIntegerLimit = 1e15

    /// A number without a needless fraction: 50 → `50`, 28.125 → `28.125`; `decimals` rounds
    /// first (28.1254 with 3 → `28.125`). Huge, infinite and NaN values print as Swift writes them.
    package static func number(_ value: Double, decimals: Int? = nil) -> String {
        var x = value
        if let decimals, x.isFinite, abs(x) < exactIntegerLimit {
            var scale = 1.0
            for _ in 0..<max(0, min(decimals, 15)) { scale *= 10 }
            x = (x * scale).rounded() / scale
        }
        if x.isFinite, x == x.rounded(), abs(x) < exactIntegerLimit { return String(Int(x)) }
        return String(x)
    }

    /// `text` cut or filled with spaces to `length` characters (a table column).
    public static func padded(_ text: String, _ length: Int) -> String {
        text.count >= length ? String(text.prefix(length)) : text + String(repeating: " ", count: length - text.count)
    }

    /// `x` with exactly `decimals` digits after the point, as C's `%.Nf` writes it (ties to even):
    /// `fixed(2767.2, 2)` → `2767.20`. Huge, infinite and NaN values print as Swift writes them.
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        let digits = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        guard x.isFinite, abs(x) * scale < exactIntegerLimit else { return String(x) }
        let scaled = Int((x * scale).rounded(.toNearestOrEven))
        let unit = Int(scale)
        let whole = scaled / unit, fraction = abs(scaled % unit)
        let sign = scaled < 0 && whole == 0 ? "-" : ""
        guard digits > 0 else { return String(scaled) }
        let text = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }

    /// `x` with at most one decimal: `34.4`, `8`, `0.5`.
    package static func oneDecimal(_ x: Double) -> String {
        guard x.isFinite, abs(x) < exactIntegerLimit else { return String(x) }
        let tenths = Int((x * 10).rounded())
        let whole = tenths / 10, fraction = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? String(whole) : "\(sign)\(whole).\(fraction)"
    }

    /// Bytes in decimal units: `1.2 TB`, `34.4 GB`, `512 MB`.
    package static func bytes(_ bytes: Double) -> String {
        // Petabytes and up with three significant digits: "2.46 PB", not "2462.9 TB".
        for (scale, unit) in [(1e18, "EB"), (1e15, "PB")] where bytes >= scale && bytes.isFinite && bytes < 1e30 {
            let value = bytes / scale
            let decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2
            let factor = [1.0, 10, 100][decimals]
            let scaled = Int((value * factor).rounded())
            guard decimals > 0 else { return "\(scaled) \(unit)" }
            let fraction = String(scaled % Int(factor))
            return
                "\(scaled / Int(factor)).\(String(repeating: "0", count: decimals - fraction.count) + fraction) \(unit)"
        }
        if bytes >= 1e12 { return oneDecimal(bytes / 1e12) + " TB" }
        if bytes >= 1e9 { return oneDecimal(bytes / 1e9) + " GB" }
        return oneDecimal((bytes / 1e6).rounded()) + " MB"
    }

    /// A bandwidth in GB/s: whole from 100 up (`450 GB/s`), else one decimal (`31.5 GB/s`).
    package static func bandwidth(gbs: Double) -> String {
        gbs >= 100 ? oneDecimal(gbs.rounded()) + " GB/s" : oneDecimal(gbs) + " GB/s"
    }

    /// A duration: `12 s`, `2.5 s`, `340 ms`, `4.2 ms`.
    package static func seconds(_ s: Double) -> String {
        if s >= 10 { return oneDecimal(s.rounded()) + " s" }
        if s >= 1 { return oneDecimal(s) + " s" }
        if s >= 0.01 { return oneDecimal((s * 1000).rounded()) + " ms" }
        return oneDecimal(s * 1000) + " ms"
    }

    /// `count` and the noun, plural unless the count is one: `1 GPU`, `3 GPUs`, `0 errors`.
    package static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
    }
}
