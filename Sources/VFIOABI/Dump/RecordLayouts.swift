/// The field offsets, in bits, clang prints with `-Xclang -fdump-record-layouts-simple` for each record
/// whose layout it computes — read only for bit-fields, whose offsets no constant expression can name.
/// A record is looked up by its type exactly as the JSON AST spells it, so a file name inside an
/// anonymous record's type is compared, never parsed.
struct RecordLayouts {
  /// Field offsets in bits, by the record's type.
  private(set) var fieldOffsets: [String: [Int]] = [:]

  init() {}

  mutating func merge(_ other: RecordLayouts) {
    fieldOffsets.merge(other.fieldOffsets) { first, _ in first }
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
        if fieldOffsets[current] == nil { fieldOffsets[current] = offsets }
        type = nil
      }
    }
  }

  /// The bit offset of a field reached through `path` (see ``HeaderDeclarations/Field/layoutPath``).
  func bitOffset(_ path: [(recordType: String, fieldIndex: Int)]) -> Int? {
    var total = 0
    for step in path {
      guard let offsets = fieldOffsets[step.recordType], offsets.indices.contains(step.fieldIndex) else { return nil }
      total += offsets[step.fieldIndex]
    }
    return total
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
