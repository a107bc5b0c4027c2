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
    .target(
      name: "DirtyScanWorkload",
      dependencies: [.product(name: "VFIO", package: "swift-vfio"), "CDirtyScanBaseline"]
    ),
    .target(
      name: "CDirtyScanBaseline",
      cSettings: [.unsafeFlags(["-O2"])]
    ),
  ],
  swiftLanguageModes: [.v6]
)
