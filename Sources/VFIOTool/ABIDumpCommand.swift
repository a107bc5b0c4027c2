import ArgumentParser
import FoundationEssentials
import Glibc
import VFIOABI

struct ABIDumpCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dump",
    abstract: "Print a header's manifest: records, fields, enum constants and integer macros as clang computes them.",
    usage: """
      vfio abi dump [--header <header>] [--target <arch>] [-I <dir> ...]
                    [--json]
      """
  )

  @OptionGroup var header: ABIHeaderOptions

  @OptionGroup var target: ABITargetOption

  @OptionGroup var compiler: ABIIncludeOptions

  @Flag(help: "Print the manifest as JSON (the schema the baselines use).")
  var json = false

  func run() throws {
    try ABIExit.run { () throws(ABIError) -> ABIExitCode in
      let manifest = try ABIManifest.dump(
        header: header.header, target: try target.abiTarget(), includeDirectories: compiler.include)
      if json {
        writeAll(Array(manifest.jsonData()), to: STDOUT_FILENO)
      } else {
        print(ABIManifestText(manifest).rendered, terminator: "")
      }
      return ABIExitCode.compatible
    }
  }
}

/// The header `dump` and `check` read.
struct ABIHeaderOptions: ParsableArguments {
  @Option(
    name: .customLong("header"),
    help: ArgumentHelp(
      "A header file (raw UAPI sources accepted) or <name.h> for one on the include path.", valueName: "header"))
  var headerArgument = "<linux/vfio.h>"

  var header: ABIHeader { ABIHeader(argument: headerArgument) }
}

/// `--target` of `dump` and `diff`, whose default is the machine's own architecture (`check` has its own).
struct ABITargetOption: ParsableArguments {
  @Option(help: ArgumentHelp(
    "Architecture: x86_64, aarch64, i386, powerpc64le, s390x or riscv64 (default: this machine's).", valueName: "arch"))
  var target: String?

  func abiTarget() throws(ABIError) -> ABITarget? {
    guard let target else { return nil }
    return try ABITarget(named: target)
  }
}

/// The directories clang searches first, for every `abi` command.
struct ABIIncludeOptions: ParsableArguments {
  @Option(
    name: .customShort("I"),
    help: ArgumentHelp("A directory searched before the system include path; repeatable.", valueName: "dir"))
  var include: [String] = []
}
