import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory vfio-layout-generate [--target <C target> ...]
/// [--header <path> ...] [--arch <arch>]`: a layout baseline for every public header of the package's C
/// targets (or of those named, or only the headers named), each the manifest `vfio abi dump --json`
/// prints, written to `LayoutBaselines/<target>/` for the package to commit. `vfio-layout-check` then
/// compares the headers with them.
@main
struct VFIOLayoutGenerate: CommandPlugin {
  func performCommand(context: PluginContext, arguments: [String]) async throws {
    var extractor = ArgumentExtractor(arguments)
    let targetNames = extractor.extractOption(named: "target")
    let headerPaths = extractor.extractOption(named: "header")
    let architectures = extractor.extractOption(named: "arch")
    guard extractor.remainingArguments.isEmpty, architectures.count <= 1 else {
      throw LayoutPluginError(
        "usage: vfio-layout-generate [--target <C target> ...] [--header <path> ...] [--arch <arch>]; unexpected: \((extractor.remainingArguments + architectures.dropFirst()).joined(separator: " "))")
    }
    let store = LayoutBaselines(package: context.package)
    let targets = try store.targets(named: targetNames)
    let jobs = try Self.jobs(targets: targets, headers: headerPaths, store: store)
    guard !jobs.isEmpty else { throw LayoutPluginError("no public header in \(targets.map(\.name).joined(separator: ", ")) (headers go in the target's include directory)") }

    let vfio = try context.tool(named: "VFIOTool").url
    for (target, header) in jobs {
      var arguments = ["abi", "dump", "--header", store.relative(header), "--json"] + store.includeArguments(of: target)
      if let architecture = architectures.first { arguments += ["--target", architecture] }
      let (status, manifest) = try VFIORun.output(vfio, arguments, in: context.package.directoryURL)
      guard status == 0 else { VFIORun.exit(with: status, command: "vfio abi dump --header \(store.relative(header))") }
      let baseline = store.baseline(of: header, in: target)
      try FileManager.default.createDirectory(at: baseline.deletingLastPathComponent(), withIntermediateDirectories: true)
      try manifest.write(to: baseline)
      print("\(store.relative(baseline)) ← \(store.relative(header))")
    }
  }

  /// The headers to describe, each with the target that owns it: those named (each inside one of the
  /// targets), or every public header of the targets.
  static func jobs(targets: [ClangSourceModuleTarget], headers: [String], store: LayoutBaselines) throws
    -> [(ClangSourceModuleTarget, URL)]
  {
    guard !headers.isEmpty else { return targets.flatMap { target in store.publicHeaders(of: target).map { (target, $0) } } }
    return try headers.map { path in
      let url = URL(fileURLWithPath: path, relativeTo: store.package.directoryURL).standardizedFileURL
      guard FileManager.default.isReadableFile(atPath: url.path) else { throw LayoutPluginError("no header \(path) in the package") }
      guard let owner = targets.first(where: { url.path.hasPrefix($0.directoryURL.standardizedFileURL.path + "/") }) else {
        throw LayoutPluginError("\(path) is in no C target of \(targets.map(\.name).joined(separator: ", "))")
      }
      return (owner, url)
    }
  }
}
