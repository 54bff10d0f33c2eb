import FoundationEssentials
import TopoDiagnostics
import TopoModel
import TopoRules
import TopoYAML

/// `.topospec.yml`: which rules run and how severe they are, and which files are skipped —
/// the same ideas as SwiftLint's `disabled_rules` / `opt_in_rules`, ESLint's rule levels and
/// ruff's `exclude`.
///
/// ```yaml
/// disable: [TS208]                  # rules never reported
/// enable: [unused-node-type]        # opt-in rules to run
/// severity: {TS211: error}          # per-rule severity
/// exclude: ["specs/broken/**"]      # globs, relative to this file
/// ```
public struct LintConfiguration: Sendable {
    public var path: String?
    public var disabled: Set<String> = []
    public var enabled: Set<String> = []
    public var severities: [String: Severity] = [:]
    public var excludes: [String] = []

    public init() {}

    /// File names looked for, in order, in each folder from the spec's up to the root.
    public static let fileNames = [".topospec.yml", ".topospec.yaml"]

    /// The configuration file governing `specPath`: the first found walking up from its folder,
    /// stopping at the repository root (the first folder with a `.git`): a configuration above the
    /// repository (in a home folder, on a shared CI runner) is never picked up.
    ///
    /// - Parameter specPath: The spec's path, relative to the current folder or absolute.
    /// - Returns: The path of the nearest `.topospec.yml` (or `.topospec.yaml`), or nil when none lies
    ///   between the spec and the repository root or the file system root.
    public static func discover(for specPath: String) -> String? {
        var directory = URL(fileURLWithPath: specPath).standardizedFileURL.deletingLastPathComponent().path
        let manager = FileManager.default
        while true {
            for name in fileNames {
                let candidate = directory == "/" ? "/" + name : directory + "/" + name
                if manager.fileExists(atPath: candidate) { return candidate }
            }
            if manager.fileExists(atPath: directory == "/" ? "/.git" : directory + "/.git") { return nil }
            let parent = URL(fileURLWithPath: directory).deletingLastPathComponent().path
            if parent == directory || directory == "/" { return nil }
            directory = parent
        }
    }

    /// One line saying what the configuration at `path` turns off for the `files` it governed
    /// ("specs/x/.topospec.yml: disables TS208; excluded 3 of 5 files"), or nil when it turns
    /// nothing off. The text summary prints it, so a pull request that adds a nested
    /// configuration to silence findings shows in the output.
    ///
    /// - Parameters:
    ///   - path: The configuration file's path; it is read again.
    ///   - files: The reports of the files it governed, whose `excluded` flags are counted.
    /// - Returns: The note, made safe for a terminal, or nil.
    public static func visibilityNote(path: String, files: [Linter.FileReport]) -> String? {
        visibilityNote(path: path, excluded: files.filter(\.excluded).count, of: files.count)
    }

    /// The note for a configuration that governed `count` files, `excluded` of them skipped.
    ///
    /// - Parameters:
    ///   - path: The configuration file's path; it is read again, and an unreadable or invalid one gives nil.
    ///   - excluded: How many of its files it excluded.
    ///   - count: How many files it governed.
    /// - Returns: The note naming disabled rules, rules given a severity other than error and the
    ///   excluded files, made safe for a terminal; nil when there is none of those.
    public static func visibilityNote(path: String, excluded: Int, of count: Int) -> String? {
        guard let configuration = load(path).configuration else { return nil }
        var parts: [String] = []
        if !configuration.disabled.isEmpty {
            parts.append("disables " + configuration.disabled.sorted().joined(separator: ", "))
        }
        let lowered = configuration.severities.filter { $0.value != .error }.keys.sorted()
        if !lowered.isEmpty { parts.append("changes the severity of " + lowered.joined(separator: ", ")) }
        if excluded > 0 { parts.append("excluded \(excluded) of \(count) file\(count == 1 ? "" : "s")") }
        guard !parts.isEmpty else { return nil }
        return UntrustedText.terminal("\(path): " + parts.joined(separator: "; "))
    }

    /// Reads and checks a configuration file; problems are TS033 diagnostics located in it.
    ///
    /// - Parameter path: The configuration file's path.
    /// - Returns: The configuration (nil when the file cannot be read or parsed, or has any problem),
    ///   the I/O, YAML and TS033 diagnostics, and the file's text for excerpts.
    public static func load(
        _ path: String
    ) -> (configuration: LintConfiguration?, diagnostics: [Diagnostic], source: SourceText) {
        let bytes: [UInt8]
        do {
            bytes = try SpecLoader.read(path)
        } catch {
            return (nil, [error], SourceText(path: path, bytes: []))
        }
        let source = SourceText(path: path, bytes: bytes)
        let parsed = YAMLParser().parse(bytes, file: path)
        guard let document = parsed.document else {
            if parsed.isEmpty { return (LintConfiguration(path: path), [], source) }
            return (nil, parsed.diagnostics, source)
        }
        var configuration = LintConfiguration(path: path)
        var problems: [Diagnostic] = []
        func problem(_ message: String, at node: YAMLNode, help: String? = nil) {
            problems.append(
                Diagnostic(
                    code: LintCodes.invalidConfiguration, message: message,
                    location: node.location, help: help))
        }
        let root = document.root
        guard root.kind == .mapping else {
            problem("`.topospec.yml` must be a mapping with `disable`, `enable`, `severity`, `exclude`", at: root)
            return (nil, problems, source)
        }
        let keys = ["disable", "enable", "severity", "exclude"]
        func ruleCode(_ node: YAMLNode) -> String? {
            guard node.kind == .scalar, let name = node.scalar else {
                problem("expected a rule code or slug", at: node)
                return nil
            }
            if let rule = RuleRegistry.rule(named: name) { return rule.metadata.code }
            let known = RuleRegistry.all.flatMap { [$0.metadata.code, $0.metadata.slug] }
            if DiagnosticCode.inputErrors.contains(where: { $0.code == name || $0.slug == name }) {
                problem("`\(name)` is an input error; input errors cannot be configured", at: node)
            } else {
                problem(
                    "unknown rule `\(name)`\(Suggestion.namesHint(for: name, in: known))", at: node,
                    help: "`topospec rules` lists them")
            }
            return nil
        }
        func list(_ node: YAMLNode, _ key: String) -> [YAMLNode] {
            guard node.kind == .sequence else {
                problem("`\(key)` must be a list", at: node)
                return []
            }
            return Array(node.items)
        }
        for pair in root.pairs {
            guard let key = pair.key.scalar, keys.contains(key) else {
                let key = pair.key.scalar ?? ""
                problem(
                    "unknown key `\(key)` in `.topospec.yml`\(Suggestion.hint(for: key, in: keys))", at: pair.key,
                    help: "keys allowed: \(keys.joined(separator: ", "))")
                continue
            }
            switch key {
            case "disable":
                for item in list(pair.value, key) {
                    if let code = ruleCode(item) { configuration.disabled.insert(code) }
                }
            case "enable":
                for item in list(pair.value, key) {
                    if let code = ruleCode(item) { configuration.enabled.insert(code) }
                }
            case "severity":
                guard pair.value.kind == .mapping else {
                    problem("`severity` must map rules to error, warning or info", at: pair.value)
                    continue
                }
                for entry in pair.value.pairs {
                    guard let code = ruleCode(entry.key) else { continue }
                    guard let text = entry.value.scalar, let severity = Severity(rawValue: text) else {
                        problem("severity must be error, warning or info", at: entry.value)
                        continue
                    }
                    configuration.severities[code] = severity
                }
            default:
                for item in list(pair.value, key) {
                    guard item.kind == .scalar, let pattern = item.scalar, !pattern.isEmpty else {
                        problem("`exclude` takes path patterns", at: item)
                        continue
                    }
                    configuration.excludes.append(pattern)
                }
            }
        }
        return (problems.isEmpty ? configuration : nil, parsed.diagnostics + problems, source)
    }

    init(path: String) {
        self.path = path
    }

    /// The rules to run: opt-in rules only when enabled, disabled rules never.
    ///
    /// - Parameter all: The rules to choose from, in the order they should run.
    /// - Returns: Those rules, in the same order, less disabled ones and opt-in ones not enabled.
    public func rules(from all: [any Rule] = RuleRegistry.all) -> [any Rule] {
        all.filter { rule in
            let code = rule.metadata.code
            if disabled.contains(code) { return false }
            return !rule.metadata.optIn || enabled.contains(code)
        }
    }

    /// True when `specPath` matches an `exclude` pattern (relative to this file's folder).
    ///
    /// - Parameter specPath: The spec's path; a path outside this file's folder is never excluded.
    /// - Returns: True when the path relative to this file's folder matches a pattern; false for the
    ///   built-in configuration, which has no file.
    public func excludes(_ specPath: String) -> Bool {
        guard let path, !excludes.isEmpty else { return false }
        let base = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        let full = URL(fileURLWithPath: specPath).standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        guard full.hasPrefix(prefix) else { return false }
        let relative = String(full.dropFirst(prefix.count))
        return excludes.contains { Glob.matches($0, relative) }
    }
}
