import CVFIO
import Testing
import VFIO

@Suite("Anonymous-union members, which Swift imports as computed properties")
struct UnionMemberTests {
  @Test("Every anonymous-union member Swift can name is read through its property at C's offset")
  func everyMember() {
    let swift = Dictionary(VFIOLayout.swiftStructs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let storageOnly = Set(VFIOLayout.verify().unionStorageOnly)
    var probed = 0
    for record in VFIOLayout.cStructs {
      for field in record.fields where field.anonymousUnion != nil {
        if let member = swift[record.name]?.field(field.name) {
          #expect(member.bytes == field.bytes, "\(record.name).\(field.name)")
          probed += 1
        } else {
          #expect(storageOnly.contains("\(record.name).\(field.name)"), "\(record.name).\(field.name)")
        }
      }
    }
    print(
      "header \(HeaderGeneration.current): \(probed) anonymous-union members read through their Swift property at C's offset, \(storageOnly.count) checked by their union's storage"
    )
  }

  @Test("A value stored at C's offset of region_index reads back through region_index and dmabuf_id")
  func gfxPlaneUnion() throws {
    let record = try #require(VFIOLayout.cStructs.first { $0.name == "vfio_device_gfx_plane_info" })
    let regionIndex = try #require(record.field("region_index"))
    let dmabufID = try #require(record.field("dmabuf_id"))
    #expect(regionIndex.bytes == dmabufID.bytes)
    var info = vfio_device_gfx_plane_info()
    let value: UInt32 = 0xA5C3_0F1E
    withUnsafeMutableBytes(of: &info) { $0.storeBytes(of: value, toByteOffset: regionIndex.offset, as: UInt32.self) }
    #expect(info.region_index == value)
    #expect(info.dmabuf_id == value)
    info.dmabuf_id = ~value
    let stored = withUnsafeBytes(of: info) { $0.load(fromByteOffset: dmabufID.offset, as: UInt32.self) }
    #expect(stored == ~value)
  }
}
