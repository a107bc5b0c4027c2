import Foundation
import ArgumentParser
import Testing
@testable import VFIOTool

/// Every command's `--help`, as ArgumentParser renders it for an 80-column terminal.
struct HelpPage: CustomTestStringConvertible, Sendable {
  let path: String
  let text: String

  var testDescription: String { path }

  static let all: [HelpPage] = pages(of: VFIOCommand.self, path: "vfio")

  private static func pages(of command: any ParsableCommand.Type, path: String) -> [HelpPage] {
    let page = HelpPage(path: path, text: VFIOCommand.helpMessage(for: command, columns: 80))
    return [page] + command.configuration.subcommands.flatMap { subcommand in
      pages(of: subcommand, path: path + " " + subcommand._commandName)
    }
  }
}

@Suite("--help")
struct HelpTextTests {
  @Test("every command is rendered, leaves included")
  func everyCommandIsRendered() {
    let paths = Set(HelpPage.all.map(\.path))
    for path in ["vfio ioctls", "vfio abi check", "vfio abi diff", "vfio abi dump", "vfio migration path", "vfio inspect"] {
      #expect(paths.contains(path), "no help page for \(path)")
    }
  }

  @Test("wraps within 80 columns", arguments: HelpPage.all)
  func wrapsWithin80Columns(_ page: HelpPage) {
    let long = page.text.split(separator: "\n").filter { $0.count > 80 }
    #expect(long.isEmpty, "\(page.path) --help has lines over 80 columns:\n\(long.joined(separator: "\n"))")
  }

  @Test("states each option's default once", arguments: HelpPage.all)
  func statesEachDefaultOnce(_ page: HelpPage) {
    // An option's help runs from its "  -x, --name" line to the next option (or the page's end).
    var entries: [String] = []
    for line in page.text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.drop { $0 == " " }
      if line.hasPrefix("  "), trimmed.hasPrefix("-") || trimmed.hasPrefix("<") {
        entries.append(String(line))
      } else if !entries.isEmpty, line.hasPrefix("   ") {
        entries[entries.count - 1] += " " + trimmed
      }
    }
    for entry in entries {
      let defaults = entry.ranges(of: "default:").count + entry.ranges(of: "(default ").count
      #expect(defaults <= 1, "\(page.path): the default is stated \(defaults) times in \(entry)")
    }
  }

  @Test("the usage line names every option the page lists", arguments: HelpPage.all)
  func usageNamesEveryOption(_ page: HelpPage) throws {
    let lines = page.text.split(separator: "\n", omittingEmptySubsequences: false)
    let start = try #require(lines.firstIndex { $0.hasPrefix("USAGE: ") })
    let usage = lines[start...].prefix { !$0.isEmpty }.joined(separator: " ")
    let builtIn: Set<String> = ["--help", "--version"]
    let options = lines.compactMap { line -> String? in
      guard line.hasPrefix("  -") else { return nil }
      let name = line.drop { $0 == " " }.split(separator: " ").first.map { $0.trimmingCharacters(in: [","]) }
      return name.flatMap { $0 == "-h" ? nil : $0 }
    }
    for option in options where !builtIn.contains(option) {
      #expect(["[\(option)]", "[\(option) <", " \(option) <"].contains { usage.contains($0) }, "\(page.path): usage lacks \(option)")
    }
  }

  @Test("abi check's --target names x86_64, the baselines' architecture, as its default")
  func checkTargetDefault() throws {
    let page = try #require(HelpPage.all.first { $0.path == "vfio abi check" })
    let text = page.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    #expect(text.contains("another than x86_64 (the default, the committed baselines')"))
    #expect(!text.contains("this machine's"))
  }
}
