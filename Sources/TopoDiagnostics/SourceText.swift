/// The text of one input file, with line lookup for rendering diagnostics. Lines are found lazily:
/// only files with diagnostics are ever scanned.
public struct SourceText: Sendable {
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The source `text` of the file at `path`, stored as its UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - path: The path diagnostics' locations use for this file.
    ///   - text: The file's contents.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The 1-based line `number`, without its line break, or nil when the file is shorter.
    /// Invalid UTF-8 is repaired and control characters (other than TAB; `UntrustedText.isControl`)
    /// are shown as U+FFFD, so a hostile file cannot send escape sequences to the terminal.
    ///
    /// - Parameter number: The 1-based line number; CR, LF and CRLF end lines.
    /// - Returns: The cleaned line, or nil when `number` is below 1 or past the last line.
    /// - Complexity: O(*n*) in the bytes before the end of that line: it scans from the start of
    ///   the file; use `line(_:lineStarts:)` to look up many lines.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = 0
        var index = 0
        defer { WorkCounter.add(index, .sourceBytesScanned) }
        while current < number {
            guard let newline = bytes[index...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else {
                index = bytes.count
                return nil
            }
            index = newline + 1
            if bytes[newline] == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
            current += 1
            start = index
        }
        return line(startingAt: start)
    }

    /// The byte offset where each line starts (line 1 at index 0), for looking up many lines:
    /// `line(_:)` scans from the start of the file every time.
    package func lineStarts() -> [Int] {
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
            if byte == 0x0A || byte == 0x0D { starts.append(index) }
        }
        WorkCounter.add(bytes.count, .sourceBytesScanned)
        return starts
    }

    /// The 1-based line `number` found through `lineStarts()`, as `line(_:)` gives it.
    package func line(_ number: Int, lineStarts: [Int]) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        return line(startingAt: lineStarts[number - 1])
    }

    private func line(startingAt start: Int) -> String {
        var end = start
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        WorkCounter.add(end - start, .sourceBytesScanned)
        let raw = String(decoding: bytes[start..<end], as: UTF8.self)
        var cleaned = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            if scalar == "\t" || !UntrustedText.isControl(scalar) {
                cleaned.append(scalar)
            } else {
                cleaned.append("\u{FFFD}")
            }
        }
        return String(cleaned)
    }
}
