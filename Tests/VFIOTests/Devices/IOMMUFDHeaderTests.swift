import CVFIO
import Foundation
import Testing
import VFIO

/// The iommufd definitions the package supplies (CHeaders/CVFIO_iommufd.h) against
/// the kernel's own 6.12 UAPI `<linux/iommufd.h>`, compiled by the C compiler.
@Suite("iommufd definitions against the 6.12 UAPI header")
struct IOMMUFDHeaderTests {
  /// A copy of the 6.12 UAPI iommufd.h, `__user` stripped as headers_install does,
  /// in a directory to pass with `-I`; nil when linux-headers-6.12 is not installed.
  static let uapiInclude: String? = {
    let sources = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/src")) ?? []
    guard let common = sources.filter({ $0.hasPrefix("linux-headers-6.12") && $0.hasSuffix("-common") }).sorted().last,
      let text = try? String(contentsOfFile: "/usr/src/\(common)/include/uapi/linux/iommufd.h", encoding: .utf8)
    else { return nil }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vfio-iommufd-\(UUID().uuidString)")
    let linux = directory.appendingPathComponent("linux")
    try? FileManager.default.createDirectory(at: linux, withIntermediateDirectories: true)
    let installed = text.replacingOccurrences(of: "__user ", with: "")
    guard (try? installed.write(to: linux.appendingPathComponent("iommufd.h"), atomically: true, encoding: .utf8)) != nil
    else { return nil }
    return directory.path
  }()

  /// Values the C compiler computes from the real header, one `name value` per line.
  static func cValues(_ expressions: [String]) throws -> [String: UInt64] {
    guard let include = uapiInclude else { throw Toolchain.Failure(description: "no 6.12 UAPI iommufd.h") }
    let prints = expressions.map { "  printf(\"%s %llu\\n\", \"\($0)\", (unsigned long long)(\($0)));" }
    let source = """
      #include <stdio.h>
      #include <stddef.h>
      #include <linux/iommufd.h>
      int main(void) {
      \(prints.joined(separator: "\n"))
        return 0;
      }
      """
    var values: [String: UInt64] = [:]
    for line in try Toolchain.compileAndRun(source, flags: ["-I", include]).split(separator: "\n") {
      guard let space = line.lastIndex(of: " "), let value = UInt64(line[line.index(after: space)...]) else { continue }
      values[String(line[..<space])] = value
    }
    return values
  }

  @Test("request numbers", arguments: IOMMUFDIoctl.allCases)
  func requestNumber(_ ioctl: IOMMUFDIoctl) throws {
    try #require(Self.uapiInclude != nil, "linux-headers-6.12 not installed")
    let c = try Self.cValues([ioctl.name])
    #expect(c[ioctl.name] == UInt64(ioctl.requestNumber), "\(ioctl.name)")
  }

  /// (C expression, the Swift value of the imported definition).
  static let layout: [(String, Int)] = [
    ("sizeof(struct iommu_destroy)", MemoryLayout<iommu_destroy>.size),
    ("offsetof(struct iommu_destroy, id)", MemoryLayout<iommu_destroy>.offset(of: \.id) ?? -1),
    ("sizeof(struct iommu_ioas_alloc)", MemoryLayout<iommu_ioas_alloc>.size),
    ("offsetof(struct iommu_ioas_alloc, flags)", MemoryLayout<iommu_ioas_alloc>.offset(of: \.flags) ?? -1),
    ("offsetof(struct iommu_ioas_alloc, out_ioas_id)", MemoryLayout<iommu_ioas_alloc>.offset(of: \.out_ioas_id) ?? -1),
    ("sizeof(struct iommu_iova_range)", MemoryLayout<iommu_iova_range>.size),
    ("_Alignof(struct iommu_iova_range)", MemoryLayout<iommu_iova_range>.alignment),
    ("offsetof(struct iommu_iova_range, last)", MemoryLayout<iommu_iova_range>.offset(of: \.last) ?? -1),
    ("sizeof(struct iommu_ioas_iova_ranges)", MemoryLayout<iommu_ioas_iova_ranges>.size),
    ("offsetof(struct iommu_ioas_iova_ranges, ioas_id)", MemoryLayout<iommu_ioas_iova_ranges>.offset(of: \.ioas_id) ?? -1),
    ("offsetof(struct iommu_ioas_iova_ranges, num_iovas)", MemoryLayout<iommu_ioas_iova_ranges>.offset(of: \.num_iovas) ?? -1),
    ("offsetof(struct iommu_ioas_iova_ranges, allowed_iovas)",
      MemoryLayout<iommu_ioas_iova_ranges>.offset(of: \.allowed_iovas) ?? -1),
    ("offsetof(struct iommu_ioas_iova_ranges, out_iova_alignment)",
      MemoryLayout<iommu_ioas_iova_ranges>.offset(of: \.out_iova_alignment) ?? -1),
    ("sizeof(struct iommu_ioas_map)", MemoryLayout<iommu_ioas_map>.size),
    ("offsetof(struct iommu_ioas_map, flags)", MemoryLayout<iommu_ioas_map>.offset(of: \.flags) ?? -1),
    ("offsetof(struct iommu_ioas_map, ioas_id)", MemoryLayout<iommu_ioas_map>.offset(of: \.ioas_id) ?? -1),
    ("offsetof(struct iommu_ioas_map, user_va)", MemoryLayout<iommu_ioas_map>.offset(of: \.user_va) ?? -1),
    ("offsetof(struct iommu_ioas_map, length)", MemoryLayout<iommu_ioas_map>.offset(of: \.length) ?? -1),
    ("offsetof(struct iommu_ioas_map, iova)", MemoryLayout<iommu_ioas_map>.offset(of: \.iova) ?? -1),
    ("sizeof(struct iommu_ioas_unmap)", MemoryLayout<iommu_ioas_unmap>.size),
    ("offsetof(struct iommu_ioas_unmap, ioas_id)", MemoryLayout<iommu_ioas_unmap>.offset(of: \.ioas_id) ?? -1),
    ("offsetof(struct iommu_ioas_unmap, iova)", MemoryLayout<iommu_ioas_unmap>.offset(of: \.iova) ?? -1),
    ("offsetof(struct iommu_ioas_unmap, length)", MemoryLayout<iommu_ioas_unmap>.offset(of: \.length) ?? -1),
    ("IOMMU_IOAS_MAP_FIXED_IOVA", Int(IOMMU_IOAS_MAP_FIXED_IOVA.rawValue)),
    ("IOMMU_IOAS_MAP_WRITEABLE", Int(IOMMU_IOAS_MAP_WRITEABLE.rawValue)),
    ("IOMMU_IOAS_MAP_READABLE", Int(IOMMU_IOAS_MAP_READABLE.rawValue)),
  ]

  @Test("struct layouts and map flags")
  func layouts() throws {
    try #require(Self.uapiInclude != nil, "linux-headers-6.12 not installed")
    let c = try Self.cValues(Self.layout.map(\.0))
    for (expression, swift) in Self.layout {
      #expect(c[expression].map(Int.init) == swift, "\(expression): C \(c[expression].map(String.init) ?? "-"), Swift \(swift)")
    }
    print("checked \(Self.layout.count) iommufd layout facts and \(IOMMUFDIoctl.allCases.count) request numbers against the 6.12 UAPI header")
  }
}
