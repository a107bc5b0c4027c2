import ArgumentParser
import FoundationEssentials
import Glibc
import VFIOABI

struct ABICheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a header against a committed baseline: by default the installed <linux/vfio.h> against the package's baseline of its header generation.",
    usage: """
      vfio abi check [--header <header>] [--baseline <manifest.json>]
                     [--target <arch>] [-I <dir> ...] [--json] [--api]
      """,
    discussion: """
      The generation is read from LINUX_VERSION_CODE of the <linux/version.h> beside the header; a header \
      newer than every baseline is checked against the newest one. Exit codes: 0 compatible or only \
      source-breaking, 1 binary-breaking (or source-breaking with --api), 2 could not check.
      """
  )

  @OptionGroup var header: ABIHeaderOptions

  // The committed baselines describe x86_64, whatever this machine is: another target needs --baseline.
  @Option(help: ArgumentHelp(
    "Architecture: x86_64, aarch64, i386, powerpc64le, s390x or riscv64; another than x86_64 (the default, the committed baselines') needs --baseline.",
    valueName: "arch"))
  var target: String?

  @OptionGroup var compiler: ABIIncludeOptions

  @Option(help: ArgumentHelp("A manifest to check against instead of the package's committed baselines.", valueName: "manifest.json"))
  var baseline: String?

  @Flag(help: "Print the findings as JSON.")
  var json = false

  @Flag(help: "Exit 1 for source-breaking changes too (a name removed or renamed, a type respelled), not only binary-breaking ones.")
  var api = false

  func run() throws {
    try ABIExit.run { () throws(ABIError) -> ABIExitCode in
      // The baselines describe x86_64; another --target has no baseline and is refused (exit 2).
      let target = try ABITarget(named: self.target ?? "x86_64")
      let diff: ABIDiff
      let name: String
      if let baseline {
        let current = try ABIManifest.dump(header: header.header, target: target, includeDirectories: compiler.include)
        diff = try ABIDiff(comparing: try ABIManifest(contentsOf: baseline), with: current)
        name = baseline
        if !json { print("baseline: \(name)") }
        return ABIOutput.print(diff, json: json, api: api)
      }
      // The header and <linux/version.h> in one batch: one clang process and one libclang load.
      let (current, generation) = try ABIBaseline.dumpWithGeneration(
        header: header.header, target: target, includeDirectories: compiler.include)
      if let generation {
        let selection = try ABIBaseline.select(for: generation)
        let (manifest, baselineName) = Self.named(selection)
        diff = try ABIDiff(comparing: manifest, with: current)
        name = baselineName + (selection.exact ? "" : "; the header is Linux \(generation), which has no baseline of its own")
      } else {
        diff = try ABIBaseline.nearest(to: current, among: try ABIBaseline.all())
        name = "the nearest committed baseline (\(diff.old.target)): no <linux/version.h> beside the header"
      }
      if !json { print("baseline: \(name)") }
      return ABIOutput.print(diff, json: json, api: api)
    }
  }

  /// The selected baseline renamed after itself, so that the report's old side (text and JSON)
  /// names it instead of the `<linux/vfio.h>` it was dumped from, and the name `check` prints.
  static func named(_ selection: ABIBaseline.Selection) -> (manifest: ABIManifest, name: String) {
    var manifest = selection.manifest
    manifest.header = "vfio-\(selection.generation) baseline"
    return (manifest, "vfio-\(selection.generation) (Linux \(selection.generation), \(manifest.target))")
  }
}
