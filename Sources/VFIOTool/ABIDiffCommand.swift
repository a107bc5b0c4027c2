import ArgumentParser
import Foundation
import VFIOABI

struct ABIDiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two headers or two manifests (.json) and judge every difference by the ABI rules."
  )

  @Argument(help: "The old header or manifest.")
  var old: String

  @Argument(help: "The new header or manifest.")
  var new: String

  @OptionGroup var compiler: ABICompilerOptions

  @Flag(help: "Print the findings as JSON.")
  var json = false

  func run() throws {
    try ABIExit.run { () throws(ABIError) -> ABIExitCode in
      let manifests = try ABIInput.manifests(
        for: [old, new], target: try compiler.abiTarget(), includeDirectories: compiler.include)
      return ABIOutput.print(ABIDiff(old: manifests[0], new: manifests[1]), json: json)
    }
  }
}

/// A command-line operand: a manifest when it ends in `.json`, a header otherwise.
enum ABIInput {
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
  /// Prints the report and returns the verdict's exit code.
  static func print(_ diff: ABIDiff, json: Bool) -> ABIExitCode {
    let report = ABIReport(diff)
    if json {
      FileHandle.standardOutput.write(report.json())
    } else {
      Swift.print(report.text(colour: isatty(STDOUT_FILENO) == 1), terminator: "")
    }
    return diff.isBreaking ? .breaking : .compatible
  }
}
