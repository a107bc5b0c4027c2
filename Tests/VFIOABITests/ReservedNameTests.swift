import Testing
@testable import VFIOABI

/// `ABIField.isReserved` searches an ASCII name as bytes and any other name by Unicode's lowercasing
/// (`isReservedName`, the rule as first written): both must judge every name alike.
@Suite("Reserved field names")
struct ReservedNameTests {
  /// Every field name of every committed baseline (vfio.h as each kernel generation spells it), and
  /// names at the rule's edges: each word in any case, inside other words, `res` alone and inside
  /// another word, and names that are not ASCII (full-width letters, a combining accent, the Kelvin sign,
  /// which lowercases to an ASCII `k`).
  static let names: [String] = {
    let baselineNames = (try? ABIBaseline.all())?.flatMap { $0.records.flatMap { $0.fields.map(\.name) } } ?? []
    let edges = [
      "reserved", "RESERVED", "Reserved_1", "__resv", "rsvd2", "pad", "PAD0", "padding", "paddr", "unused",
      "UnUsed_bits", "res", "RES", "Res", "res1", "resource", "result", "spare", "", "r", "re", "rsv",
      "ｐａｄ", "pad\u{301}", "re\u{301}s", "\u{212A}", "\u{212A}pad", "réserved", "ÜNUSED", "unusedé",
    ]
    return Array(Set(baselineNames + edges)).sorted()
  }()

  @Test("the byte search and Unicode's lowercasing agree on every name")
  func sameVerdicts() {
    let field = { (name: String) in ABIField(name: name, type: "int", canonicalType: "int", offset: 0, size: 4) }
    for name in Self.names {
      #expect(field(name).isReserved == ABIField.isReservedName(name), "\(name)")
    }
  }

  @Test("vfio.h's own reserved fields are found, and its other fields are not")
  func vfioFields() throws {
    let names = try ABIBaseline.all().flatMap { $0.records.flatMap { $0.fields.map(\.name) } }
    let field = { (name: String) in ABIField(name: name, type: "int", canonicalType: "int", offset: 0, size: 4) }
    #expect(names.contains { field($0).isReserved })
    #expect(names.contains { !field($0).isReserved })
    #expect(field("__reserved").isReserved && field("pad1").isReserved && !field("argsz").isReserved)
  }
}
