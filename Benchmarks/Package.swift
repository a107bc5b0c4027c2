// swift-tools-version: 6.1
// Benchmarks live in their own package so that the VFIO package never pulls
// in ordo-one/benchmark. Run: swift package --package-path Benchmarks benchmark
import PackageDescription

let package = Package(
  name: "swift-vfio-benchmarks",
  dependencies: [
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    .package(name: "swift-vfio", path: ".."),
  ],
  targets: [
    // Scanning a dirty-page bitmap: Swift's DirtyBitmap against a C __builtin_ctzll loop.
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
