import CVFIO
import Foundation
import Testing

@Suite("CVFIO without SwiftPM")
struct NonSwiftPMBuildTests {
  /// `swiftc -I <package root> main.swift` finds CVFIO through CVFIO/module.modulemap.
  @Test func swiftcWithPackageRootOnTheIncludePath() throws {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("vfio-swiftc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let source = directory.appendingPathComponent("main.swift")
    try """
      import CVFIO
      print(VFIO_API_VERSION, VFIO_DEVICE_FEATURE_MIG_DATA_SIZE, CVFIO_DEVICE_STATE_PRE_COPY,
            MemoryLayout<vfio_precopy_info>.size, MemoryLayout<cvfio_device_bind_iommufd>.size)
      """.write(to: source, atomically: true, encoding: .utf8)
    let binary = directory.appendingPathComponent("main")
    let swiftc = URL(fileURLWithPath: Toolchain.clang).deletingLastPathComponent()
      .appendingPathComponent("swiftc").path
    try Toolchain.run(swiftc, ["-I", root.path] + [source.path, "-o", binary.path])
    let output = try Toolchain.run(binary.path, [])
    let expected = "\(VFIO_API_VERSION) \(VFIO_DEVICE_FEATURE_MIG_DATA_SIZE) \(CVFIO_DEVICE_STATE_PRE_COPY) \(MemoryLayout<vfio_precopy_info>.size) \(MemoryLayout<cvfio_device_bind_iommufd>.size)\n"
    #expect(output == expected)
  }
}
