/// The field offsets, in bits, clang prints with `-Xclang -fdump-record-layouts-simple` for each record
/// whose layout it computes — read only for bit-fields, whose offsets no constant expression can name.
/// A record is looked up by its type exactly as the JSON AST spells it, so a file name inside an
/// anonymous record's type is compared, never parsed; an anonymous record the dump names otherwise,
/// by the location that ends its type.
struct RecordLayouts {
  /// Field offsets in bits, by the record's type.
  private(set) var fieldOffsets: [String: [Int]] = [:]
  /// Field offsets of anonymous records by their last name part, `(anonymous at FILE:LINE:COL)`; nil
  /// when two records share it. The dump names an anonymous member of an untagged record after the
  /// typedef naming that record only when clang computed the layout after reading the typedef
  /// (`struct t::(anonymous at …)` in the AST, `struct (anonymous at …)` in the dump otherwise).
  private var anonymousOffsets: [String: [Int]?] = [:]

  init() {}

  mutating func merge(_ other: RecordLayouts) {
    fieldOffsets.merge(other.fieldOffsets) { first, _ in first }
    anonymousOffsets.merge(other.anonymousOffsets) { first, second in first == second ? first : nil }
  }

  init(dump: ArraySlice<UInt8>) throws(ABIError) {
    var type: String?
    for line in dump.split(separator: UInt8(ascii: "\n")) {
      if line.starts(with: "Type: ".utf8) {
        type = String(decoding: line.dropFirst("Type: ".count), as: UTF8.self)
      } else if line.starts(with: "  FieldOffsets: [".utf8), let current = type {
        let list = line.dropFirst("  FieldOffsets: [".count).prefix(while: { $0 != UInt8(ascii: "]") })
        var offsets: [Int] = []
        for item in list.split(separator: UInt8(ascii: ",")) {
          let text = String(decoding: item, as: UTF8.self).trimmingSpaces
          guard let offset = Int(text) else { throw .unexpectedClangOutput("record layout of \(current): \(text)") }
          offsets.append(offset)
        }
        // The first layout printed for a type is the one clang computed; there is only one per record.
        if fieldOffsets[current] == nil {
          fieldOffsets[current] = offsets
          if let key = Self.anonymousKey(current) {
            anonymousOffsets[key] = anonymousOffsets[key] == nil ? offsets : .some(nil)
          }
        }
        type = nil
      }
    }
  }

  /// The bit offset of a field reached through `path` (see ``HeaderDeclarations/Field/layoutPath``).
  func bitOffset(_ path: [(recordType: String, fieldIndex: Int)]) -> Int? {
    var total = 0
    for step in path {
      let offsets = fieldOffsets[step.recordType] ?? Self.anonymousKey(step.recordType).flatMap { anonymousOffsets[$0] ?? nil }
      guard let offsets, offsets.indices.contains(step.fieldIndex) else { return nil }
      total += offsets[step.fieldIndex]
    }
    return total
  }
}

extension RecordLayouts {
  /// The last part of an anonymous record's type, which its location makes unique: `(anonymous at
  /// /a/b.h:3:5)` from `struct t::(anonymous at /a/b.h:3:5)`; nil for any other type.
  static func anonymousKey(_ type: String) -> String? {
    guard type.hasSuffix(")") else { return nil }
    // The last part starts at its own marker (a path may hold `(`, not ` at ` after `(anonymous`).
    var index = type.endIndex
    while index > type.startIndex {
      index = type.index(before: index)
      let rest = type[index...]
      if rest.hasPrefix("(anonymous at ") || rest.hasPrefix("(unnamed at ") { return String(rest) }
    }
    return nil
  }
}

extension String {
  var trimmingSpaces: Substring { self[...].trimmingSpaces }
}

extension Substring {
  var trimmingSpaces: Substring {
    let start = drop(while: { $0 == " " || $0 == "\t" })
    var end = start.endIndex
    while end > start.startIndex, start[start.index(before: end)] == " " || start[start.index(before: end)] == "\t" {
      end = start.index(before: end)
    }
    return start[..<end]
  }
}
