import TopoDiagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An importer's input as checked text: read from disk (or given as bytes), refused when empty,
/// too large or binary, and split into lines. Locations are 1-based lines and columns counted in
/// Unicode scalars, like the YAML side's.
struct InputText: Sendable {
    /// Largest input an importer reads.
    static let maximumBytes = 16 << 20

    let path: String
    let source: SourceText
    /// Line `i + 1` of the file, without its line break.
    let lines: [String]

    /// The name standard input goes by in findings when a command reads `-`.
    static let standardInputName = "<stdin>"

    /// The name a path is shown under: `<stdin>` for `-`, else the path.
    static func displayName(_ path: String) -> String {
        path == "-" ? standardInputName : path
    }

    /// Reads the file at `path` (standard input for `-`), or says why it cannot be used.
    static func read(path: String) -> Result<[UInt8], Diagnostic> {
        if path == "-" { return readStandardInput() }
        let location = SourceLocation(file: path, line: 1, column: 1)
        var info = stat()
        guard stat(path, &info) == 0 else {
            return .failure(ImportCodes.unreadableInput.diagnostic("cannot read `\(path)`: no such file", at: nil))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            return .failure(ImportCodes.unreadableInput.diagnostic("`\(path)` is a directory, not a file", at: nil))
        }
        if Int64(info.st_size) > Int64(maximumBytes) {
            return .failure(
                ImportCodes.unreadableInput.diagnostic(
                    "`\(path)` is \(info.st_size) bytes; importers read at most \(maximumBytes) bytes", at: location))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return .failure(ImportCodes.unreadableInput.diagnostic("cannot read `\(path)`", at: nil))
        }
        defer { _ = close(fd) }
        return readAll(
            fd,
            tooLarge: "`\(path)` holds more than \(maximumBytes) bytes; importers read at most \(maximumBytes) bytes",
            at: location, failure: "cannot read `\(path)`")
    }

    /// Standard input to its end, refused (without reading on) past `maximumBytes`.
    static func readStandardInput() -> Result<[UInt8], Diagnostic> {
        readAll(
            0,
            tooLarge:
                "standard input holds more than \(maximumBytes) bytes; importers read at most \(maximumBytes) bytes",
            at: SourceLocation(file: standardInputName, line: 1, column: 1), failure: "cannot read standard input")
    }

    /// Everything `fd` holds, read with the C library; refused once more than `maximumBytes` were read.
    private static func readAll(
        _ fd: Int32, tooLarge: String, at location: SourceLocation, failure: String
    ) -> Result<[UInt8], Diagnostic> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Self.readBytes(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(
                    ImportCodes.unreadableInput.diagnostic("\(failure): \(String(cString: strerror(errno)))", at: nil))
            }
            if count == 0 { return .success(bytes) }
            bytes += chunk[0..<count]
            if bytes.count > maximumBytes {
                return .failure(ImportCodes.unreadableInput.diagnostic(tooLarge, at: location))
            }
        }
    }

    private static func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
        #elseif canImport(Musl)
            Musl.read(fd, buffer, count)
        #else
            Darwin.read(fd, buffer, count)
        #endif
    }

    /// What every importer checks first: `typeName`, the node type it will write, is a valid name,
    /// and `bytes` are usable text (see `load`). Gives the text, or the result to return instead.
    static func loadForImport(
        _ bytes: [UInt8], path: String, what: String, typeName: String
    ) -> Result<InputText, Refusal> {
        guard YAMLText.isName(typeName) else {
            return .failure(
                Refusal(
                    result: ImportResult(
                        spec: nil,
                        findings: [
                            Diagnostic(
                                code: DiagnosticCode.invalidName,
                                message:
                                    "`\(typeName)` cannot name a node type: names are letters, digits, `.`, `_` and `-`, starting with a letter or digit",
                                location: nil)
                        ], sources: [])))
        }
        return load(bytes, path: path, what: what).mapError {
            Refusal(result: ImportResult(spec: nil, findings: [$0], sources: [SourceText(path: path, bytes: bytes)]))
        }
    }

    /// 3 when `bytes` start with a UTF-8 byte order mark (which is not content), else 0.
    static func byteOrderMarkLength(_ bytes: [UInt8]) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// An import refused before it began: the result the importer returns.
    struct Refusal: Error {
        let result: ImportResult
    }

    /// Checks `bytes` and splits them into lines; `what` names the expected content in messages
    /// ("`nvidia-smi topo -m` output").
    static func load(_ bytes: [UInt8], path: String, what: String) -> Result<InputText, Diagnostic> {
        let source = SourceText(path: path, bytes: bytes)
        if bytes.count > maximumBytes {
            return .failure(
                ImportCodes.unreadableInput.diagnostic(
                    "the input is \(bytes.count) bytes; importers read at most \(maximumBytes) bytes",
                    at: SourceLocation(file: path, line: 1, column: 1)))
        }
        if let problem = firstNonText(bytes) {
            return .failure(
                ImportCodes.unreadableInput.diagnostic(
                    "this is not text (\(problem.what) at line \(problem.line)); expected \(what)",
                    at: SourceLocation(file: path, line: problem.line, column: problem.column),
                    help: problem.utf16 ? "convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)" : nil))
        }
        let start = byteOrderMarkLength(bytes)
        var lines: [String] = []
        var index = start
        var lineStart = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(String(decoding: bytes[lineStart..<index], as: UTF8.self))
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < bytes.count { lines.append(String(decoding: bytes[lineStart..<bytes.count], as: UTF8.self)) }
        if lines.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) {
            return .failure(
                ImportCodes.unreadableInput.diagnostic(
                    "the file is empty; expected \(what)", at: SourceLocation(file: path, line: 1, column: 1)))
        }
        return .success(InputText(path: path, source: source, lines: lines))
    }

    /// A location on line `line` (1-based) at `column`, underlining `length` characters.
    func location(line: Int, column: Int = 1, length: Int = 0) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column, length: length)
    }

    /// The first byte sequence that makes `bytes` binary rather than text: NUL and other control
    /// characters (TAB, LF, CR and ESC are allowed) and invalid UTF-8.
    private static func firstNonText(_ bytes: [UInt8]) -> (what: String, line: Int, column: Int, utf16: Bool)? {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return ("a UTF-16 byte order mark", 1, 1, true)
        }
        var line = 1
        var column = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var length = 1
            switch byte {
            case 0x0A:
                line += 1
                column = 0
            case 0x0D:
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { length = 2 }
                line += 1
                column = 0
            case 0x09, 0x1B:
                break
            case 0x00:
                return ("a NUL byte", line, column, index + 1 < bytes.count && bytes[index + 1] != 0 && index % 2 == 1)
            case 0x01...0x1F, 0x7F:
                return ("control character 0x\(String(byte, radix: 16, uppercase: true))", line, column, false)
            case 0x20...0x7E:
                break
            default:
                guard let sequence = utf8SequenceLength(bytes, at: index) else {
                    return ("invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true))", line, column, false)
                }
                length = sequence
            }
            index += length
            column += 1
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` (a non-ASCII lead byte),
    /// or nil when it is not well-formed (bad lead, missing continuation, overlong, surrogate).
    private static func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
        }
        guard bytes.count - index >= length else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let (lo, hi): (UInt8, UInt8) = offset == 1 ? (low, high) : (0x80, 0xBF)
            guard byte >= lo, byte <= hi else { return nil }
        }
        return length
    }
}

/// A whitespace-separated word of a line and where it starts (1-based column, in scalars).
struct Word: Sendable, Equatable {
    var text: String
    var column: Int

    /// The words of `line`: split at spaces, TABs and no-break spaces.
    static func split(_ line: String) -> [Word] {
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var column = 0
        for scalar in line.unicodeScalars {
            column += 1
            if scalar == " " || scalar == "\t" || scalar == "\u{A0}" || scalar == "\u{1B}" {
                if !current.isEmpty {
                    words.append(Word(text: String(current), column: start))
                    current = String.UnicodeScalarView()
                }
            } else {
                if current.isEmpty { start = column }
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(Word(text: String(current), column: start)) }
        return words
    }
}
