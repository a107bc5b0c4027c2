// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "swift-vfio",
  products: [
    .library(name: "VFIO", targets: ["VFIO"]),
    .executable(name: "vfio", targets: ["VFIOTool"]),
    .library(name: "VFIOABI", targets: ["VFIOABI"]),
    // Command plugins for a downstream package's CI; each builds `vfio` only when it is run.
    .plugin(name: "vfio-abi-check", targets: ["VFIOABICheckPlugin"]),
    .plugin(name: "vfio-layout-generate", targets: ["VFIOLayoutGeneratePlugin"]),
    .plugin(name: "vfio-layout-check", targets: ["VFIOLayoutCheckPlugin"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // Documentation only (`swift package generate-documentation`): no product depends on it.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // The kernel's <linux/vfio.h> plus fallbacks for what older headers lack.
    .systemLibrary(
      name: "CVFIO",
      path: "CHeaders",
      providers: [.apt(["linux-libc-dev"])]
    ),
    .target(
      name: "VFIO",
      dependencies: [
        "CVFIO",
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      // `@_lifetime`: mapped memory is lent as spans that cannot outlive their owner (as
      // swift-system does for its own spans).
      swiftSettings: [.enableExperimentalFeature("Lifetimes")]
    ),
    // Header → layout manifest (via the toolchain's clang), manifest diff with ABI rules, baselines.
    .target(
      name: "VFIOABI",
      dependencies: ["CLibClang"],
      resources: [.embedInCode("Baselines")]
    ),
    // The part of libclang's C interface the header-compat check loads at run time (dlopen).
    .target(name: "CLibClang"),
    .executableTarget(
      name: "VFIOTool",
      dependencies: [
        "VFIO",
        "VFIOABI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `swift package vfio-abi-check [vfio abi check's options]`.
    .plugin(
      name: "VFIOABICheckPlugin",
      capability: .command(
        intent: .custom(verb: "vfio-abi-check", description: "Run vfio abi check with the arguments given.")),
      dependencies: ["VFIOTool"],
      path: "Plugins/VFIOABICheck"
    ),
    // A downstream package's own C headers: baselines written (the one plugin that writes), then checked.
    .plugin(
      name: "VFIOLayoutGeneratePlugin",
      capability: .command(
        intent: .custom(
          verb: "vfio-layout-generate",
          description: "Write LayoutBaselines/<target>/*.json: the manifest of each public header of the C targets."),
        permissions: [
          .writeToPackageDirectory(reason: "The layout baselines are written to LayoutBaselines/ for the package to commit.")
        ]),
      dependencies: ["VFIOTool"],
      path: "Plugins/VFIOLayoutGenerate"
    ),
    .plugin(
      name: "VFIOLayoutCheckPlugin",
      capability: .command(
        intent: .custom(
          verb: "vfio-layout-check",
          description: "Check each C header with a baseline in LayoutBaselines/ against it; fail when one breaks binaries.")),
      dependencies: ["VFIOTool"],
      path: "Plugins/VFIOLayoutCheck"
    ),
    // The C compiler's view of the header: the oracle the tests compare Swift against.
    .target(
      name: "CVFIOOracle",
      path: "Tests/CVFIOOracle",
      cSettings: [.headerSearchPath("../../CHeaders")]
    ),
    // The VM suite's guest program (VMTests/run.sh): drives the package against a real kernel.
    .executableTarget(
      name: "VFIOVMGuest",
      dependencies: [
        "VFIO",
        "CVFIO",
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      path: "VMTests/Guest"
    ),
    // The fake kernel: interposed ioctl/pread/pwrite/read/write/mmap answering for registered
    // files from a per-test script (tests and fuzz targets only).
    .target(
      name: "CFakeKernel",
      path: "Tests/CFakeKernel"
    ),
    .target(
      name: "FakeKernel",
      dependencies: [
        "CFakeKernel",
        "CVFIO",
        "VFIO",
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      path: "Tests/FakeKernel"
    ),
    .testTarget(
      name: "VFIOFaultTests",
      dependencies: ["VFIO", "VFIOTool", "FakeKernel", "CVFIO"]
    ),
    .testTarget(
      name: "VFIOABITests",
      dependencies: ["VFIOABI", "VFIO", "CVFIO"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "VFIOTests",
      dependencies: ["VFIO", "VFIOABI", "CVFIOOracle", "FakeKernel"]
    ),
    .testTarget(
      name: "VFIOToolTests",
      dependencies: ["VFIOTool", "VFIO", "VFIOABI", "FakeKernel"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
