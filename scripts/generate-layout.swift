// Generates the layout tables from the newest <linux/vfio.h> (the newest linux-libc-dev Debian ships,
// trixie-backports' today; NEWEST below):
//   CHeaders/CVFIO_layout.h          the C compiler's sizeof/_Alignof/offsetof of every struct and field
//   CHeaders/CVFIO_header_probe.h    which witness macros the installed header itself defines
//   Sources/VFIO/Layout/SwiftStructTable.swift   the Swift type of every struct, for MemoryLayout
//
//   swift scripts/generate-layout.swift            writes the three files
//   swift scripts/generate-layout.swift --check    exits 1 if a committed file differs
//
// The struct and field names come from the toolchain clang's record layout dump of the newest header;
// the numbers never do: the generated C asks the compiler that builds CVFIO, and the Swift side asks
// MemoryLayout. The older generations (5.10, 6.1, 6.12, 7.2; include trees staged by
// scripts/with-installed-header.sh) are read only to learn which fields they lack: those are guarded
// by a witness macro (WITNESSES below) so the tables compile against every generation.
import Foundation

let root = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  .deletingLastPathComponent().path
/// `VFIO_CLANG`, else the clang next to the first `swift` on PATH: the toolchain's own.
let clang: String = {
  let environment = ProcessInfo.processInfo.environment
  if let explicit = environment["VFIO_CLANG"] { return explicit }
  for directory in (environment["PATH"] ?? "").split(separator: ":") {
    let swift = URL(fileURLWithPath: String(directory)).appendingPathComponent("swift")
    if FileManager.default.isExecutableFile(atPath: swift.path) {
      return swift.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("clang").path
    }
  }
  return "/usr/bin/clang"
}()

/// The macro that tells a header has a field an older generation lacks. Structs an older header lacks
/// need no entry: CVFIO_fallbacks.h defines them.
let witnesses: [String: (macro: String, why: String)] = [
  "vfio_pci_dependent_device.devid": (
    "VFIO_PCI_HOT_RESET_FLAG_DEV_ID", "ships with devid (hot reset by device id)"
  ),
  // "vfio: align capability structures" added these padding fields without a macro. The newest
  // definition of the 6.12 header stands in: a header that has it has the padding; a header with
  // the padding but without it leaves the field out of the C table, which reports it as unverified
  // instead of failing to compile.
  "vfio_device_info.pad": ("VFIO_DEVICE_FEATURE_BUS_MASTER", "padding added without a macro"),
  "vfio_iommu_type1_info.pad": ("VFIO_DEVICE_FEATURE_BUS_MASTER", "padding added without a macro"),
  "vfio_device_gfx_plane_info.reserved": (
    "VFIO_DEVICE_FEATURE_BUS_MASTER", "padding added without a macro"
  ),
  "vfio_device_ioeventfd.reserved": (
    "VFIO_DEVICE_FEATURE_BUS_MASTER", "padding added without a macro"
  ),
  "vfio_device_bind_iommufd.token_uuid_ptr": ("VFIO_DEVICE_BIND_FLAG_TOKEN", "ships with token_uuid_ptr"),
  "vfio_device_attach_iommufd_pt.pasid": ("VFIO_DEVICE_ATTACH_PASID", "ships with the attach pasid"),
  "vfio_device_detach_iommufd_pt.pasid": ("VFIO_DEVICE_DETACH_PASID", "ships with the detach pasid"),
]

struct Field {
  var name: String
  var flexibleArray: Bool
  var union: Int  // 1-based anonymous union index, 0 when a direct member
}

struct Record {
  var name: String
  var fields: [Field] = []
}

func run(_ arguments: [String], input: String) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: clang)
  process.arguments = arguments
  let stdin = Pipe()
  let stdout = Pipe()
  process.standardInput = stdin
  process.standardOutput = stdout
  try process.run()
  stdin.fileHandleForWriting.write(Data(input.utf8))
  try stdin.fileHandleForWriting.close()
  let data = stdout.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw NSError(domain: "clang exited with \(process.terminationStatus)", code: 1)
  }
  return String(decoding: data, as: UTF8.self)
}

/// The records a translation unit completes, from `-fdump-record-layouts-complete`.
func records(includeDir: String?, source: String) throws -> [Record] {
  var arguments = ["-x", "c", "-fsyntax-only", "-Xclang", "-fdump-record-layouts-complete", "-"]
  if let includeDir { arguments.insert("-I\(includeDir)", at: 0) }
  let dump = try run(arguments, input: source)
  var result: [Record] = []
  for block in dump.components(separatedBy: "*** Dumping AST Record Layout").dropFirst() {
    var lines = block.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    guard !lines.isEmpty else { continue }
    let head = lines.removeFirst()
    let title = head.split(separator: "|", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
    let words = title.split(separator: " ")
    guard words.count == 2, words[0] == "struct" || words[0] == "union", !title.contains("::"),
      !title.contains("(")
    else { continue }
    var record = Record(name: String(words[1]))
    var unions = 0
    var inUnion = false
    for line in lines {
      let parts = line.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2 else { continue }
      let offset = parts[0].trimmingCharacters(in: .whitespaces)
      let body = String(parts[1])
      if offset.isEmpty { continue }  // the [sizeof=…, align=…] line
      precondition(!offset.contains(":"), "\(record.name): bit-fields are not supported")
      let indent = body.prefix(while: { $0 == " " }).count
      let text = body.trimmingCharacters(in: .whitespaces)
      if indent == 3 {
        if text.hasPrefix("union ") && text.contains("(anonymous at") {
          unions += 1
          inUnion = true
          continue
        }
        precondition(!text.contains("(anonymous at"), "\(record.name): anonymous struct member")
        inUnion = false
        let type = text.split(separator: " ").dropLast().joined(separator: " ")
        let name = String(text.split(separator: " ").last ?? "")
        record.fields.append(Field(name: name, flexibleArray: type.hasSuffix("[]"), union: 0))
      } else if indent == 5 && inUnion {
        let name = String(text.split(separator: " ").last ?? "")
        record.fields.append(Field(name: name, flexibleArray: false, union: unions))
      }
    }
    result.append(record)
  }
  return result
}

/// Records the header itself defines: what it completes minus what its own includes complete.
func headerRecords(includeDir: String?) throws -> [Record] {
  let included = Set(
    try records(includeDir: includeDir, source: "#include <linux/types.h>\n#include <linux/ioctl.h>\n")
      .map(\.name))
  return try records(includeDir: includeDir, source: "#include <linux/vfio.h>\n")
    .filter { !included.contains($0.name) }
}

func shell(_ command: String) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", command]
  let stdout = Pipe()
  process.standardOutput = stdout
  try process.run()
  let data = stdout.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// The include tree of a Debian suite's linux-libc-dev, staged by scripts/with-installed-header.sh.
func tree(_ suite: String) throws -> String {
  _ = try shell("'\(root)/scripts/with-installed-header.sh' \(suite) true")
  return "\(root)/.build-debian/include-\(suite)"
}
/// The suite with the newest linux-libc-dev, and those of every older generation the tables must compile on.
let newest = "trixie-backports"
let older = ["bullseye", "bookworm", "trixie", "sid"]
let uapi = try tree(newest)
let current = try headerRecords(includeDir: uapi)
let olderGenerations = try older.map { suite in try headerRecords(includeDir: tree(suite)) }
/// The fields of each record in the generations that have it, with the fewest fields kept.
var old: [String: Set<String>] = [:]
var oldUnions: [String: Int] = [:]
for records in olderGenerations {
  for record in records {
    let names = Set(record.fields.map(\.name))
    old[record.name] = old[record.name].map { $0.intersection(names) } ?? names
    for field in record.fields {
      let key = "\(record.name).\(field.name)"
      if oldUnions[key] == nil || field.union != current.first(where: { $0.name == record.name })?
        .fields.first(where: { $0.name == field.name })?.union
      {
        oldUnions[key] = field.union
      }
    }
  }
}

var usedWitnesses: Set<String> = []
func witness(_ record: Record, _ field: Field) -> String? {
  guard let names = old[record.name], !names.contains(field.name) else { return nil }
  let key = "\(record.name).\(field.name)"
  guard let witness = witnesses[key] else {
    FileHandle.standardError.write(Data("no witness macro for \(key), absent from an older header\n".utf8))
    exit(1)
  }
  usedWitnesses.insert(witness.macro)
  return witness.macro
}

// CVFIO_layout.h
var c = """
  /*
   * Generated by scripts/generate-layout.swift from the newest <linux/vfio.h>. Do not edit.
   *
   * The C compiler's layout of every struct <linux/vfio.h> defines: sizeof, _Alignof and, per
   * field, offsetof, sizeof and the alignment of the declared type. The names come from the
   * generator; every number is computed by the compiler that builds CVFIO, against whichever
   * header generation it finds. Structs older headers lack come from CVFIO_fallbacks.h; fields
   * they lack are guarded by the witness macros recorded in CVFIO_header_probe.h.
   */
  #ifndef CVFIO_LAYOUT_H
  #define CVFIO_LAYOUT_H

  #include <stddef.h>

  struct cvfio_layout_field {
    const char *name;
    size_t offset;
    /* 0 for a flexible array member. */
    size_t size;
    /* _Alignof the declared type (the element type for an array). */
    size_t alignment;
    int flexible_array;
    /* 1-based index of the anonymous union the field belongs to, 0 for a direct member. */
    int anonymous_union;
  };

  struct cvfio_layout_record {
    const char *name;
    size_t size;
    size_t alignment;
    const struct cvfio_layout_field *fields;
    size_t field_count;
  };

  #define CVFIO_LAYOUT_FIELD(record, field, union_index) \\
    { #field, offsetof(struct record, field), sizeof(((struct record *)0)->field), \\
      _Alignof(__typeof__(((struct record *)0)->field)), 0, union_index }
  #define CVFIO_LAYOUT_FLEXIBLE_ARRAY(record, field) \\
    { #field, offsetof(struct record, field), 0, \\
      _Alignof(__typeof__(((struct record *)0)->field[0])), 1, 0 }
  #define CVFIO_LAYOUT_RECORD(record) \\
    { #record, sizeof(struct record), _Alignof(struct record), record##_layout_fields, \\
      sizeof(record##_layout_fields) / sizeof(record##_layout_fields[0]) }

  /* Every struct of the header, in header order; *count receives how many. */
  static inline const struct cvfio_layout_record *cvfio_layout_records(size_t *count) {

  """
for record in current {
  c += "  static const struct cvfio_layout_field \(record.name)_layout_fields[] = {\n"
  for field in record.fields {
    let entry =
      field.flexibleArray
      ? "CVFIO_LAYOUT_FLEXIBLE_ARRAY(\(record.name), \(field.name))"
      : "CVFIO_LAYOUT_FIELD(\(record.name), \(field.name), \(field.union))"
    if let macro = witness(record, field) {
      c += "#ifdef CVFIO_HEADER_HAS_\(macro)\n    \(entry),\n#endif\n"
    } else if let before = oldUnions["\(record.name).\(field.name)"], before != field.union {
      // The member moved into an anonymous union next to a new member: the new member's witness
      // tells which layout the header has.
      guard
        let macro = record.fields.filter({ $0.union == field.union }).lazy
          .compactMap({ witness(record, $0) }).first
      else {
        FileHandle.standardError.write(Data("no witness for the union of \(record.name).\(field.name)\n".utf8))
        exit(1)
      }
      c += "#ifdef CVFIO_HEADER_HAS_\(macro)\n    \(entry),\n#else\n"
      c += "    CVFIO_LAYOUT_FIELD(\(record.name), \(field.name), \(before)),\n#endif\n"
    } else {
      c += "    \(entry),\n"
    }
  }
  c += "  };\n"
}
c += "  static const struct cvfio_layout_record records[] = {\n"
for record in current { c += "    CVFIO_LAYOUT_RECORD(\(record.name)),\n" }
c += """
    };
    *count = sizeof(records) / sizeof(records[0]);
    return records;
  }

  #endif /* CVFIO_LAYOUT_H */

  """

// CVFIO_header_probe.h
var probe = """
  /*
   * Generated by scripts/generate-layout.swift. Do not edit.
   *
   * Included by CVFIO.h after <linux/vfio.h> and before CVFIO_fallbacks.h: it records which witness
   * macros the header itself defines, before the fallbacks define them for older headers, so that
   * CVFIO_layout.h names a field only where the header has it.
   */
  #ifndef CVFIO_HEADER_PROBE_H
  #define CVFIO_HEADER_PROBE_H

  """
for macro in usedWitnesses.sorted() {
  let reasons = Set(witnesses.filter { $0.value.macro == macro }.map(\.value.why)).sorted()
    .joined(separator: "; ")
  probe += "/* \(reasons) */\n#ifdef \(macro)\n#define CVFIO_HEADER_HAS_\(macro) 1\n#endif\n"
}
probe += "\n#endif /* CVFIO_HEADER_PROBE_H */\n"

// SwiftStructTable.swift
var swift = """
  // Generated by scripts/generate-layout.swift from the newest <linux/vfio.h>. Do not edit.
  import CVFIO

  extension VFIOLayout {
    /// Swift's view of every struct of the header: `MemoryLayout` of the imported type. Members of
    /// anonymous unions import as computed properties; those named in every header generation are
    /// probed through their property.
    static func importedStructs() -> [StructLayout] {
      [

  """
for record in current {
  let oldNames = old[record.name] ?? []
  let probes = record.fields.filter { $0.union != 0 && oldNames.contains($0.name) }
  let flexible = record.fields.first(where: \.flexibleArray)?.name
  var arguments = ["\(record.name).self", "name: \"\(record.name)\""]
  if let flexible { arguments.append("flexibleArray: \"\(flexible)\"") }
  if probes.isEmpty {
    swift += "      SwiftLayout.describe(\(arguments.joined(separator: ", "))),\n"
  } else {
    swift += "      SwiftLayout.describe(\n        \(arguments.joined(separator: ", ")),\n"
    swift += "        unionMembers: [\n"
    for member in probes {
      swift += "          UnionMemberProbe(\"\(member.name)\", \\.\(member.name)),\n"
    }
    swift += "        ]\n      ),\n"
  }
}
swift += "    ]\n  }\n}\n"

let outputs = [
  "CHeaders/CVFIO_layout.h": c,
  "CHeaders/CVFIO_header_probe.h": probe,
  "Sources/VFIO/Layout/SwiftStructTable.swift": swift,
]
if CommandLine.arguments.contains("--check") {
  let stale = outputs.filter { path, text in
    (try? String(contentsOfFile: "\(root)/\(path)", encoding: .utf8)) != text
  }.keys.sorted()
  guard stale.isEmpty else {
    FileHandle.standardError.write(
      Data("out of date (run swift scripts/generate-layout.swift): \(stale.joined(separator: ", "))\n".utf8))
    exit(1)
  }
} else {
  for (path, text) in outputs {
    try text.write(toFile: "\(root)/\(path)", atomically: true, encoding: .utf8)
  }
}
print(
  "\(current.count) structs, \(current.reduce(0) { $0 + $1.fields.count }) fields from \(uapi)/linux/vfio.h"
)
