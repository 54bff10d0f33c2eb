import TopoDiagnostics
import TopoYAML

extension SpecDecoder {
    static let ncclKeys = ["version", "nvls", "protocols"]

    /// `nccl: {version: "2.21", nvls: false, protocols: [simple]}`.
    mutating func decodeNCCL(_ node: YAMLNode) -> NCCLSettings {
        guard let f = context.mapping(node, "`nccl`", allowed: Self.ncclKeys) else { return NCCLSettings() }
        var settings = NCCLSettings()
        if let v = f["version"], let text = context.string(v, "`nccl.version`") {
            if let version = NCCLVersion(text: text) {
                settings.version = version
            } else {
                context.sink.error(
                    .outOfRange, "`nccl.version` is `\(text)`; it must be a release such as \"2.21\" or \"2.21.5\"",
                    at: v.location, help: "quote it, so YAML keeps it a string: version: \"2.21\"")
            }
        }
        settings.nvls = f["nvls"].flatMap { context.bool($0, "`nccl.nvls`") }
        if let p = f["protocols"], let items = context.list(p, "`nccl.protocols`") {
            var protocols = Set<NCCLProtocol>()
            for item in items {
                if let value = context.enumeration(item, "each of `nccl.protocols`", NCCLProtocol.self) {
                    protocols.insert(value)
                }
            }
            if items.isEmpty {
                context.sink.error(
                    .outOfRange, "`nccl.protocols` is empty; NCCL needs at least one protocol", at: p.location,
                    help: "list what NCCL_PROTO allows, such as [simple] or [simple, ll128], or leave the key out")
            }
            if !protocols.isEmpty { settings.protocols = protocols }
        }
        return settings
    }
}
