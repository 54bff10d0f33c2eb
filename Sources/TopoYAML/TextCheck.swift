import TopoDiagnostics

/// Turns libyaml's reader errors (invalid UTF-8, control characters), which carry only a byte
/// offset, into a line, a column and a clear message. libyaml already checks every byte of the
/// input, so topospec does not scan it a second time; this runs only when something is wrong.
enum TextCheck {
    struct Problem {
        var line: Int
        var column: Int
        var message: String
        var help: String?
    }

    /// A UTF-16 or UTF-32 byte-order mark at the start (libyaml would read such a file; specs are
    /// UTF-8 only).
    static func wideEncodingProblem(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        guard bytes.count >= 2 else { return nil }
        let b0 = bytes[0], b1 = bytes[1]
        guard (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE) || (b0 == 0 && b1 == 0) else { return nil }
        return Problem(
            line: 1, column: 1,
            message: "the file is UTF-16 or UTF-32 (it starts with a byte-order mark); specs must be UTF-8",
            help: "convert it: iconv -f UTF-16 -t UTF-8 FILE")
    }

    /// The first U+0085 (NEL), U+2028 (line separator) or U+2029 (paragraph separator). libyaml
    /// reads each as a line break, even inside a comment, so a key written "in a comment" after
    /// one would be parsed and every later position would shift; editors and diff views show no
    /// break there. Refused like the other control characters (one pass over the bytes, only
    /// looking further at 0xC2 and 0xE2).
    static func lineSeparatorProblem(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        var i = 0
        let n = bytes.count
        while i + 1 < n {
            let b = bytes[i]
            if b == 0xC2, bytes[i + 1] == 0x85 {
                let (line, column) = position(of: i, in: bytes)
                return Problem(
                    line: line, column: column, message: "control character U+0085 (next line) is not allowed in a spec"
                )
            }
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                let (line, column) = position(of: i, in: bytes)
                let name = bytes[i + 2] == 0xA8 ? "U+2028 (line separator)" : "U+2029 (paragraph separator)"
                return Problem(
                    line: line, column: column,
                    message: "\(name) is not allowed in a spec: YAML reads it as a line break that editors do not show",
                    help: "remove it, or write a real line break")
            }
            i += 1
        }
        return nil
    }

    /// Describes the reader error libyaml reported at byte `offset`.
    static func readerProblem(in bytes: UnsafeBufferPointer<UInt8>, offset: Int, libyamlProblem: String) -> Problem {
        var clamped = max(0, min(offset, bytes.count))
        if libyamlProblem.contains("trailing") {
            // libyaml points at the bad continuation byte; the character starts at its lead byte.
            var k = clamped - 1
            while k >= 0, k >= clamped - 3 {
                if bytes[k] >= 0xC0 { clamped = k; break }
                k -= 1
            }
        }
        let (line, column) = position(of: clamped, in: bytes)
        guard clamped < bytes.count else {
            return Problem(
                line: line, column: column, message: "invalid UTF-8: the file ends in the middle of a character")
        }
        let byte = bytes[clamped]
        if byte == 0 {
            return Problem(
                line: line, column: column, message: "NUL byte in the file; specs are UTF-8 text",
                help: clamped <= 1 ? "is the file UTF-16 or UTF-32? convert it with iconv -t UTF-8" : nil)
        }
        if byte < 0x20 || byte == 0x7F {
            return Problem(
                line: line, column: column, message: "control character U+\(hex(UInt32(byte))) is not allowed in a spec"
            )
        }
        if byte >= 0xC2, byte <= 0xC2, clamped + 1 < bytes.count, (0x80...0x9F).contains(bytes[clamped + 1]) {
            return Problem(
                line: line, column: column,
                message: "control character U+\(hex(UInt32(bytes[clamped + 1]))) is not allowed in a spec")
        }
        // U+FFFE and U+FFFF are valid UTF-8 but not characters YAML allows.
        if byte == 0xEF, clamped + 2 < bytes.count, bytes[clamped + 1] == 0xBF, bytes[clamped + 2] >= 0xBE {
            return Problem(
                line: line, column: column,
                message: "noncharacter U+FFF\(bytes[clamped + 2] == 0xBE ? "E" : "F") is not allowed in a spec")
        }
        return Problem(
            line: line, column: column,
            message: "invalid UTF-8 (\(libyamlProblem), byte 0x\(hex(UInt32(byte), width: 2)))")
    }

    /// 1-based line and column (in characters) of byte `offset`; CR, LF and CRLF end lines.
    static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var i = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        while i < offset {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b == 0x0D {
                if i + 1 < offset, bytes[i + 1] == 0x0A { i += 1 }
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }

    private static func hex(_ value: UInt32, width: Int = 4) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
