import Foundation
import Testing
import VFIOABI

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
  /// The fallback block each struct is defined in (its `#ifndef` guard); none for owned structs,
  /// which are always in effect.
  var structGuards: [String: String] = [:]
  /// `struct.field` of each flexible array member, which has an offset but no size.
  var flexibleArrays: Set<String> = []

  init(text: String) {
    var current: (name: String, fields: [String])?
    var openGuard: String?
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      if line.hasPrefix("#ifndef "), words.count > 1, !words[1].hasSuffix("_H") {
        guards.append(words[1])
        openGuard = words[1]
      } else if line.hasPrefix("#define "), words.count > 1, !words[1].hasSuffix("_H"), !words[1].contains("("),
        !words[1].hasPrefix("CVFIO_HEADER_HAS_")
      {
        macros.append(words[1])
      } else if let name = words.first(where: { $0.hasPrefix("CVFIO_") }), line.hasPrefix("enum {") || words.first == name,
        !enumerators.contains(name), line.contains("=")
      {
        enumerators.append(name)
        for other in words where other.hasPrefix("CVFIO_") && other != name && !enumerators.contains(other) {
          enumerators.append(other)
        }
      } else if line.hasPrefix("struct "), line.hasSuffix("{"), words.count == 3 {
        current = (words[1], [])
        if !words[1].hasPrefix("cvfio_"), let openGuard { structGuards[words[1]] = openGuard }
      } else if line.hasPrefix("};"), let done = current {
        structs.append(done)
        current = nil
      } else if current != nil, !line.hasPrefix("#"), line.hasSuffix(";"), let last = words.last {
        let field = String(last.dropLast().prefix { $0 != "[" })
        current?.fields.append(field)
        if last.hasSuffix("[];") { flexibleArrays.insert("\(current?.name ?? "").\(field)") }
      }
    }
  }

  /// A C program that prints every value and layout the fallbacks and owned definitions give on
  /// the installed header, one `name=value` per line, with the header's own name (`cvfio_x` as
  /// `x`, `CVFIO_X` as `VFIO_X`), and whether the header defined each guard itself
  /// (`native NAME=1`).
  var probe: String {
    var lines = ["#include <stdio.h>", "#include <stddef.h>", "#include <linux/vfio.h>", "#include <linux/vfio_zdev.h>"]
    for name in guards {
      lines += ["#ifdef \(name)", "#define NATIVE_\(name) 1", "#else", "#define NATIVE_\(name) 0", "#endif"]
    }
    lines += ["#include \"CVFIO_owned.h\"", "#include \"CVFIO_fallbacks.h\"", "int main(void) {"]
    for name in guards { lines.append("  printf(\"native \(name)=%d\\n\", NATIVE_\(name));") }
    for name in macros + enumerators {
      lines.append("  printf(\"\(Self.headerName(name))=%lld\\n\", (long long)(\(name)));")
    }
    for (name, fields) in structs {
      let header = Self.headerName(name)
      // A fallback struct is the newest layout; where the header defines the struct itself, the
      // header's (older) layout is in effect and the layout tests check it instead.
      if let guardName = structGuards[name] { lines.append("#if !NATIVE_\(guardName)") }
      defer { if structGuards[name] != nil { lines.append("#endif") } }
      lines.append("  printf(\"sizeof(\(header))=%zu\\n\", sizeof(struct \(name)));")
      lines.append("  printf(\"alignof(\(header))=%zu\\n\", _Alignof(struct \(name)));")
      for field in fields {
        lines.append("  printf(\"offsetof(\(header), \(field))=%zu\\n\", offsetof(struct \(name), \(field)));")
        if flexibleArrays.contains("\(name).\(field)") { continue }
        lines.append("  printf(\"sizeof(\(header).\(field))=%zu\\n\", sizeof(((struct \(name) *)0)->\(field)));")
      }
    }
    lines += ["  return 0;", "}", ""]
    return lines.joined(separator: "\n")
  }

  /// The header's name for a definition the package owns.
  static func headerName(_ name: String) -> String {
    if name.hasPrefix("CVFIO_") { return String(name.dropFirst()) }
    if name.hasPrefix("cvfio_") { return String(name.dropFirst()) }
    return name
  }

  /// The same `name=value` lines for what `manifest` (a header generation's baseline) defines.
  static func lines(of manifest: ABIManifest) -> [String: String] {
    var table: [String: String] = [:]
    for macro in manifest.macros { table[macro.name] = macro.value }
    for constant in manifest.enumConstants { table[constant.name] = constant.value }
    for record in manifest.records {
      table["sizeof(\(record.name))"] = "\(record.size)"
      table["alignof(\(record.name))"] = "\(record.alignment)"
      for field in record.fields {
        table["offsetof(\(record.name), \(field.name))"] = "\(field.offset)"
        table["sizeof(\(record.name).\(field.name))"] = "\(field.size)"
      }
    }
    return table
  }
}

@Suite("CVFIO_fallbacks.h and CVFIO_owned.h against every header generation")
struct FallbackEquivalenceTests {
  static func definitions() throws -> FallbackDefinitions {
    let headers = Toolchain.packageRoot.appendingPathComponent("CHeaders")
    let text = try ["CVFIO_fallbacks.h", "CVFIO_owned.h"].map {
      try String(contentsOf: headers.appendingPathComponent($0), encoding: .utf8)
    }.joined(separator: "\n")
    return FallbackDefinitions(text: text)
  }

  @Test("Every fallback and owned definition equals the newest generation that has it")
  func fallbacksEqualTheHeaders() throws {
    let headers = Toolchain.packageRoot.appendingPathComponent("CHeaders")
    let fallbacks = try Self.definitions()
    #expect(!fallbacks.macros.isEmpty && !fallbacks.structs.isEmpty && !fallbacks.enumerators.isEmpty)
    let output = try Toolchain.compileAndRun(fallbacks.probe, flags: ["-I" + headers.path])
    let installed = FallbackDefinitions.lines(of: try ManifestLayouts.currentHeader())
    var generations = try ABIBaseline.generations().map { ($0, FallbackDefinitions.lines(of: try ABIBaseline.manifest(generation: $0))) }
    // A header newer than every baseline is the newest generation there is.
    if HeaderGeneration.isNewerThanEveryBaseline { generations.append((HeaderGeneration.current, installed)) }
    var compared = 0
    for line in output.split(separator: "\n") where !line.hasPrefix("native ") {
      let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      // A count follows the installed header where it has one (CVFIO takes the header's value);
      // every other value is the newest definition (older generations may have used the name
      // for something else: 5.10's VFIO_DEVICE_STATE_RUNNING is a v1 bit).
      if parts[0].contains("_NUM_"), let value = installed[parts[0]] {
        #expect(value == parts[1], "\(parts[0]): CVFIO \(parts[1]), installed header \(value)")
        compared += 1
        continue
      }
      let newest = generations.last { $0.1[parts[0]] != nil }
      guard let (generation, table) = newest else {
        // A struct of another header (vfio_zdev.h) is checked by OwnedStructTests.
        let record = parts[0].split(whereSeparator: { "(,.)".contains($0) }).dropFirst().first.map(String.init)
        #expect(record.map(OwnedStructTests.otherHeaders.keys.contains) == true,
          "\(parts[0]) is in no header generation's baseline")
        continue
      }
      #expect(table[parts[0]] == parts[1], "\(parts[0]): CVFIO \(parts[1]), Linux \(generation) \(table[parts[0]] ?? "")")
      compared += 1
    }
    let filled = output.split(separator: "\n").filter { $0.hasPrefix("native ") && $0.hasSuffix("=0") }.count
    print("header \(HeaderGeneration.current): checked \(compared) fallback and owned values against"
      + " \(generations.map(\.0).joined(separator: ", ")); \(filled) of \(fallbacks.guards.count) fallback blocks"
      + " fill gaps of the installed header")
  }

  @Test("Every fallback guard is a macro of the newest generation")
  func guardsAreRealMacros() throws {
    // A header newer than every baseline is the newest generation there is.
    let newest = HeaderGeneration.isNewerThanEveryBaseline
      ? try ManifestLayouts.currentHeader() : try #require(try ABIBaseline.all().last)
    let macros = Set(newest.macros.map(\.name))
    for name in try Self.definitions().guards where name.hasPrefix("VFIO_") {
      #expect(macros.contains(name), "\(name) guards a fallback but the newest header lacks it")
    }
  }
}

@Suite("The package's own structs against the installed header's")
struct OwnedStructTests {
  /// Owned structs whose header is not vfio.h, which the baselines describe.
  static let otherHeaders = [
    "vfio_device_info_cap_zpci_base": "linux/vfio_zdev.h",
    "vfio_device_info_cap_zpci_group": "linux/vfio_zdev.h",
  ]

  static let owned = [
    "vfio_device_bind_iommufd", "vfio_device_attach_iommufd_pt", "vfio_device_detach_iommufd_pt",
    "vfio_device_info_cap_zpci_base", "vfio_device_info_cap_zpci_group",
  ]

  @Test("Every field the installed header has sits at the same offset, with the same size, in the owned struct",
    arguments: owned)
  func ownedStructExtendsTheHeader(_ name: String) throws {
    let header = Self.otherHeaders[name] ?? "linux/vfio.h"
    let manifest = try ABIManifest.dump(header: .installed(header))
    guard let record = manifest.records.first(where: { $0.name == name }) else {
      // An older header without the struct: CVFIO_fallbacks.h supplies it, FallbackEquivalenceTests checks it.
      return
    }
    // Compared on the fields both have; a field only the header has is unknown to the package.
    let ownedFields = try #require(
      try FallbackEquivalenceTests.definitions().structs.first { $0.name == "c" + name }?.fields)
    let shared = record.fields.filter { ownedFields.contains($0.name) }
    let unknown = record.fields.filter { !ownedFields.contains($0.name) }.map { "\(name).\($0.name)" }
    HeaderGeneration.judgeUnknown(unknown, "fields of an owned struct")
    var probe = "#include <stdio.h>\n#include <stddef.h>\n#include <linux/vfio.h>\n#include <linux/vfio_zdev.h>\n"
    probe += "#include \"CVFIO_owned.h\"\nint main(void) {\n"
    probe += "  printf(\"%zu\\n\", sizeof(struct c\(name)));\n"
    for field in shared {
      probe += "  printf(\"%zu %zu\\n\", offsetof(struct c\(name), \(field.name)), sizeof(((struct c\(name) *)0)->\(field.name)));\n"
    }
    probe += "  return 0;\n}\n"
    let headers = Toolchain.packageRoot.appendingPathComponent("CHeaders").path
    let lines = try Toolchain.compileAndRun(probe, flags: ["-I" + headers]).split(separator: "\n").map(String.init)
    let ownedSize = try #require(Int(lines.first ?? ""))
    if unknown.isEmpty { #expect(ownedSize >= record.size, "c\(name) is smaller than the header's struct") }
    for (field, line) in zip(shared, lines.dropFirst()) {
      #expect(line == "\(field.offset) \(field.size)", "\(name).\(field.name): header \(field.offset) \(field.size), owned \(line)")
    }
    print("c\(name): \(shared.count) of \(record.fields.count) fields of the installed header's struct at their offsets;"
      + " \(ownedSize) bytes against \(record.size)")
  }
}
