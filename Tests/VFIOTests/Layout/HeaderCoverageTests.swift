import Testing
import VFIO
import VFIOABI

@Suite("Every struct of the header has a layout check")
struct HeaderCoverageTests {
  @Test("Every struct and union the header defines is in the C and Swift tables, with every field")
  func everyRecordIsCovered() throws {
    let header = try ManifestLayouts.currentHeader().records.map(StructLayout.init)
    let swift = Set(VFIOLayout.swiftStructs.map(\.name))
    HeaderGeneration.judgeUnknown(
      header.map(\.name).filter { !swift.contains($0) }, "structs without a Swift layout check")
    let comparison = LayoutComparison(VFIOLayout.cStructs, named: "C", against: header, named: "header")
    // What the tables lack is unknown to the package; every struct and field they have must agree.
    let absent = comparison.mismatches.filter { $0.property == .presence && $0.candidate.value == .absent }
    for mismatch in comparison.mismatches where !absent.contains(mismatch) { Issue.record("\(mismatch)") }
    HeaderGeneration.judgeUnknown(
      absent.map { [$0.structName, $0.fieldName].compactMap(\.self).joined(separator: ".") },
      "structs and fields not in the C layout table")
    let fields = header.reduce(0) { $0 + $1.fields.count }
    let unknownFields = absent.filter { $0.fieldName != nil }.count
      + header.filter { record in absent.contains { $0.structName == record.name && $0.fieldName == nil } }
      .reduce(0) { $0 + $1.fields.count }
    #expect(comparison.fields == fields - unknownFields)
    print(
      "header \(HeaderGeneration.current): \(header.count) structs with \(fields) fields defined by the header,"
        + " \(fields - unknownFields) in the layout tables, \(absent.count) unknown to the package"
    )
  }
}
