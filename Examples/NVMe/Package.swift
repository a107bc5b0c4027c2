// swift-tools-version: 6.1
import PackageDescription

// A userspace NVMe driver on the swift-vfio package, built as a separate package so that the
// library products stay lean. The root package is named explicitly: a path dependency's identity
// is its folder's name, which depends on where the repository was checked out.
let package = Package(
  name: "VFIONVMe",
  products: [
    .library(name: "VFIONVMe", targets: ["VFIONVMe"]),
    .executable(name: "vfio-nvme", targets: ["NVMeTool"]),
  ],
  dependencies: [
    .package(name: "swift-vfio", path: "../.."),
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    .target(
      name: "VFIONVMe",
      dependencies: [
        .product(name: "VFIO", package: "swift-vfio"),
        .product(name: "SystemPackage", package: "swift-system"),
      ]
    ),
    .executableTarget(
      name: "NVMeTool",
      dependencies: [
        "VFIONVMe",
        .product(name: "VFIO", package: "swift-vfio"),
        .product(name: "SystemPackage", package: "swift-system"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The root package's fake kernel, through symlinks to its sources (a package cannot depend on
    // another package's test targets): the emulated controller answers through it. Its sources and
    // the emulator import CVFIO, the root's header module, which reaches them through VFIO.
    .target(name: "CFakeKernel", path: "Tests/CFakeKernel"),
    .target(
      name: "FakeKernel",
      dependencies: [
        "CFakeKernel",
        .product(name: "VFIO", package: "swift-vfio"),
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      path: "Tests/FakeKernel"
    ),
    .testTarget(
      name: "VFIONVMeTests",
      dependencies: [
        "VFIONVMe",
        "FakeKernel",
        .product(name: "VFIO", package: "swift-vfio"),
        .product(name: "SystemPackage", package: "swift-system"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
