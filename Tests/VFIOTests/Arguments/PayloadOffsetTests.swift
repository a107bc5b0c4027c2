import CVFIO
import Foundation
import Testing

/// A struct with a flexible array member, and Swift's size of it.
struct FlexibleArrayStruct: Sendable, CustomTestStringConvertible {
  let name: String
  let member: String
  let swiftSize: Int
  var testDescription: String { "\(name).\(member)" }
}

/// Every flexible array member this package reads or writes past: the payload
/// (and a capability's trailing array) is taken to start at `MemoryLayout.size`.
let flexibleArrayStructs: [FlexibleArrayStruct] = [
  .init(name: "vfio_irq_set", member: "data", swiftSize: MemoryLayout<vfio_irq_set>.size),
  .init(name: "vfio_iommu_type1_dma_unmap", member: "data", swiftSize: MemoryLayout<vfio_iommu_type1_dma_unmap>.size),
  .init(name: "vfio_iommu_type1_dirty_bitmap", member: "data", swiftSize: MemoryLayout<vfio_iommu_type1_dirty_bitmap>.size),
  .init(name: "vfio_device_feature", member: "data", swiftSize: MemoryLayout<vfio_device_feature>.size),
  .init(name: "vfio_region_info_cap_sparse_mmap", member: "areas", swiftSize: MemoryLayout<vfio_region_info_cap_sparse_mmap>.size),
  .init(name: "vfio_iommu_type1_info_cap_iova_range", member: "iova_ranges", swiftSize: MemoryLayout<vfio_iommu_type1_info_cap_iova_range>.size),
  .init(name: "vfio_device_info_cap_zpci_util", member: "util_str", swiftSize: MemoryLayout<vfio_device_info_cap_zpci_util>.size),
  .init(name: "vfio_device_info_cap_zpci_pfip", member: "pfip", swiftSize: MemoryLayout<vfio_device_info_cap_zpci_pfip>.size),
]

@Suite("Flexible array members start where Swift's struct ends")
struct PayloadOffsetTests {
  static let cOffsets: [String: Int] = {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let prints = flexibleArrayStructs.map {
      #"printf("\#($0.name) %zu\n", offsetof(struct \#($0.name), \#($0.member)));"#
    }
    let source = """
      #include <stddef.h>
      #include <stdio.h>
      #include <CVFIO.h>
      int main(void) {
      \(prints.joined(separator: "\n"))
        return 0;
      }
      """
    guard
      let output = try? Toolchain.compileAndRun(
        source, flags: ["-I", root.appendingPathComponent("CHeaders").path])
    else { return [:] }
    var offsets: [String: Int] = [:]
    for line in output.split(separator: "\n") {
      let fields = line.split(separator: " ")
      if fields.count == 2, let value = Int(fields[1]) { offsets[String(fields[0])] = value }
    }
    return offsets
  }()

  @Test("offsetof(member) in C equals MemoryLayout.size in Swift", arguments: flexibleArrayStructs)
  func payloadOffset(_ flexible: FlexibleArrayStruct) throws {
    let c = try #require(Self.cOffsets[flexible.name], "C did not report \(flexible.name)")
    #expect(c == flexible.swiftSize)
  }

  @Test func summary() {
    #expect(Self.cOffsets.count == flexibleArrayStructs.count)
    print("checked \(Self.cOffsets.count) flexible array member offsets against C")
  }
}
