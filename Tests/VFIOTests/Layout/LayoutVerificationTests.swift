import Testing
import VFIO

@Suite("Swift's layout of every struct against the C compiler's")
struct LayoutVerificationTests {
  @Test("Swift and C agree on every struct", arguments: VFIOLayout.cStructs.map(\.name))
  func swiftMatchesC(_ name: String) throws {
    let c = try #require(VFIOLayout.cStructs.first { $0.name == name })
    let swift = VFIOLayout.swiftStructs.filter { $0.name == name }
    let comparison = LayoutComparison(swift, named: "Swift", against: [c], named: "C")
    #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches)")
    #expect(comparison.fields + comparison.unionStorageOnly.count == c.fields.count)
  }

  @Test("Summary: every struct and field verified")
  func summary() {
    let comparison = VFIOLayout.verify()
    for mismatch in comparison.mismatches { Issue.record("\(mismatch)") }
    #expect(comparison.structs == VFIOLayout.cStructs.count)
    let storage =
      comparison.unionStorageOnly.isEmpty
      ? ""
      : " (anonymous-union members Swift cannot name on every header, checked by their union's storage: \(comparison.unionStorageOnly.joined(separator: ", ")))"
    print(
      "header \(HeaderGeneration.current): \(comparison.structs) structs, \(comparison.fields) fields verified, \(comparison.mismatches.count) mismatches\(storage)"
    )
  }

  @Test("The flexible array payload starts at sizeof in every struct that has one")
  func flexibleArrayPayloadAtSizeof() {
    let withPayload = VFIOLayout.cStructs.filter { $0.flexibleArrayOffset != nil }
    for record in withPayload {
      #expect(record.flexibleArrayOffset == record.size, "\(record.name): offsetof ≠ sizeof")
    }
    #expect(!withPayload.isEmpty)
    print("\(withPayload.count) structs with a flexible array member, each with offsetof(member) == sizeof")
  }

  @Test("Holes and tail padding account for every byte the members leave", arguments: VFIOLayout.cStructs.map(\.name))
  func gapsAccountForEveryByte(_ name: String) throws {
    let record = try #require(VFIOLayout.cStructs.first { $0.name == name })
    var occupied = Set<Int>()
    for field in record.fields { occupied.formUnion(field.bytes) }
    var gaps = Set<Int>()
    for gap in record.holes + [record.tailPadding] {
      let bytes = Set(gap.offset..<(gap.offset + gap.size))
      #expect(bytes.isDisjoint(with: occupied), "\(record.name): \(gap) overlaps a member")
      gaps.formUnion(bytes)
    }
    #expect(occupied.union(gaps) == Set(0..<record.size), "\(record.name)")
  }

  @Test("The hole after flags in vfio_iommu_type1_info_cap_migration is the one C leaves")
  func capMigrationHole() throws {
    let record = try #require(VFIOLayout.cStructs.first { $0.name == "vfio_iommu_type1_info_cap_migration" })
    let flags = try #require(record.field("flags"))
    let next = try #require(record.fields.first { $0.offset > flags.offset })
    let expected = LayoutGap(offset: flags.bytes.upperBound, size: next.offset - flags.bytes.upperBound, after: "flags")
    #if arch(x86_64) || arch(arm64)
      #expect(expected.size > 0, "a u64 after a u32 is 8-aligned here")
    #endif
    #expect(record.holes == (expected.size > 0 ? [expected] : []))
    print("vfio_iommu_type1_info_cap_migration: hole of \(expected)")
  }

  @Test("The tail of vfio_iommu_type1_info: padding after cap_offset, or the explicit pad field")
  func iommuInfoTail() throws {
    let record = try #require(VFIOLayout.cStructs.first { $0.name == "vfio_iommu_type1_info" })
    let capOffset = try #require(record.field("cap_offset"))
    if let pad = record.field("pad") {
      #expect(pad.offset == capOffset.bytes.upperBound)
      #expect(record.tailPadding.size == 0)
    } else {
      #expect(record.tailPadding == LayoutGap(offset: capOffset.bytes.upperBound, size: record.size - capOffset.bytes.upperBound, after: "cap_offset"))
      #expect(record.tailPadding.size > 0)
    }
    print("vfio_iommu_type1_info on header \(HeaderGeneration.current): tail padding \(record.tailPadding)")
  }
}
