// swift-tools-version: 6.1
// A downstream package with C structs of its own, as the plugins' users have: scripts/layout-sample.sh
// runs vfio-layout-generate, vfio-layout-check and vfio-abi-check here, and checks that a field inserted
// in the middle of a struct fails vfio-layout-check.
import PackageDescription

let package = Package(
  name: "LayoutSample",
  dependencies: [
    .package(name: "swift-vfio", path: "../..")
  ],
  targets: [
    .target(name: "CLayoutSample")
  ]
)
