/// The input errors: the spec cannot be used as written (I/O, YAML, schema, references). Input
/// errors make `topospec lint` exit with status 2 and stop before the rules run. Each has a stable
/// code and slug like the rules, so `topospec explain TS010` works for them too.
extension DiagnosticCode {
    /// An input error: domain `input`, severity `error`.
    static func input(_ code: String, _ slug: String, _ summary: String, _ explanation: String) -> DiagnosticCode {
        DiagnosticCode(
            code: code, slug: slug, domain: .input, severity: .error, summary: summary, explanation: explanation)
    }

    public static let yamlSyntax = input(
        "TS001", "yaml-syntax", "The file is not valid YAML.",
        "libyaml could not parse the file. The message gives libyaml's problem and the place it was found, and a note gives the construct it was inside. Tabs cannot indent YAML; a `:` inside a plain value needs quotes."
    )
    public static let duplicateKey = input(
        "TS002", "duplicate-key", "A mapping has the same key twice.",
        "YAML says keys are unique; most parsers silently keep the last value, which hides mistakes such as a node type defined twice with different wiring. topospec refuses the file and names both places."
    )
    public static let aliasLimit = input(
        "TS003", "alias-limit", "Aliases expand to too many nodes (an alias bomb).",
        "Anchors and aliases (`&a`, `*a`, `<<: *a`) are resolved by copying. A file whose aliases would expand to more than 1,000,000 extra nodes is refused at the alias that crosses the limit, before any memory is spent on it (the 'billion laughs' attack)."
    )
    public static let nestingLimit = input(
        "TS004", "nesting-limit", "Collections are nested too deeply.",
        "A spec never needs more than a dozen levels; topospec refuses nesting deeper than 128 levels so a hostile file cannot exhaust memory or the stack."
    )
    public static let encoding = input(
        "TS005", "invalid-encoding", "The file is not valid UTF-8 text.",
        "Specs are UTF-8. Invalid byte sequences, NUL bytes and other control characters (except TAB, LF and CR) are refused at the exact line and column; UTF-16 and UTF-32 files must be converted (`iconv -f UTF-16 -t UTF-8`)."
    )
    public static let multipleDocuments = input(
        "TS006", "multiple-documents", "The file holds more than one YAML document.",
        "A spec is one document. A second `---` starts another document, which topospec would otherwise ignore silently; put each cluster in its own file."
    )
    public static let emptySpec = input(
        "TS007", "empty-spec", "The file is empty.",
        "The file has no content (or only comments). A spec needs at least `topospec: 1`, `cluster`, `node_types` and `nodes`."
    )
    public static let rootNotMapping = input(
        "TS008", "root-not-mapping", "The document root is not a mapping.",
        "A spec's top level is a mapping of keys (`topospec: 1`, `cluster: …`); a list or a bare value at the top cannot be a spec."
    )
    public static let unknownAnchor = input(
        "TS009", "unknown-anchor", "An alias refers to an anchor that is not defined before it.",
        "`*name` must refer to an `&name` defined earlier in the file and not to a collection that contains the alias itself (a recursive structure)."
    )
    public static let unknownKey = input(
        "TS010", "unknown-key", "A key that the DSL does not define.",
        "Unknown keys are errors, not warnings: a misspelt key (`nvlinks:`) would otherwise be ignored and the spec would silently say something else. The message suggests the closest known key."
    )
    public static let wrongType = input(
        "TS011", "wrong-type", "A value has the wrong type.",
        "Each key takes one kind of value (a number, a name, a list, a mapping); see grammar/REFERENCE.md.")
    public static let outOfRange = input(
        "TS012", "out-of-range", "A number is outside the range the key allows.",
        "Counts are positive, indices are non-negative and below their count, PCIe generations are 1–6, and so on. Numbers too large for 64-bit integers are refused instead of wrapping."
    )
    public static let missingKey = input(
        "TS013", "missing-key", "A required key is missing.",
        "Some keys have no sensible default: a node's `type`, a GPU group's `sku`, a NIC's `sku`.")
    public static let ambiguousScalar = input(
        "TS014", "ambiguous-scalar", "A value YAML 1.1 and YAML 1.2 read differently.",
        "YAML 1.1 reads `yes`, `no`, `on`, `off` as booleans and `0755` as octal 493; YAML 1.2 does not. topospec refuses both instead of guessing: write `true` / `false` (or `none`), write the number without leading zeros, or quote the value to make it a string."
    )
    public static let unsupportedVersion = input(
        "TS015", "unsupported-version", "The `topospec:` version is not one this build reads.",
        "This build reads version 1 specs.")
    public static let invalidHostlist = input(
        "TS016", "invalid-hostlist", "A hostlist expression is malformed.",
        "Hostlists follow Slurm: `gpu[001-128]`, `gpu[1-4,7]`, `r[1-2]n[1-8]`, `a,b[1-3]`. Ranges go upward, brackets close, and one expression expands to at most 1,048,576 names."
    )
    public static let invalidName = input(
        "TS017", "invalid-name", "A name contains characters the DSL does not allow.",
        "Names of SKUs, node types, NICs, networks, switches, racks and nodes start with a letter or digit and contain only letters, digits, `.`, `_` and `-`, so they can be used in hostlists, file names and Slurm configuration unchanged."
    )
    public static let fileTooLarge = input(
        "TS018", "file-too-large", "The file is larger than topospec reads.",
        "Specs are read whole; files over 64 MiB are refused. A 131,072-GPU cluster written out node by node is a few megabytes; use hostlist ranges for larger ones."
    )
    public static let unknownReference = input(
        "TS020", "unknown-reference", "A name refers to something that does not exist.",
        "SKUs must be in the catalog (`topospec catalog`) or in `hardware:`; node types, networks, NICs, switches, nodes and GPU indices must be declared. The message suggests the closest existing name."
    )
    public static let duplicateName = input(
        "TS021", "duplicate-name", "Two things have the same name.",
        "Node names may appear in one `nodes` entry only (hostlists that overlap count); NIC and switch names are unique within a node type; a `hardware:` entry may not reuse a built-in catalog name."
    )
    public static let referenceCycle = input(
        "TS022", "reference-cycle", "References form a cycle.",
        "A PCIe switch's `parent` chain must end at a socket; a switch cannot be (indirectly) its own parent.")
    public static let conflict = input(
        "TS023", "conflicting-declaration", "Two declarations contradict each other.",
        "For example a GPU placed under two PCIe switches, a SKU with both NVLink and Infinity Fabric, or a node in two NVLink domains."
    )
    public static let blockMismatch = input(
        "TS024", "block-mismatch", "A hostlist cannot be split into equal blocks.",
        "When k racks (or NVLink domains) are assigned to n nodes, the nodes are cut into k consecutive blocks of n / k, so k must divide n."
    )
    public static let io = input(
        "TS090", "io-error", "The file cannot be read.",
        "The path does not exist, is a directory without specs, or cannot be read.")

    /// Every input error, in code order.
    public static let inputErrors: [DiagnosticCode] = [
        yamlSyntax, duplicateKey, aliasLimit, nestingLimit, encoding, multipleDocuments, emptySpec,
        rootNotMapping, unknownAnchor, unknownKey, wrongType, outOfRange, missingKey, ambiguousScalar,
        unsupportedVersion, invalidHostlist, invalidName, fileTooLarge, unknownReference, duplicateName,
        referenceCycle, conflict, blockMismatch, io,
    ]
}
