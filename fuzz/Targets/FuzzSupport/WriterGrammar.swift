import TopoDiagnostics
import TopoEmit
import TopoModel
import TopoRules
import TopoTopology

/// Generated files re-read by their consumers' grammars (issue 12): whatever a spec and its file
/// name hold, an env file is one `KEY=VALUE` per line, `topology.conf` one Slurm statement per
/// line, the Kubernetes script only `kubectl` commands, and the NCCL XML well-formed with
/// comments that do not end early. Used by the lint fuzz target and by the tests.
public enum WriterGrammar {
    /// A file name that tries every trick on every format at once.
    public static let hostileFileName =
        "x.yaml\nLD_PRELOAD=/tmp/evil.so\r\nSwitchName=evil Nodes=ALL\n$(id) --> <!-- \u{1B}]52;c;aGk=\u{07}\u{2028}::add-mask::x"

    /// Nil when every writer's output for `spec` (written from `source`) keeps its grammar, else
    /// what broke it.
    public static func failure(spec: ClusterSpec, source: String = hostileFileName) -> String? {
        let conf = SlurmTopologyEmitter.treeConf(spec: spec, source: source)
        if let bad = lines(conf).first(where: { !($0.hasPrefix("# ") || $0.hasPrefix("SwitchName=")) || hasControl($0) }
        ) {
            return "topology.conf line is not one Slurm statement: \(bad.debugDescription)"
        }
        if case let .success(conf) = Result(catching: { () throws(EmitFailure) in
            try SlurmTopologyEmitter.blockConf(spec: spec, source: source)
        }),
            let bad = lines(conf).first(where: {
                !($0.hasPrefix("#") || $0.hasPrefix("BlockName=") || $0.hasPrefix("BlockSizes=")) || hasControl($0)
            })
        {
            return "block topology.conf line is not one Slurm statement: \(bad.debugDescription)"
        }
        if case let .success(yaml) = Result(catching: { () throws(EmitFailure) in
            try SlurmTopologyEmitter.blockYAML(spec: spec, source: source)
        }),
            let bad = lines(yaml).first(where: {
                !($0.hasPrefix("#") || $0.hasPrefix("-") || $0.hasPrefix(" ")) || hasControl($0)
            })
        {
            return "topology.yaml line outside the document: \(bad.debugDescription)"
        }
        var inHeredoc = false
        let k8s = (try? KubernetesLabelsEmitter.script(spec: spec, source: source)) ?? ""
        for line in lines(k8s) {
            if hasControl(line) { return "Kubernetes script line with a control character: \(line.debugDescription)" }
            if inHeredoc { if line == "EOF" { inHeredoc = false }; continue }
            if line == "kubectl apply -f - <<'EOF'" { inHeredoc = true; continue }
            guard line.hasPrefix("#") || line == "set -eu" || line.hasPrefix("kubectl label node --overwrite -- ")
            else {
                return "Kubernetes script line is not a kubectl command: \(line.debugDescription)"
            }
            if !line.hasPrefix("#"), line.contains("$") || line.contains("`") || line.contains(";") {
                return "Kubernetes script line with shell syntax: \(line.debugDescription)"
            }
        }
        for t in spec.nodeTypes.typeIDs where NCCLTopologyEmitter.unsupported(spec: spec, typeID: t) == nil {
            if let problem = xmlProblem(NCCLTopologyEmitter.render(spec: spec, typeID: t, source: source)) {
                return "NCCL XML of node type \(spec.nodeTypes[t].name): \(problem)"
            }
        }
        let context = SpecAnalysis(spec: spec)
        for (j, job) in spec.jobs.enumerated().prefix(2) {
            guard let layout = context.layouts[j], layout.slots.count <= 4096 else { continue }
            let placement = LaunchFilesEmitter.Placement(
                context: context, job: job, slots: layout.slots, source: source)
            for file in LaunchFilesEmitter.files(placement, kinds: [.env]).files where file.path.hasSuffix(".env") {
                if let bad = lines(file.contents).first(where: { !($0.hasPrefix("#") || isAssignment($0)) }) {
                    return "\(file.path) line is not KEY=VALUE: \(bad.debugDescription)"
                }
            }
        }
        return nil
    }

    static func lines(_ text: String) -> [Substring] {
        // Split on every character any consumer may take as a line break.
        text.split(omittingEmptySubsequences: true) {
            $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}"
        }
    }

    static func hasControl<S: StringProtocol>(_ text: S) -> Bool {
        text.unicodeScalars.contains { UntrustedText.isControl($0) }
    }

    /// `KEY=VALUE` as Docker's `--env-file` and systemd's `EnvironmentFile=` read it: a shell
    /// variable name, `=`, and a value without control characters or quotes that need a shell.
    static func isAssignment(_ line: Substring) -> Bool {
        guard let eq = line.firstIndex(of: "="), eq > line.startIndex else { return false }
        let key = line[..<eq]
        guard let first = key.unicodeScalars.first,
            first == "_" || ("A"..."Z").contains(first) || ("a"..."z").contains(first)
        else { return false }
        guard
            key.unicodeScalars.allSatisfy({
                $0 == "_" || ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0)
            })
        else { return false }
        return !hasControl(line[eq...])
    }

    /// Nil when `xml` is well-formed as far as NCCL's reader and a comment go: no control
    /// characters, comments without `--` inside, every tag closed in order.
    static func xmlProblem(_ xml: String) -> String? {
        if let bad = xml.unicodeScalars.first(where: { UntrustedText.isControl($0) && $0 != "\n" }) {
            return "control character U+\(String(bad.value, radix: 16))"
        }
        let s = Array(xml.utf8)
        var i = 0
        var open: [String] = []
        func at(_ text: String) -> Bool { s[i...].starts(with: text.utf8) }
        while i < s.count {
            if at("<!--") {
                var j = i + 4
                while j + 2 < s.count, !(s[j] == 0x2D && s[j + 1] == 0x2D) { j += 1 }
                guard j + 2 < s.count, s[j + 2] == 0x3E else { return "a comment holds `--` or does not end" }
                i = j + 3
            } else if at("<?") {
                guard let end = s[i...].firstRange(of: Array("?>".utf8)) else { return "unterminated declaration" }
                i = end.upperBound
            } else if s[i] == 0x3C {
                guard let end = s[i...].firstIndex(of: 0x3E) else { return "unterminated tag" }
                let tag = String(decoding: s[(i + 1)..<end], as: UTF8.self)
                if tag.hasPrefix("/") {
                    guard open.popLast() == String(tag.dropFirst()) else {
                        return "`</\(tag.dropFirst())>` closes nothing open"
                    }
                } else if !tag.hasSuffix("/") {
                    open.append(String(tag.prefix { $0 != " " }))
                }
                i = end + 1
            } else {
                i += 1
            }
        }
        return open.isEmpty ? nil : "unclosed `<\(open.last ?? "")>`"
    }
}
