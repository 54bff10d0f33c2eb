import TopoDiagnostics

/// Checks that input bytes are text libyaml will accept, before libyaml sees them, so problems
/// get an exact line and column (libyaml's own reader errors only carry a byte offset).
/// Accepted: UTF-8 (an optional UTF-8 byte-order mark), printable characters, TAB, LF, CR and NEL.
enum TextCheck {
    struct Problem {
        var line: Int
        var column: Int
        var message: String
        var help: String?
    }

    static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        let n = bytes.count
        if n >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            return Problem(line: 1, column: 1, message: "the file is UTF-16 (it starts with a UTF-16 byte-order mark); specs must be UTF-8",
                           help: "convert it: iconv -f UTF-16 -t UTF-8 FILE")
        }
        var i = 0
        var line = 1
        var column = 1
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b >= 0x20 && b != 0x7F {
                    column += 1
                } else if b == 0x0A {
                    line += 1
                    column = 1
                } else if b == 0x0D {
                    if i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                    line += 1
                    column = 1
                } else if b == 0x09 {
                    column += 1
                } else if b == 0 {
                    return Problem(line: line, column: column, message: "NUL byte in the file; specs are UTF-8 text",
                                   help: i == 1 || i == 0 ? "is the file UTF-16 or UTF-32? convert it with iconv -t UTF-8" : nil)
                } else {
                    return Problem(line: line, column: column,
                                   message: "control character U+\(hex(UInt32(b))) is not allowed in a spec")
                }
                i += 1
                continue
            }
            // Multi-byte sequence.
            let length: Int
            var scalar: UInt32
            if b & 0xE0 == 0xC0 { length = 2; scalar = UInt32(b & 0x1F) }
            else if b & 0xF0 == 0xE0 { length = 3; scalar = UInt32(b & 0x0F) }
            else if b & 0xF8 == 0xF0 { length = 4; scalar = UInt32(b & 0x07) }
            else {
                return Problem(line: line, column: column, message: "invalid UTF-8: byte 0x\(hex(UInt32(b))) cannot start a character")
            }
            if i + length > n {
                return Problem(line: line, column: column, message: "invalid UTF-8: the file ends in the middle of a character")
            }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else {
                    return Problem(line: line, column: column, message: "invalid UTF-8: byte 0x\(hex(UInt32(c))) is not a continuation byte")
                }
                scalar = (scalar << 6) | UInt32(c & 0x3F)
            }
            let minimum: UInt32 = length == 2 ? 0x80 : (length == 3 ? 0x800 : 0x10000)
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return Problem(line: line, column: column, message: "invalid UTF-8: overlong or out-of-range sequence")
            }
            if (0x80...0x9F).contains(scalar) && scalar != 0x85 || scalar == 0xFFFE || scalar == 0xFFFF {
                return Problem(line: line, column: column, message: "character U+\(hex(scalar)) is not allowed in a spec")
            }
            if scalar == 0x85 || scalar == 0x2028 || scalar == 0x2029 {
                // YAML 1.1 line breaks; libyaml counts them as new lines.
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += length
        }
        return nil
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
