import Foundation
import Testing

/// What CHeaders/CVFIO_fallbacks.h defines, read from its text.
struct FallbackDefinitions {
  /// The macros each block is guarded by (`#ifndef NAME`).
  var guards: [String] = []
  /// Object-like macros, including the guards' own definitions.
  var macros: [String] = []
  /// Enumerators the fallbacks declare as const variables.
  var enumerators: [String] = []
  /// Structs with their field names, in order.
  var structs: [(name: String, fields: [String])] = []

  init(text: String) {
    var current: (name: String, fields: [String])?
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      if line.hasPrefix("#ifndef "), words.count > 1, words[1] != "CVFIO_FALLBACKS_H" {
        guards.append(words[1])
      } else if line.hasPrefix("#define "), words.count > 1, words[1] != "CVFIO_FALLBACKS_H", !words[1].contains("(") {
        macros.append(words[1])
      } else if line.hasPrefix("static const enum "), words.count > 4 {
        enumerators.append(words[4])
      } else if line.hasPrefix("struct "), line.hasSuffix("{"), words.count == 3 {
        current = (words[1], [])
      } else if line.hasPrefix("};"), let done = current {
        structs.append(done)
        current = nil
      } else if current != nil, !line.hasPrefix("#"), line.hasSuffix(";"), let last = words.last {
        current?.fields.append(String(last.dropLast().prefix { $0 != "[" }))
      }
    }
  }

  /// A C program that prints every value and layout the fallbacks define, one
  /// `name=value` per line, and whether the header defined each guard itself
  /// (`native NAME=1`).
  var probe: String {
    var lines = ["#include <stdio.h>", "#include <stddef.h>", "#include <linux/vfio.h>"]
    for name in guards {
      lines += ["#ifdef \(name)", "#define NATIVE_\(name) 1", "#else", "#define NATIVE_\(name) 0", "#endif"]
    }
    lines += ["#include \"CVFIO_fallbacks.h\"", "int main(void) {"]
    for name in guards { lines.append("  printf(\"native \(name)=%d\\n\", NATIVE_\(name));") }
    for name in macros + enumerators { lines.append("  printf(\"\(name)=%lld\\n\", (long long)(\(name)));") }
    for (name, fields) in structs {
      lines.append("  printf(\"sizeof(\(name))=%zu\\n\", sizeof(struct \(name)));")
      lines.append("  printf(\"alignof(\(name))=%zu\\n\", _Alignof(struct \(name)));")
      for field in fields {
        lines.append("  printf(\"offsetof(\(name), \(field))=%zu\\n\", offsetof(struct \(name), \(field)));")
        lines.append("  printf(\"sizeof(\(name).\(field))=%zu\\n\", sizeof(((struct \(name) *)0)->\(field)));")
      }
    }
    lines += ["  return 0;", "}", ""]
    return lines.joined(separator: "\n")
  }
}

@Suite("CVFIO_fallbacks.h against the 6.12 header")
struct FallbackEquivalenceTests {
  @Test("Every fallback definition equals the 6.12 header's")
  func fallbacksEqualTheReferenceHeader() throws {
    let headers = Toolchain.packageRoot.appendingPathComponent("CHeaders")
    let text = try String(contentsOf: headers.appendingPathComponent("CVFIO_fallbacks.h"), encoding: .utf8)
    let fallbacks = FallbackDefinitions(text: text)
    #expect(!fallbacks.macros.isEmpty && !fallbacks.structs.isEmpty, "nothing parsed from CVFIO_fallbacks.h")
    guard let reference = Toolchain.referenceHeaderInclude else {
      print("skipped the fallback comparison: no 6.12 UAPI header (apt-get install linux-headers-6.12-amd64)")
      return
    }
    // The installed header with the fallbacks filling its gaps, against the
    // reference header on which every fallback block is inert.
    let installed = try Toolchain.compileAndRun(fallbacks.probe, flags: ["-I" + headers.path])
    let newer = try Toolchain.compileAndRun(fallbacks.probe, flags: ["-I" + reference, "-I" + headers.path])
    func values(_ output: String) -> [Substring] { output.split(separator: "\n").filter { !$0.hasPrefix("native ") } }
    let installedLines = values(installed), newerLines = values(newer)
    let filled = installed.split(separator: "\n").filter { $0.hasPrefix("native ") && $0.hasSuffix("=0") }.count
    #expect(installedLines.count == newerLines.count)
    for (old, new) in zip(installedLines, newerLines) {
      #expect(old == new, "installed header + fallbacks: \(old); reference: \(new)")
    }
    let fields = fallbacks.structs.reduce(0) { $0 + $1.fields.count }
    print("checked \(installedLines.count) fallback values against \(reference): \(fallbacks.macros.count) macros,"
      + " \(fallbacks.enumerators.count) enumerators, \(fallbacks.structs.count) structs with \(fields) fields;"
      + " \(filled) of \(fallbacks.guards.count) fallback blocks fill gaps of the installed header")
  }

  @Test("Every fallback block is inert on the 6.12 header")
  func fallbacksAreInertOnTheReference() throws {
    guard let reference = Toolchain.referenceHeaderInclude else { return }
    let headers = Toolchain.packageRoot.appendingPathComponent("CHeaders")
    let text = try String(contentsOf: headers.appendingPathComponent("CVFIO_fallbacks.h"), encoding: .utf8)
    let fallbacks = FallbackDefinitions(text: text)
    var source = "#include <linux/vfio.h>\n"
    for name in fallbacks.guards {
      source += "#ifndef \(name)\n#error \(name) is not in the reference header\n#endif\n"
    }
    try Toolchain.clang(["-I" + reference, "-fsyntax-only"], source: source)
  }
}
