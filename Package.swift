// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "topospec",
    platforms: [.macOS(.v13)],
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
        // Source locations, diagnostics and their rendering; no dependencies.
        .target(name: "TopoDiagnostics"),
        // libyaml events -> a located YAML tree (anchors, aliases, merge keys, limits).
        .target(name: "TopoYAML", dependencies: ["CYAML", "TopoDiagnostics"]),
        // The typed cluster graph, hostlists, the hardware catalog and the spec decoder.
        .target(name: "TopoModel", dependencies: ["TopoYAML", "TopoDiagnostics"]),
        // Process mapping / quadratic assignment on plain weighted graphs; knows nothing of YAML.
        .target(name: "TopoSolver"),
        // The rule protocol, the registry, the engine, the shared topology and traffic models, the rules.
        .target(name: "TopoRules", dependencies: ["TopoModel", "TopoDiagnostics", "TopoSolver"]),
        // Importers: nvidia-smi topo -m text and NCCL topology XML -> specs.
        .target(name: "TopoImport", dependencies: ["TopoModel", "TopoDiagnostics"]),
        // Emitters: NCCL topology XML, launch files, Slurm and Kubernetes topology, diagrams, report, diff.
        .target(name: "TopoEmit", dependencies: ["TopoLint", "TopoRules", "TopoModel", "TopoDiagnostics"]),
        // Lint driver shared by the CLI, the benchmark and the tests.
        .target(name: "TopoLint", dependencies: ["TopoRules", "TopoModel", "TopoYAML", "TopoDiagnostics", "TopoImport"]),
        // `topospec verify`: captures of running nodes against the spec, node types learned from a fleet.
        .target(name: "TopoVerify", dependencies: ["TopoLint", "TopoImport", "TopoRules", "TopoModel", "TopoYAML", "TopoDiagnostics"]),
        .executableTarget(
            name: "topospec",
            dependencies: ["TopoLint", "TopoImport", "TopoEmit", "TopoVerify", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "topospec-bench",
            dependencies: ["TopoLint", "TopoSolver", "TopoEmit", "TopoVerify", "CYAML", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "TopoYAMLTests", dependencies: ["TopoYAML"]),
        .testTarget(name: "TopoSolverTests", dependencies: ["TopoSolver"]),
        .testTarget(name: "TopoModelTests", dependencies: ["TopoModel"]),
        .testTarget(name: "TopoRulesTests", dependencies: ["TopoRules", "TopoLint"]),
        .testTarget(name: "TopoLintTests", dependencies: ["TopoLint", "FuzzSupport"]),
        .testTarget(name: "TopoImportTests", dependencies: ["TopoImport", "TopoLint", "TopoEmit"]),
        .testTarget(name: "TopoEmitTests", dependencies: ["TopoEmit", "TopoLint", "TopoImport", "TopoRules"], exclude: ["Golden"]),
        .testTarget(name: "TopoVerifyTests", dependencies: ["TopoVerify", "TopoImport", "TopoLint"]),
        // Fuzzing and hardening targets (issue 7) go below this line.
        .target(name: "FuzzSupport", dependencies: ["TopoYAML", "TopoModel", "TopoLint", "TopoImport", "TopoDiagnostics"], path: "fuzz/Targets/FuzzSupport"),
        .executableTarget(name: "FuzzYAML", dependencies: ["FuzzSupport"], path: "fuzz/Targets/FuzzYAML"),
        .executableTarget(name: "FuzzDecode", dependencies: ["FuzzSupport"], path: "fuzz/Targets/FuzzDecode"),
        .executableTarget(name: "FuzzLint", dependencies: ["FuzzSupport"], path: "fuzz/Targets/FuzzLint"),
        .executableTarget(name: "FuzzNvidiaSmi", dependencies: ["FuzzSupport"], path: "fuzz/Targets/FuzzNvidiaSmi"),
        .executableTarget(name: "FuzzNCCL", dependencies: ["FuzzSupport"], path: "fuzz/Targets/FuzzNCCL"),
    ],
    swiftLanguageModes: [.v6]
)
