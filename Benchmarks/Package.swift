// swift-tools-version: 6.1
// The benchmarks live in their own package so that depending on swift-vfio
// never pulls in ordo-one/benchmark.
import PackageDescription

let package = Package(
  name: "swift-vfio-benchmarks",
  dependencies: [
    .package(name: "swift-vfio", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // The C side of every ratio: the same work written the way a C VMM would.
    .target(name: "CBaselines", path: "CBaselines", cSettings: [.unsafeFlags(["-O2"])]),
    .executableTarget(
      name: "IoctlBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "VFIO", package: "swift-vfio"),
        "CBaselines",
      ],
      path: "Benchmarks/IoctlBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    // The same calls without the harness, for instruction counts under callgrind.
    .executableTarget(
      name: "IoctlInstructionProbe",
      dependencies: [.product(name: "VFIO", package: "swift-vfio"), "CBaselines"],
      path: "Probes/IoctlInstructionProbe"
    ),
  ],
  swiftLanguageModes: [.v6]
)
