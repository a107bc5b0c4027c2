import Foundation
import VFIO

/// The toolchain clang's record layouts (`-fdump-record-layouts-complete`) of every struct the
/// header the package was built against defines (``Toolchain/headerIncludeFlags``).
enum HeaderLayoutDump {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Structs defined by `<linux/vfio.h>` itself: those it completes minus those its includes do.
  static func vfioStructs() throws -> [StructLayout] {
    let included = Set(try structs(including: ["linux/types.h", "linux/ioctl.h"]).map(\.name))
    return try structs(including: ["linux/vfio.h"]).filter { !included.contains($0.name) }
  }

  static func structs(including headers: [String]) throws -> [StructLayout] {
    let arguments =
      Toolchain.headerIncludeFlags
      + ["-fsyntax-only", "-Xclang", "-fdump-record-layouts-complete"]
      + headers.flatMap { ["-include", $0] } + ["-x", "c", "/dev/null"]
    return try parse(Toolchain.run(Toolchain.clang, arguments))
  }

  /// Named records with their direct members and the members of their anonymous unions.
  static func parse(_ dump: String) throws -> [StructLayout] {
    var result: [StructLayout] = []
    for block in dump.components(separatedBy: "*** Dumping AST Record Layout").dropFirst() {
      let lines = block.split(separator: "\n").map(String.init)
      guard let head = lines.first, let title = column(head)?.body.trimmingCharacters(in: .whitespaces)
      else { continue }
      let words = title.split(separator: " ")
      guard words.count == 2, words[0] == "struct", !title.contains("::"), !title.contains("(")
      else { continue }
      var fields: [FieldLayout] = []
      var unions = 0
      var inUnion = false
      var size = 0
      var alignment = 0
      for line in lines.dropFirst() {
        guard let (offset, body) = column(line) else { continue }
        let text = body.trimmingCharacters(in: .whitespaces)
        if offset.isEmpty {
          if let sizes = text.firstMatch(of: /\[sizeof=(\d+), align=(\d+)/) {
            size = Int(sizes.1) ?? 0
            alignment = Int(sizes.2) ?? 0
          }
          continue
        }
        guard let byte = Int(offset) else { throw Failure(description: "\(title): bit-field \(line)") }
        let indent = body.prefix { $0 == " " }.count
        let name = String(text.split(separator: " ").last ?? "")
        if indent == 3 {
          inUnion = text.hasPrefix("union ") && text.contains("(anonymous at")
          if inUnion {
            unions += 1
          } else {
            let flexible = text.split(separator: " ").dropLast().joined().hasSuffix("[]")
            fields.append(FieldLayout(name: name, offset: byte, size: -1, isFlexibleArray: flexible))
          }
        } else if indent == 5 && inUnion {
          fields.append(FieldLayout(name: name, offset: byte, size: -1, anonymousUnion: unions))
        }
      }
      // The dump gives offsets, not member sizes; sizes are compared through the C table.
      result.append(
        StructLayout(name: String(words[1]), size: size, alignment: alignment, isPacked: false, fields: fields))
    }
    return result
  }

  private static func column(_ line: String) -> (offset: String, body: String)? {
    let parts = line.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2 else { return nil }
    return (parts[0].trimmingCharacters(in: .whitespaces), String(parts[1]))
  }
}
