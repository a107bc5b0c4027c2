import Foundation
import PackagePlugin

/// `swift package vfio-layout-check [--target <C target> ...] [--api]`: every header with a baseline in
/// `LayoutBaselines/` checked against it by `vfio abi check --baseline`, each report printed. The command
/// fails when a header breaks binaries built against its baseline (with `--api`, also code that names what
/// changed) or could not be checked, and when there is no baseline at all: a job cannot pass while
/// checking nothing. It only reads the package.
@main
struct VFIOLayoutCheck: CommandPlugin {
  func performCommand(context: PluginContext, arguments: [String]) async throws {
    var extractor = ArgumentExtractor(arguments)
    let targetNames = extractor.extractOption(named: "target")
    let api = extractor.extractFlag(named: "api") > 0
    guard extractor.remainingArguments.isEmpty else {
      throw LayoutPluginError(
        "usage: vfio-layout-check [--target <C target> ...] [--api]; unexpected: \(extractor.remainingArguments.joined(separator: " "))")
    }
    let store = LayoutBaselines(package: context.package)
    let targets = try store.targets(named: targetNames)
    let vfio = try context.tool(named: "VFIOTool").url

    var statuses: [String: Int32] = [:]
    for target in targets {
      let baselines = store.baselines(of: target)
      let described = Set(baselines.map(\.path))
      for header in store.publicHeaders(of: target) where !described.contains(store.baseline(of: header, in: target).path) {
        Diagnostics.warning("\(store.relative(header)) has no layout baseline (vfio-layout-generate --header \(store.relative(header)))")
      }
      for baseline in baselines {
        let (header, triple) = try Self.described(by: baseline)
        var arguments = ["abi", "check", "--header", header, "--baseline", store.relative(baseline), "--target", triple]
          + store.includeArguments(of: target)
        if api { arguments.append("--api") }
        statuses[store.relative(baseline)] = try VFIORun.run(vfio, arguments, in: context.package.directoryURL)
        print("")
      }
    }
    guard !statuses.isEmpty else {
      throw LayoutPluginError(
        "no layout baseline in \(LayoutBaselines.folder)/ for \(targets.map(\.name).joined(separator: ", ")): write them with swift package --allow-writing-to-package-directory vfio-layout-generate")
    }
    let breaking = statuses.filter { $0.value == 1 }.keys.sorted()
    let unchecked = statuses.filter { $0.value != 0 && $0.value != 1 }.keys.sorted()
    print("vfio-layout-check: \(statuses.count) header\(statuses.count == 1 ? "" : "s") checked: \(statuses.count - breaking.count - unchecked.count) compatible, \(breaking.count) breaking, \(unchecked.count) could not be checked")
    for name in breaking { print("  breaking: \(name)") }
    for name in unchecked { print("  could not check: \(name)") }
    // Breaking wins over a header that could not be checked, as in `vfio abi diff` of two trees.
    VFIORun.exit(with: breaking.isEmpty ? (unchecked.isEmpty ? 0 : 2) : 1, command: "vfio-layout-check")
  }

  /// The header a baseline describes (as the package spells it) and its target triple.
  static func described(by baseline: URL) throws -> (header: String, triple: String) {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: baseline)) as? [String: Any]
    guard let header = object?["header"] as? String, let triple = object?["target"] as? String else {
      throw LayoutPluginError("\(baseline.path) is not a manifest of vfio abi dump --json (no header or target)")
    }
    return (header, triple)
  }
}
