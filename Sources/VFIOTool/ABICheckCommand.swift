import ArgumentParser
import Foundation
import VFIOABI

struct ABICheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a header against a committed baseline: by default the installed <linux/vfio.h> against the package's baseline for the nearest header generation.",
    discussion: "Exit codes: 0 compatible, 1 breaking, 2 could not check."
  )

  @OptionGroup var header: ABIHeaderOptions

  @Option(help: "A manifest to check against instead of the package's committed baselines.")
  var baseline: String?

  @Flag(help: "Print the findings as JSON.")
  var json = false

  func run() throws {
    try ABIExit.run { () throws(ABIError) -> ABIExitCode in
      let candidates: [ABIManifest]
      if let baseline {
        candidates = [try ABIManifest(contentsOf: baseline)]
      } else {
        candidates = try ABIBaseline.all()
      }
      // The baselines describe x86_64; another --target has no baseline and is refused (exit 2).
      var target = try ABITarget(named: candidates.first?.target ?? "x86_64")
      if let chosen = try header.abiTarget() { target = chosen }
      let current = try ABIManifest.dump(
        header: header.header, target: target, includeDirectories: header.include)
      let diff = try ABIBaseline.nearest(to: current, among: candidates)
      if !json { print("baseline: \(diff.old.header) (\(diff.old.target))") }
      return ABIOutput.print(diff, json: json)
    }
  }
}
