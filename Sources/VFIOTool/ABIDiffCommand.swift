import ArgumentParser
import FoundationEssentials
import Glibc
import VFIOABI

struct ABIDiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two headers, two manifests (.json) or two include trees and judge every difference by the ABI rules.",
    usage: """
      vfio abi diff <old> <new> [--target <arch>] [-I <dir> ...]
                    [--under <dir> ...] [--jobs <count>] [--json] [--api]
      """,
    discussion: """
      Given two directories (two linux-libc-dev usr/include trees, or two `make headers_install` outputs), \
      every header of either tree is checked with its own tree on the include path, in parallel: asm/ \
      headers through the target's own <triple>/asm. Headers that do not compile on their own are listed \
      as not standalone; files named like headers that are no regular file are skipped with a note. \
      Exit codes: 0 compatible or only source-breaking (a name removed or renamed, layout and value \
      unchanged), 1 binary-breaking (or source-breaking with --api), 2 could not check (for trees: no \
      header breaks but some could not be checked, or a --under directory holds no header).
      """
  )

  @Argument(help: "The old header, manifest or include tree.")
  var old: String

  @Argument(help: "The new header, manifest or include tree.")
  var new: String

  @OptionGroup var target: ABITargetOption

  @OptionGroup var compiler: ABIIncludeOptions

  @Option(
    name: .customLong("under"),
    help: ArgumentHelp(
      "Trees only: check the headers of this top directory (e.g. linux, asm); repeatable. One that holds no header in either tree is an error (exit 2).",
      valueName: "dir"))
  var directories: [String] = []

  @Option(
    name: .customLong("jobs"),
    help: ArgumentHelp("Trees only: headers dumped at once (default: the number of cores).", valueName: "count"))
  var jobs: Int?

  @Flag(help: "Print the findings as JSON.")
  var json = false

  @Flag(help: "Exit 1 for source-breaking changes too (a name removed or renamed, a type respelled), not only binary-breaking ones.")
  var api = false

  func run() throws {
    if ABIInput.isDirectory(old) && ABIInput.isDirectory(new) {
      try ABIExit.run { () throws(ABIError) -> ABIExitCode in
        let diff = try ABITreeDiff(
          old: ABITree(root: old), new: ABITree(root: new), target: try target.abiTarget(),
          directories: directories, workers: max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount))
        return ABIOutput.print(diff, json: json, api: api)
      }
      return
    }
    try ABIExit.run { () throws(ABIError) -> ABIExitCode in
      let manifests = try ABIInput.manifests(
        for: [old, new], target: try target.abiTarget(), includeDirectories: compiler.include)
      return ABIOutput.print(try ABIDiff(comparing: manifests[0], with: manifests[1]), json: json, api: api)
    }
  }
}

/// A command-line operand: a manifest when it ends in `.json`, a header otherwise.
enum ABIInput {
  static func isDirectory(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
  }

  static func manifests(for operands: [String], target: ABITarget?, includeDirectories: [String]) throws(ABIError)
    -> [ABIManifest]
  {
    var manifests: [ABIManifest?] = operands.map { _ in nil }
    var headers: [(index: Int, header: ABIHeader)] = []
    for (index, operand) in operands.enumerated() {
      if operand.hasSuffix(".json") {
        manifests[index] = try ABIManifest(contentsOf: operand)
      } else {
        headers.append((index, ABIHeader(argument: operand)))
      }
    }
    let dumped = try ABIManifest.dump(
      headers: headers.map(\.header), target: target, includeDirectories: includeDirectories)
    for (slot, manifest) in zip(headers, dumped) { manifests[slot.index] = manifest }
    return manifests.compactMap { $0 }
  }
}

enum ABIOutput {
  /// Prints the report and returns the verdict's exit code: 1 for a binary-breaking change, and with
  /// `api` for a source-breaking one.
  static func print(_ diff: ABIDiff, json: Bool, api: Bool) -> ABIExitCode {
    let report = ABIReport(diff)
    if json {
      writeAll(Array(report.json()), to: STDOUT_FILENO)
    } else {
      Swift.print(report.text(colour: isatty(STDOUT_FILENO) == 1), terminator: "")
    }
    return code(diff, api: api)
  }

  /// 1 for a binary-breaking diff, and with `api` for a source-breaking one; 0 otherwise.
  static func code(_ diff: ABIDiff, api: Bool) -> ABIExitCode {
    diff.isBreaking || (api && diff.isSourceBreaking) ? .breaking : .compatible
  }

  /// Prints a tree report and returns its exit code: breaking wins over headers that could not be
  /// checked, which win over compatible.
  static func print(_ diff: ABITreeDiff, json: Bool, api: Bool) -> ABIExitCode {
    let report = ABITreeReport(diff)
    if json {
      writeAll(Array(report.json()), to: STDOUT_FILENO)
    } else {
      Swift.print(report.text(colour: isatty(STDOUT_FILENO) == 1), terminator: "")
    }
    if diff.isBreaking { return .breaking }
    if api, diff.entries.contains(where: { entry in
      if case .compared(let headerDiff) = entry.outcome { return headerDiff.isSourceBreaking }
      return false
    }) {
      return .breaking
    }
    return diff.summary.failed > 0 ? .couldNotCheck : .compatible
  }
}
