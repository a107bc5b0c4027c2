import Foundation
import PackagePlugin

/// Where a package's layout baselines live and which headers they describe: one manifest per public
/// header of a C target, `LayoutBaselines/<target>/<header path below the target's include directory>`
/// with `.h` replaced by `.json`, written by `vfio abi dump --json` run in the package directory, so
/// that the manifest's `header` is the header's path relative to the package and means the same on
/// every checkout.
struct LayoutBaselines {
  static let folder = "LayoutBaselines"

  let package: Package

  var root: URL { package.directoryURL.appendingPathComponent(Self.folder) }

  /// The package's C targets named in `names`, or all of them when `names` is empty; an unknown name
  /// or a target that is not C is an error.
  func targets(named names: [String]) throws -> [ClangSourceModuleTarget] {
    let all = package.targets.compactMap { $0 as? ClangSourceModuleTarget }
    guard !names.isEmpty else { return all }
    return try names.map { name in
      guard let target = all.first(where: { $0.name == name }) else {
        throw LayoutPluginError("no C target named \(name) in package \(package.displayName) (C targets: \(all.map(\.name).joined(separator: ", ")))")
      }
      return target
    }
  }

  /// The directory a target's public headers are in: SwiftPM's default `include` below the target.
  func includeDirectory(of target: ClangSourceModuleTarget) -> URL {
    target.directoryURL.appendingPathComponent("include")
  }

  /// The `-I` directories a header of `target` is compiled with, relative to the package: its include
  /// directory and the target's own header search paths.
  func includeArguments(of target: ClangSourceModuleTarget) -> [String] {
    let directories = [includeDirectory(of: target)]
      + target.headerSearchPaths.map { target.directoryURL.appendingPathComponent($0) }
    return directories.flatMap { ["-I", relative($0)] }
  }

  /// The public headers of `target` (every `.h` below its include directory), in a stable order.
  func publicHeaders(of target: ClangSourceModuleTarget) -> [URL] {
    // The target's source files list its compiled sources only, not the headers of its include directory.
    guard let walker = FileManager.default.enumerator(at: includeDirectory(of: target), includingPropertiesForKeys: nil)
    else { return [] }
    return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "h" }.sorted { $0.path < $1.path }
  }

  /// The baseline of `header`, a header of `target`.
  func baseline(of header: URL, in target: ClangSourceModuleTarget) -> URL {
    let include = includeDirectory(of: target).standardizedFileURL.path + "/"
    let path = header.standardizedFileURL.path
    let below = path.hasPrefix(include) ? String(path.dropFirst(include.count)) : header.lastPathComponent
    let name = below.hasSuffix(".h") ? String(below.dropLast(2)) : below
    return root.appendingPathComponent(target.name).appendingPathComponent(name + ".json")
  }

  /// Every baseline committed for `target`, in a stable order.
  func baselines(of target: ClangSourceModuleTarget) -> [URL] {
    let folder = root.appendingPathComponent(target.name)
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
    return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
  }

  /// `url` relative to the package directory when it lies inside it.
  func relative(_ url: URL) -> String {
    let base = package.directoryURL.standardizedFileURL.path + "/"
    let path = url.standardizedFileURL.path
    return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
  }
}

/// A refusal of a layout plugin: its message is printed as SwiftPM's error line.
struct LayoutPluginError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
