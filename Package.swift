// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "topospec",
    platforms: [.macOS(.v15)],  // 15: Synchronization.Mutex (WorkCounter)
    products: [
        .executable(name: "topospec", targets: ["topospec"]),
        .executable(name: "topospec-bench", targets: ["topospec-bench"]),
        .library(name: "TopoLint", targets: ["TopoLint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libyaml's C API, found through pkg-config (Debian: libyaml-dev).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // The module graph is one-way; each target depends only on targets above it in this list, and
        // declares every module it imports (ModuleGraphTests checks both):
        // Diagnostics -> YAML -> Model -> (Solver) -> Topology -> Rules / Emit / Import -> Lint -> Codes -> CLI.
        //
        // Source locations, diagnostics, documented diagnostic codes, their rendering; no dependencies.
        .target(name: "TopoDiagnostics"),
        // libyaml events -> a located YAML tree (anchors, aliases, merge keys, limits).
        .target(name: "TopoYAML", dependencies: ["CYAML", "TopoDiagnostics"]),
        // The typed cluster graph, path classes, hostlists, the hardware catalog and the spec decoder.
        // Catalog/builtin-catalog.yaml is the catalog's source; BuiltinCatalogText.swift is generated from it.
        .target(name: "TopoModel", dependencies: ["TopoYAML", "TopoDiagnostics"], exclude: ["Catalog/builtin-catalog.yaml"]),
        // Process mapping / quadratic assignment on plain weighted graphs; knows nothing of YAML.
        .target(name: "TopoSolver"),
        // Topology analysis of a decoded spec, built once per command (SpecAnalysis): node topology,
        // scale-up links, job layout, traffic, cluster distances, placement planning and metrics.
        .target(name: "TopoTopology", dependencies: ["TopoModel", "TopoSolver", "TopoDiagnostics"]),
        // The rule protocol, the registry, the engine, helpers shared by rules, the rules.
        .target(name: "TopoRules", dependencies: ["TopoTopology", "TopoModel", "TopoDiagnostics", "TopoSolver"]),
        // Importers: nvidia-smi topo -m text and NCCL topology XML -> specs.
        .target(name: "TopoImport", dependencies: ["TopoModel", "TopoDiagnostics"]),
        // Emitters: NCCL topology XML, launch files, Slurm and Kubernetes topology, diagrams, the path
        // matrix, placement report, spec report and diff (diagnostics are passed in).
        .target(name: "TopoEmit", dependencies: ["TopoTopology", "TopoModel", "TopoDiagnostics", "TopoSolver"]),
        // Lint driver: configuration, suppressions, Linter, spec loading, output formats (SARIF gets
        // its code table as a parameter).
        .target(name: "TopoLint", dependencies: ["TopoRules", "TopoModel", "TopoYAML", "TopoDiagnostics"]),
        // The code catalog (input, importer, configuration and rule codes) and the documentation made
        // from it: `topospec rules`, `explain`, docs/rules.md, SARIF's rule table.
        .target(name: "TopoCodes", dependencies: ["TopoLint", "TopoImport", "TopoRules", "TopoDiagnostics"]),
        // `topospec verify`: captures of running nodes against the spec, node types learned from a fleet.
        .target(name: "TopoVerify", dependencies: ["TopoLint", "TopoImport", "TopoRules", "TopoTopology", "TopoModel", "TopoYAML", "TopoDiagnostics"]),
        .executableTarget(
            name: "topospec",
            dependencies: ["TopoCodes", "TopoLint", "TopoImport", "TopoEmit", "TopoVerify", "TopoTopology", "TopoModel", "TopoDiagnostics",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "topospec-bench",
            dependencies: ["TopoLint", "TopoEmit", "TopoVerify", "TopoImport", "TopoTopology", "TopoModel", "TopoSolver", "CYAML",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Helpers shared by the test targets (the repository root, the shared real inputs).
        .target(name: "TopoTestSupport", path: "Tests/TopoTestSupport"),
        .testTarget(name: "TopoYAMLTests", dependencies: ["TopoYAML", "TopoDiagnostics"]),
        .testTarget(name: "TopoSolverTests", dependencies: ["TopoTestSupport", "TopoSolver"]),
        .testTarget(name: "TopoModelTests", dependencies: ["TopoTestSupport", "TopoModel", "TopoYAML", "TopoDiagnostics"]),
        .testTarget(name: "TopoRulesTests", dependencies: ["TopoTestSupport", "TopoRules", "TopoTopology", "TopoLint", "TopoModel", "TopoDiagnostics"]),
        .testTarget(name: "TopoLintTests", dependencies: ["TopoTestSupport", "TopoLint", "TopoCodes", "TopoEmit", "TopoRules", "FuzzSupport", "TopoImport", "TopoModel", "TopoYAML", "TopoDiagnostics"]),
        .testTarget(name: "TopoImportTests", dependencies: ["TopoTestSupport", "TopoImport", "TopoCodes", "TopoLint", "TopoEmit", "TopoModel", "TopoDiagnostics"]),
        .testTarget(name: "TopoEmitTests", dependencies: ["TopoTestSupport", "TopoEmit", "TopoLint", "TopoImport", "TopoRules", "TopoTopology", "TopoModel", "TopoSolver", "TopoDiagnostics"], exclude: ["Golden"]),
        .testTarget(name: "TopoVerifyTests", dependencies: ["TopoTestSupport", "TopoVerify", "TopoCodes", "TopoImport", "TopoLint", "TopoModel", "TopoDiagnostics"]),
        // Fuzzing and hardening targets (issue 7) go below this line.
        .target(name: "FuzzSupport", dependencies: ["TopoYAML", "TopoModel", "TopoLint", "TopoImport", "TopoDiagnostics", "TopoEmit", "TopoRules", "TopoTopology"], path: "fuzz/Targets/FuzzSupport"),
        .executableTarget(name: "FuzzYAML", dependencies: ["FuzzSupport"], path: "fuzz/Targets/FuzzYAML"),
        .executableTarget(name: "FuzzDecode", dependencies: ["FuzzSupport"], path: "fuzz/Targets/FuzzDecode"),
        .executableTarget(name: "FuzzLint", dependencies: ["FuzzSupport"], path: "fuzz/Targets/FuzzLint"),
        .executableTarget(name: "FuzzNvidiaSmi", dependencies: ["FuzzSupport"], path: "fuzz/Targets/FuzzNvidiaSmi"),
        .executableTarget(name: "FuzzNCCL", dependencies: ["FuzzSupport"], path: "fuzz/Targets/FuzzNCCL"),
    ],
    swiftLanguageModes: [.v6]
)
