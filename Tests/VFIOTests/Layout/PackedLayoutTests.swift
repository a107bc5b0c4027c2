import CVFIOOracle
import Testing
import VFIO

/// The oracle's packed fixtures as the C compiler lays them out.
let packedFixtures: [StructLayout] = (0..<cvfio_oracle_packed_fixture_count).map { index in
  let record = cvfio_oracle_packed_fixture_at(index)
  let entries = UnsafeBufferPointer(start: record.fields, count: record.field_count)
  return StructLayout(
    name: String(cString: record.name),
    size: record.size,
    alignment: record.alignment,
    isPacked: record.alignment < (entries.map(\.alignment).max() ?? 1),
    fields: entries.map { FieldLayout(name: String(cString: $0.name), offset: $0.offset, size: $0.size) }
  )
}

let packedFixturesInSwift = [
  SwiftLayout.describe(cvfio_fixture_migration_info_v18.self, name: "cvfio_fixture_migration_info_v18"),
  SwiftLayout.describe(cvfio_fixture_packed_misaligned.self, name: "cvfio_fixture_packed_misaligned"),
]

@Suite("Packed layouts")
struct PackedLayoutTests {
  @Test("Swift lays out each packed fixture as C does", arguments: packedFixtures.map(\.name))
  func swiftMatchesC(_ name: String) throws {
    let fixture = try #require(packedFixtures.first { $0.name == name })
    let comparison = LayoutComparison(packedFixturesInSwift, named: "Swift", against: [fixture], named: "C")
    #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches)")
    #expect(comparison.fields == fixture.fields.count)
    #expect(fixture.isPacked)
    #expect(fixture.alignment == 1)
    #expect(fixture.holes.isEmpty && fixture.tailPadding.size == 0, "packing leaves no gap")
    let offsets = fixture.fields.map { "\($0.name)@\($0.offset)" }.joined(separator: " ")
    print("\(fixture.name): packed, size \(fixture.size), alignment \(fixture.alignment), \(offsets)")
  }

  @Test("Packing the v1 migration header changes its alignment and nothing else")
  func migrationInfoPackedAgainstMerged() throws {
    let packed = try #require(packedFixtures.first { $0.name == "cvfio_fixture_migration_info_v18" })
    let merged = try #require(VFIOLayout.cStructs.first { $0.name == "vfio_device_migration_info" })
    #expect(!merged.isPacked)
    #expect(packed.size == merged.size)
    #expect(packed.fields.map(\.name) == merged.fields.map(\.name))
    #expect(packed.fields.map(\.offset) == merged.fields.map(\.offset))
    #expect(packed.alignment < merged.alignment)
    print("vfio_device_migration_info: \(merged.size) bytes, alignment \(merged.alignment) merged, \(packed.alignment) packed (v18)")
  }

  @Test("A packed struct misaligns members the unpacked one would align")
  func misalignedMembers() throws {
    let fixture = try #require(packedFixtures.first { $0.name == "cvfio_fixture_packed_misaligned" })
    let value = try #require(fixture.field("value"))
    #expect(value.offset % value.size != 0, "the u64 sits off its natural alignment")
  }
}
