import Foundation
import PackagePlugin

/// `swift package vfio-abi-check [options]`: the package's `vfio abi check`, built for the host and run
/// with the arguments as given, so that a CI job checks a header in one line. Its report goes to standard
/// output as `vfio` prints it; a nonzero exit (1 binary-breaking, 2 could not check) fails the command.
@main
struct VFIOABICheck: CommandPlugin {
  func performCommand(context: PluginContext, arguments: [String]) async throws {
    let vfio = try context.tool(named: "VFIOTool")
    let status = try VFIORun.run(vfio.url, ["abi", "check"] + arguments, in: context.package.directoryURL)
    VFIORun.exit(with: status, command: "vfio abi check")
  }
}
