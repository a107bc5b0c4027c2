import Testing
import VFIO

@Suite("Every struct of the header has a layout check")
struct HeaderCoverageTests {
  @Test("Every struct the header defines is in the C table and the Swift table, with every field")
  func everyStructIsCovered() throws {
    let header = try HeaderLayoutDump.vfioStructs()
    let c = Dictionary(uniqueKeysWithValues: VFIOLayout.cStructs.map { ($0.name, $0) })
    let swift = Set(VFIOLayout.swiftStructs.map(\.name))
    var fields = 0
    for record in header {
      #expect(swift.contains(record.name), "\(record.name) has no Swift layout")
      guard let table = c[record.name] else {
        Issue.record("\(record.name) is defined by the header but has no layout check")
        continue
      }
      #expect(table.size == record.size, "\(record.name): sizeof")
      #expect(table.alignment == record.alignment, "\(record.name): _Alignof")
      #expect(table.fields.map(\.name) == record.fields.map(\.name), "\(record.name): fields")
      for field in record.fields {
        let entry = table.field(field.name)
        #expect(entry?.offset == field.offset, "\(record.name).\(field.name): offset")
        #expect(entry?.isFlexibleArray == field.isFlexibleArray, "\(record.name).\(field.name)")
        #expect(entry?.anonymousUnion == field.anonymousUnion, "\(record.name).\(field.name)")
      }
      fields += record.fields.count
    }
    let generation = HeaderGeneration.current
    print("header \(generation): \(header.count) structs with \(fields) fields, each in the layout tables")
  }
}
