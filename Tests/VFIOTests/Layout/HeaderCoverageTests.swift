import Testing
import VFIO
import VFIOABI

@Suite("Every struct of the header has a layout check")
struct HeaderCoverageTests {
  @Test("Every struct and union the header defines is in the C and Swift tables, with every field")
  func everyRecordIsCovered() throws {
    let header = try ManifestLayouts.currentHeader().records.map(StructLayout.init)
    let swift = Set(VFIOLayout.swiftStructs.map(\.name))
    for record in header where !swift.contains(record.name) {
      Issue.record("\(record.name) is defined by the header but has no Swift layout check")
    }
    let comparison = LayoutComparison(VFIOLayout.cStructs, named: "C", against: header, named: "header")
    for mismatch in comparison.mismatches { Issue.record("\(mismatch)") }
    let fields = header.reduce(0) { $0 + $1.fields.count }
    #expect(comparison.fields == fields)
    print(
      "header \(HeaderGeneration.current): \(header.count) structs with \(fields) fields defined by the header, each in the layout tables"
    )
  }
}
