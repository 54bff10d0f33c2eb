import Foundation
import Testing

/// The package's module graph as Package.swift declares it, read from the manifest's text: every
/// `.target`, `.executableTarget` and `.testTarget` with its folder and declared dependencies.
struct PackageManifest {
    struct Target {
        var name: String
        var path: String
        var dependencies: Set<String>
        var isTest: Bool
    }

    var targets: [Target] = []

    init(text: String) {
        let kinds = [".target(", ".executableTarget(", ".testTarget("]
        var starts: [(String.Index, String)] = []
        for kind in kinds {
            var rest = text.startIndex..<text.endIndex
            while let r = text.range(of: kind, range: rest) {
                starts.append((r.lowerBound, kind))
                rest = r.upperBound..<text.endIndex
            }
        }
        starts.sort { $0.0 < $1.0 }
        for (i, (start, kind)) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1].0 : text.endIndex
            let chunk = String(text[start..<end])
            guard let name = Self.quoted(after: "name: ", in: chunk) else { continue }
            var dependencies: Set<String> = []
            if let open = chunk.range(of: "dependencies: ["),
                let close = chunk.range(of: "]", range: open.upperBound..<chunk.endIndex)
            {
                // Plain names and `.product(name: "X", …)` both appear as the first quoted string of an item.
                for item in chunk[open.upperBound..<close.lowerBound].split(separator: ",") {
                    if let q = Self.quoted(after: "", in: String(item)) { dependencies.insert(q) }
                }
            }
            let isTest = kind == ".testTarget("
            let path = Self.quoted(after: "path: ", in: chunk) ?? (isTest ? "Tests/" : "Sources/") + name
            targets.append(Target(name: name, path: path, dependencies: dependencies, isTest: isTest))
        }
    }

    /// The first `"…"` after `prefix` in `text`.
    static func quoted(after prefix: String, in text: String) -> String? {
        guard let p = text.range(of: prefix + "\"") else { return nil }
        let rest = text[p.upperBound...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }
}

/// The module graph is one-way and honest: every module a target imports is declared for it in
/// Package.swift (so nothing builds only because a dependency happens to bring it in), and the
/// libraries depend only on layers below them.
@Suite struct ModuleGraphTests {
    /// Modules from the toolchain and the system, which Package.swift does not declare.
    static let system: Set<String> = [
        "Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Musl", "Darwin", "Synchronization", "Testing",
        "XCTest",
    ]

    /// The library layers, bottom first. A library may depend only on libraries of earlier layers.
    static let layers: [[String]] = [
        ["CYAML", "TopoDiagnostics", "TopoSolver"],
        ["TopoYAML"],
        ["TopoModel"],
        ["TopoTopology"],
        ["TopoRules", "TopoImport", "TopoEmit"],
        ["TopoLint"],
        ["TopoCodes", "TopoVerify"],
    ]

    static let manifest: PackageManifest = {
        let text = (try? String(contentsOfFile: RepositoryFiles.root + "/Package.swift", encoding: .utf8)) ?? ""
        return PackageManifest(text: text)
    }()

    /// The modules each Swift file under `path` imports.
    static func imports(under path: String) -> [(file: String, module: String)] {
        let root = RepositoryFiles.root + "/" + path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [(String, String)] = []
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            guard let text = try? String(contentsOfFile: root + "/" + relative, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                var words = line.split(separator: " ").map(String.init)
                while let first = words.first, first.hasPrefix("@") || first == "public" || first == "package" {
                    words.removeFirst()
                }
                guard words.count >= 2, words[0] == "import" else { continue }
                let module = words[1].split(separator: ".").first.map(String.init) ?? words[1]
                found.append((path + "/" + relative, module))
            }
        }
        return found
    }

    @Test func manifestIsRead() {
        let names = Set(Self.manifest.targets.map(\.name))
        #expect(names.isSuperset(of: ["TopoDiagnostics", "TopoTopology", "TopoLint", "topospec", "TopoLintTests"]))
        let lint = Self.manifest.targets.first { $0.name == "topospec" }
        #expect(lint?.dependencies.contains("ArgumentParser") == true)
    }

    @Test func everyImportIsDeclared() {
        var undeclared: [String] = []
        for target in Self.manifest.targets {
            for (file, module) in Self.imports(under: target.path)
            where module != target.name && !Self.system.contains(module) && !target.dependencies.contains(module) {
                undeclared.append("\(file) imports \(module), which Package.swift does not declare for \(target.name)")
            }
        }
        #expect(undeclared.isEmpty, "\(undeclared.joined(separator: "\n"))")
    }

    /// The `topospec` executable and every library under it import FoundationEssentials at most:
    /// Foundation would link FoundationInternationalization and its ICU data into the release
    /// binary (two thirds of its size). The benchmark, fuzz targets and tests may use Foundation.
    @Test func shippedModulesDoNotImportFoundation() {
        var shipped: Set<String> = ["topospec"]
        var grew = true
        while grew {
            grew = false
            for target in Self.manifest.targets where shipped.contains(target.name) {
                for dependency in target.dependencies
                where !shipped.contains(dependency) && Self.manifest.targets.contains(where: { $0.name == dependency })
                {
                    shipped.insert(dependency)
                    grew = true
                }
            }
        }
        #expect(shipped.isSuperset(of: ["TopoDiagnostics", "TopoEmit", "TopoLint", "TopoVerify"]))
        var found: [String] = []
        for target in Self.manifest.targets where shipped.contains(target.name) {
            for (file, module) in Self.imports(under: target.path) where module == "Foundation" { found.append(file) }
        }
        #expect(
            found.isEmpty,
            "import FoundationEssentials (or the C library) instead of Foundation in: \(found.joined(separator: ", "))")
    }

    @Test func librariesDependOnlyOnLowerLayers() {
        var layerOf: [String: Int] = [:]
        for (i, layer) in Self.layers.enumerated() { for name in layer { layerOf[name] = i } }
        var wrong: [String] = []
        for target in Self.manifest.targets {
            guard let own = layerOf[target.name] else { continue }
            for dependency in target.dependencies.sorted() {
                guard let below = layerOf[dependency] else {
                    wrong.append("\(target.name) depends on \(dependency), which is not a library layer")
                    continue
                }
                if below >= own {
                    wrong.append("\(target.name) (layer \(own)) depends on \(dependency) (layer \(below))")
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        let libraries = Set(
            Self.manifest.targets.filter { !$0.isTest && $0.path.hasPrefix("Sources/Topo") }.map(\.name))
        #expect(
            libraries.isSubset(of: Set(layerOf.keys)), "a library target without a layer in ModuleGraphTests.layers")
    }
}
