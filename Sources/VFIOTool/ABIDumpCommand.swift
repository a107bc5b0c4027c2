import ArgumentParser
import Foundation
import VFIOABI

struct ABIDumpCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dump",
    abstract: "Print a header's manifest: records, fields, enum constants and integer macros as clang computes them."
  )

  @OptionGroup var header: ABIHeaderOptions

  @Flag(help: "Print the manifest as JSON (the schema the baselines use).")
  var json = false

  func run() throws {
    try ABIExit.run { () throws(ABIError) -> ABIExitCode in
      let manifest = try ABIManifest.dump(
        header: header.header, target: try header.abiTarget(), includeDirectories: header.include)
      if json {
        FileHandle.standardOutput.write(manifest.jsonData())
      } else {
        print(ABIManifestText(manifest).rendered, terminator: "")
      }
      return ABIExitCode.compatible
    }
  }
}

/// The header `dump` and `check` read, and the target options of every `abi` command.
struct ABIHeaderOptions: ParsableArguments {
  @Option(
    name: .customLong("header"),
    help: ArgumentHelp(
      "A header file (raw UAPI sources accepted) or <name.h> for one on the include path.", valueName: "header"))
  var headerArgument = "<linux/vfio.h>"

  @OptionGroup var compiler: ABICompilerOptions

  var header: ABIHeader { ABIHeader(argument: headerArgument) }
  var include: [String] { compiler.include }
  func abiTarget() throws(ABIError) -> ABITarget? { try compiler.abiTarget() }
}

/// How clang compiles the headers: for which architecture, with which include directories first.
struct ABICompilerOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "Architecture: x86_64, aarch64, i386, powerpc64le, s390x or riscv64 (default: this machine's).", valueName: "arch"))
  var target: String?

  @Option(
    name: .customShort("I"),
    help: ArgumentHelp("A directory searched before the system include path; repeatable.", valueName: "dir"))
  var include: [String] = []

  func abiTarget() throws(ABIError) -> ABITarget? {
    guard let target else { return nil }
    return try ABITarget(named: target)
  }
}
