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
    // Scanning a dirty-page bitmap: DirtyBitmap against a C __builtin_ctzll loop,
    // interleaved in each iteration; the table's "Swift/C x1000" is the ratio.
    .executableTarget(
      name: "DirtyBitmapScan",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        "DirtyScanWorkload",
      ],
      path: "Benchmarks/DirtyBitmapScan",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    // The same comparison without the harness, printing the three ratios.
    .executableTarget(name: "dirty-scan-ratios", dependencies: ["DirtyScanWorkload"]),
    // Both scan loops are aligned to 32 bytes. Left to chance, a few-instruction
    // zero-word loop may straddle a 64-byte fetch line in one binary and not in
    // the other, which moves either side by 25% with identical instructions.
    .target(
      name: "DirtyScanWorkload",
      dependencies: [.product(name: "VFIO", package: "swift-vfio"), "CDirtyScanBaseline"],
      swiftSettings: [.unsafeFlags(["-Xllvm", "-align-loops=32"])]
    ),
    .target(
      name: "CDirtyScanBaseline",
      cSettings: [.unsafeFlags(["-O2", "-falign-loops=32"])]
    ),
  ],
  swiftLanguageModes: [.v6]
)
