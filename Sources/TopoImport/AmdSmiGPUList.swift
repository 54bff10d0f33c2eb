import TopoDiagnostics

/// The GPU names and bus ids in `amd-smi`'s default view (AMD SMI ≥ 24.7): one box per GPU whose
/// first line is `| 0000:0d:00.0    AMD Instinct MI355X | …`. `amd-smi topology` names the GPUs
/// only by bus id; this list says what they are.
struct AmdSmiGPUList: Sendable {
    /// Bus id (normalized, `0000:0d:00.0`) to the name amd-smi prints.
    var names: [String: String]
    var locations: [String: SourceLocation]

    /// Reads `text`, or says that it holds no GPU line.
    static func parse(_ text: InputText) -> Result<AmdSmiGPUList, ImportFailure> {
        var names: [String: String] = [:]
        var locations: [String: SourceLocation] = [:]
        for (index, line) in text.lines.enumerated() {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count >= 3, fields[0].trimmingWhitespace().isEmpty else { continue }
            let words = fields[1].split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 2, let bus = GPUNamesFile.normalizedBusID(String(words[0])), names[bus] == nil else {
                continue
            }
            names[bus] = words.dropFirst().joined(separator: " ")
            locations[bus] = text.location(line: index + 1)
        }
        guard !names.isEmpty else {
            return .failure(
                ImportFailure([
                    ImportCodes.malformedGPUNames.diagnostic(
                        "no line of the text names a GPU (`| 0000:0d:00.0  AMD Instinct MI355X | …`); expected the output of `amd-smi`",
                        at: text.location(line: 1),
                        help: "run `amd-smi` (without a subcommand) on the node and pass its output")
                ]))
        }
        return .success(AmdSmiGPUList(names: names, locations: locations))
    }
}
