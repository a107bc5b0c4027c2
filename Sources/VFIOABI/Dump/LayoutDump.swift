/// Record layouts from clang's `-Xclang -fdump-record-layouts` text, which clang prints when it first
/// computes a record's layout, i.e. after the whole declaration and its trailing attributes.
/// (`-fdump-record-layouts-complete` prints at the closing brace, before a trailing
/// `__attribute__((packed))` applies, and so reports unpacked offsets for packed records.)
struct LayoutDump {
  struct Member {
    var name: String
    var offset: Int
    var bitOffset: Int?
    var bitWidth: Int?
  }

  struct Layout {
    var size: Int
    var alignment: Int
    /// Direct members and those of anonymous members, in order, at offsets within the record.
    var members: [Member]
  }

  /// Layouts by tag name.
  var layouts: [String: Layout] = [:]

  init(dump: String) throws(ABIError) {
    var name: String?
    var members: [Member] = []
    /// For each depth, whether the member printed there is an anonymous struct or union, whose
    /// members belong to the enclosing record.
    var anonymousAtDepth: [Bool] = []
    for line in dump.split(separator: "\n") {
      guard let bar = line.firstIndex(of: "|") else { continue }
      let left = line[..<bar].trimmingSpaces
      let rightStart = line.index(after: bar)
      let right = line[rightStart...].dropFirst()
      if left.isEmpty {
        guard let name, right.hasPrefix("[sizeof=") else { continue }
        guard let size = Self.number(after: "sizeof=", in: right),
          let alignment = Self.number(after: "align=", in: right)
        else { throw .unexpectedClangOutput("layout of \(name): \(right)") }
        layouts[name] = Layout(size: size, alignment: alignment, members: members)
        continue
      }
      let indent = right.prefix(while: { $0 == " " }).count
      let depth = indent / 2
      let content = right.dropFirst(indent).trimmingSpaces
      if depth == 0 {
        let words = content.split(separator: " ")
        name = words.count == 2 ? String(words[1]) : nil
        members = []
        anonymousAtDepth = [false]
        continue
      }
      anonymousAtDepth.removeSubrange(min(depth, anonymousAtDepth.count)...)
      let anonymous = content.hasSuffix(")") && (content.contains("(anonymous") || content.contains("(unnamed"))
      let inRecord = anonymousAtDepth.dropFirst().allSatisfy { $0 }
      while anonymousAtDepth.count < depth { anonymousAtDepth.append(false) }
      anonymousAtDepth.append(anonymous)
      guard inRecord, !anonymous, let space = content.lastIndex(of: " ") else { continue }
      let memberName = String(content[content.index(after: space)...])
      guard let position = Self.position(left) else {
        throw .unexpectedClangOutput("layout member \(line)")
      }
      members.append(
        Member(name: memberName, offset: position.offset, bitOffset: position.bitOffset, bitWidth: position.bitWidth))
    }
  }

  /// `8` or, for a bit-field, `2:0-39` (byte 2, bits 0 through 39).
  private static func position(_ text: Substring) -> (offset: Int, bitOffset: Int?, bitWidth: Int?)? {
    let parts = text.split(separator: ":")
    guard let offset = Int(parts[0]) else { return nil }
    guard parts.count == 2 else { return (offset, nil, nil) }
    let bits = parts[1].split(separator: "-")
    guard bits.count == 2, let first = Int(bits[0]), let last = Int(bits[1]), last >= first else { return nil }
    return (offset, first, last - first + 1)
  }

  private static func number(after key: String, in text: Substring) -> Int? {
    guard let range = text.utf8.firstRange(of: key.utf8) else { return nil }
    return Int(text[range.upperBound...].prefix(while: { $0.isNumber }))
  }
}
