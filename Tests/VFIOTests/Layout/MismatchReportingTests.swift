import Testing
import VFIO

@Suite("Layout mismatches name the struct, the field and both values")
struct MismatchReportingTests {
  /// The C compiler's layouts with one field of one struct moved by 4 bytes.
  static func baseline(moving field: String, of record: String) -> [StructLayout] {
    VFIOLayout.cStructs.map { layout in
      var layout = layout
      if layout.name == record, let index = layout.fields.firstIndex(where: { $0.name == field }) {
        layout.fields[index].offset += 4
      }
      return layout
    }
  }

  @Test("A wrong baseline fails with a message naming struct and field")
  func wrongBaseline() throws {
    let c = try #require(VFIOLayout.cStructs.first { $0.name == "vfio_iommu_type1_info" })
    let field = try #require(c.field("cap_offset"))
    let mismatches = VFIOLayout.mismatches(against: Self.baseline(moving: "cap_offset", of: "vfio_iommu_type1_info"))
    let mismatch = try #require(mismatches.first)
    #expect(mismatches.count == 1)
    #expect(mismatch.structName == "vfio_iommu_type1_info")
    #expect(mismatch.fieldName == "cap_offset")
    #expect(mismatch.property == .offset)
    #expect(mismatch.candidate.value == .bytes(field.offset))
    #expect(mismatch.reference.value == .bytes(field.offset + 4))
    #expect(
      mismatch.description
        == "vfio_iommu_type1_info.cap_offset: offset \(field.offset) in C, \(field.offset + 4) in baseline")
    print("a wrong baseline reports: \(mismatch)")
  }

  @Test("The baseline of the C compiler's own layouts has no mismatch")
  func rightBaseline() {
    #expect(VFIOLayout.mismatches(against: VFIOLayout.cStructs).isEmpty)
  }

  @Test("A struct or field one side lacks is reported as absent")
  func absence() throws {
    var baseline = VFIOLayout.cStructs
    let removed = baseline.removeLast()
    baseline[0].fields.append(FieldLayout(name: "added", offset: baseline[0].size, size: 4))
    baseline.append(StructLayout(name: "vfio_not_in_this_header", size: 4, alignment: 4, isPacked: false, fields: []))
    let messages = VFIOLayout.mismatches(against: baseline).map(\.description)
    #expect(messages == [
      "\(baseline[0].name).added: absent in C, present in baseline",
      "vfio_not_in_this_header: absent in C, present in baseline",
    ])
    #expect(!messages.contains { $0.hasPrefix(removed.name) }, "C structs a baseline lacks are not its concern")
  }

  @Test("A field the header has but the package's tables do not describe is listed, not reported absent")
  func undescribedField() throws {
    // Swift's view of a newer header: one struct with a field appended that the C table lacks.
    var newer = VFIOLayout.cStructs
    let name = newer[0].name
    newer[0].fields.append(FieldLayout(name: "future", offset: newer[0].size, size: 0))
    let comparison = LayoutComparison(newer, named: "Swift", against: VFIOLayout.cStructs, named: "C")
    #expect(comparison.mismatches.isEmpty)
    #expect(comparison.undescribed == ["\(name).future"])
  }
}
