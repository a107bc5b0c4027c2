import Foundation

/// Type-checks Swift source against the VFIO module this test run was built with, as a
/// package user's code would see it.
enum SwiftcProbe {
  struct Outcome {
    let status: Int32
    let diagnostics: String
  }

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The build's module directory: next to the test executable, whatever the scratch path.
  static var modules: URL? {
    guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
    var directory = executable.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("Modules")
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("VFIO.swiftmodule").path) {
        return candidate
      }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }

  /// One clang module cache beside the build's products: Glibc's and CVFIO's modules are built once for
  /// every case and every later run of the same build, and no run leaves one behind in /tmp (one per
  /// run was 19 MB).
  static let moduleCache = (modules?.deletingLastPathComponent() ?? FileManager.default.temporaryDirectory)
    .appendingPathComponent("vfio-misuse-module-cache")

  static let swiftc = URL(fileURLWithPath: Toolchain.clang).deletingLastPathComponent()
    .appendingPathComponent("swiftc").path

  /// `swiftc -emit-sil` of `source` in Swift 6 mode with warnings as errors: SIL, not just
  /// type checking, because use after consume is found by the move checker there; warnings
  /// as errors because the package's users are held to what the package holds itself to,
  /// so an unused resource is an error.
  static func typecheck(_ source: String, fileName: String = "misuse.swift") throws -> Outcome {
    guard let modules else { throw Toolchain.Failure(description: "no Modules directory beside the test executable") }
    return try compile(source, fileName: fileName, arguments: [
      "-emit-sil", "-o", "/dev/null", "-swift-version", "6", "-warnings-as-errors",
      "-I", modules.path, "-I", packageRoot.appendingPathComponent("CHeaders").path,
      // libclang's interface, which VFIOABI's module needs (VFIOABI imports it internally).
      "-I", packageRoot.appendingPathComponent("Sources/CLibClang/include").path,
      // swift-system's C shim, which SystemPackage's module needs: in the build's own checkout.
      "-I", modules.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("checkouts/swift-system/Sources/CSystem/include").path,
      "-module-cache-path", moduleCache.path,
    ])
  }

  /// Type-checks `source` as a `Package.swift` of tools version 6.1 against the toolchain's own
  /// PackageDescription module, as SwiftPM compiles a manifest.
  static func typecheckManifest(_ source: String) throws -> Outcome {
    let manifestAPI = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("lib/swift/pm/ManifestAPI")
    return try compile(source, fileName: "Package.swift", arguments: [
      "-typecheck", "-swift-version", "6", "-warnings-as-errors", "-I", manifestAPI.path,
      "-package-description-version", "6.1", "-module-cache-path", moduleCache.path,
    ])
  }

  /// Runs swiftc with `arguments` on `source`, written to `fileName` in a directory of its own.
  private static func compile(_ source: String, fileName: String, arguments: [String]) throws -> Outcome {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vfio-misuse-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent(fileName)
    try source.write(to: file, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: swiftc)
    process.arguments = arguments + [file.path]
    let errors = directory.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: errors)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, diagnostics: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
  }
}
