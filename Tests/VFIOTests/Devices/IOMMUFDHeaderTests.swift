import CVFIO
import Foundation
import Testing
@testable import VFIO

/// The iommufd definitions the package supplies (CHeaders/CVFIO_iommufd.h) and the Swift
/// constants built on them, against the kernel's newest `<linux/iommufd.h>`, compiled by the C
/// compiler.
@Suite("iommufd definitions against the newest UAPI header")
struct IOMMUFDHeaderTests {
  /// The newest iommufd.h at hand, in a directory to pass with `-I`: the installed one when it
  /// has every request the package lists (the newest generation's leg), else Debian unstable's
  /// that scripts/debian-packages.sh unpacked under .build-debian (scripts/test.sh stages it).
  static let newestInclude: String? = {
    var candidates = ["/usr/include"]
    let staged = Toolchain.packageRoot.appendingPathComponent(".build-debian/sid")
    let unpacked = (try? FileManager.default.contentsOfDirectory(atPath: staged.path)) ?? []
    for name in unpacked.filter({ $0.hasPrefix("linux-libc-dev") }).sorted().reversed() {
      candidates.append(staged.appendingPathComponent(name).appendingPathComponent("usr/include").path)
    }
    return candidates.first { include in
      guard let text = try? String(contentsOfFile: include + "/linux/iommufd.h", encoding: .utf8) else { return false }
      return IOMMUFDIoctl.allCases.allSatisfy { text.contains("#define \($0.name) ") }
    }
  }()

  /// Values the C compiler computes from the newest header, one `name value` per line.
  static func cValues(_ expressions: [String]) throws -> [String: UInt64] {
    guard let include = newestInclude else {
      throw Toolchain.Failure(description: "no newest iommufd.h: run scripts/debian-packages.sh sid linux-libc-dev")
    }
    let prints = expressions.map { "  printf(\"%s %llu\\n\", \"\($0)\", (unsigned long long)(\($0)));" }
    // Only the one header from that tree: its asm/ and the rest stay the machine's.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vfio-iommufd-\(UUID().uuidString)")
    let linux = directory.appendingPathComponent("linux")
    try FileManager.default.createDirectory(at: linux, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.copyItem(atPath: include + "/linux/iommufd.h", toPath: linux.appendingPathComponent("iommufd.h").path)
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
    for line in try Toolchain.compileAndRun(source, flags: ["-I", directory.path]).split(separator: "\n") {
      guard let space = line.lastIndex(of: " "), let value = UInt64(line[line.index(after: space)...]) else { continue }
      values[String(line[..<space])] = value
    }
    return values
  }

  @Test("request numbers", arguments: IOMMUFDIoctl.allCases)
  func requestNumber(_ ioctl: IOMMUFDIoctl) throws {
    let c = try Self.cValues([ioctl.name])
    #expect(c[ioctl.name] == UInt64(ioctl.requestNumber), "\(ioctl.name)")
  }

  /// `sizeof`, `_Alignof` and `offsetof` of every field, for the C struct and the Swift type
  /// the package imports for it (the header's own, a fallback, or an owned newest layout).
  static func facts<T>(_ type: T.Type, _ c: String, _ fields: [(String, PartialKeyPath<T>)]) -> [(String, Int)] {
    [("sizeof(struct \(c))", MemoryLayout<T>.size), ("_Alignof(struct \(c))", MemoryLayout<T>.alignment)]
      + fields.map { ("offsetof(struct \(c), \($0.0))", MemoryLayout<T>.offset(of: $0.1) ?? -1) }
  }

  static let layout: [(String, Int)] =
    facts(iommu_destroy.self, "iommu_destroy", [("id", \.id)])
    + facts(iommu_ioas_alloc.self, "iommu_ioas_alloc", [("flags", \.flags), ("out_ioas_id", \.out_ioas_id)])
    + facts(iommu_iova_range.self, "iommu_iova_range", [("start", \.start), ("last", \.last)])
    + facts(iommu_ioas_iova_ranges.self, "iommu_ioas_iova_ranges", [
      ("ioas_id", \.ioas_id), ("num_iovas", \.num_iovas), ("allowed_iovas", \.allowed_iovas),
      ("out_iova_alignment", \.out_iova_alignment),
    ])
    + facts(iommu_ioas_allow_iovas.self, "iommu_ioas_allow_iovas", [
      ("ioas_id", \.ioas_id), ("num_iovas", \.num_iovas), ("allowed_iovas", \.allowed_iovas),
    ])
    + facts(iommu_ioas_map.self, "iommu_ioas_map", [
      ("flags", \.flags), ("ioas_id", \.ioas_id), ("user_va", \.user_va), ("length", \.length), ("iova", \.iova),
    ])
    + facts(iommu_ioas_map_file.self, "iommu_ioas_map_file", [
      ("flags", \.flags), ("ioas_id", \.ioas_id), ("fd", \.fd), ("start", \.start), ("length", \.length), ("iova", \.iova),
    ])
    + facts(iommu_ioas_copy.self, "iommu_ioas_copy", [
      ("flags", \.flags), ("dst_ioas_id", \.dst_ioas_id), ("src_ioas_id", \.src_ioas_id), ("length", \.length),
      ("dst_iova", \.dst_iova), ("src_iova", \.src_iova),
    ])
    + facts(iommu_ioas_unmap.self, "iommu_ioas_unmap", [("ioas_id", \.ioas_id), ("iova", \.iova), ("length", \.length)])
    + facts(iommu_option.self, "iommu_option", [
      ("option_id", \.option_id), ("op", \.op), ("object_id", \.object_id), ("val64", \.val64),
    ])
    + facts(cvfio_iommu_hwpt_alloc.self, "iommu_hwpt_alloc", [
      ("flags", \.flags), ("dev_id", \.dev_id), ("pt_id", \.pt_id), ("out_hwpt_id", \.out_hwpt_id),
      ("data_type", \.data_type), ("data_len", \.data_len), ("data_uptr", \.data_uptr), ("fault_id", \.fault_id),
    ])
    + facts(cvfio_iommu_hw_info.self, "iommu_hw_info", [
      ("flags", \.flags), ("dev_id", \.dev_id), ("data_len", \.data_len), ("data_uptr", \.data_uptr),
      ("out_data_type", \.out_data_type), ("out_max_pasid_log2", \.out_max_pasid_log2),
      ("out_capabilities", \.out_capabilities),
    ])
    + facts(iommu_hw_info_vtd.self, "iommu_hw_info_vtd", [("flags", \.flags), ("cap_reg", \.cap_reg), ("ecap_reg", \.ecap_reg)])
    + facts(iommu_hwpt_set_dirty_tracking.self, "iommu_hwpt_set_dirty_tracking", [("flags", \.flags), ("hwpt_id", \.hwpt_id)])
    + facts(iommu_hwpt_get_dirty_bitmap.self, "iommu_hwpt_get_dirty_bitmap", [
      ("hwpt_id", \.hwpt_id), ("flags", \.flags), ("iova", \.iova), ("length", \.length), ("page_size", \.page_size),
      ("data", \.data),
    ])

  /// Each C enumerator with the value the package uses for it.
  static let constants: [(String, Int)] =
    [
      ("IOMMU_IOAS_MAP_FIXED_IOVA", Int(IOMMU_IOAS_MAP_FIXED_IOVA.rawValue)),
      ("IOMMU_IOAS_MAP_WRITEABLE", Int(IOMMU_IOAS_MAP_WRITEABLE.rawValue)),
      ("IOMMU_IOAS_MAP_READABLE", Int(IOMMU_IOAS_MAP_READABLE.rawValue)),
      ("IOMMU_HWPT_DATA_NONE", Int(CVFIO_IOMMU_HWPT_DATA_NONE)),
      ("IOMMU_HWPT_DIRTY_TRACKING_ENABLE", Int(CVFIO_IOMMU_HWPT_DIRTY_TRACKING_ENABLE)),
      ("IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR", Int(CVFIO_IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR)),
      ("IOMMU_OPTION_RLIMIT_MODE", Int(IOMMUFDOption.rlimitMode.cValue)),
      ("IOMMU_OPTION_HUGE_PAGES", Int(IOMMUFDOption.hugePages.cValue)),
      ("IOMMU_OPTION_OP_SET", Int(CVFIO_IOMMU_OPTION_OP_SET)),
      ("IOMMU_OPTION_OP_GET", Int(CVFIO_IOMMU_OPTION_OP_GET)),
    ]
    + HWPTAllocFlags.knownFlags.map { ($0.cName, Int($0.value.rawValue)) }
    + IOMMUHardwareCapabilities.knownFlags.map { ($0.cName, Int($0.value.rawValue)) }
    + IOMMUHardwareInfoType.knownValues.map { ($0.cName, Int($0.value.rawValue)) }

  @Test("struct layouts and constants")
  func layouts() throws {
    let facts = Self.layout + Self.constants
    let c = try Self.cValues(facts.map(\.0))
    for (expression, swift) in facts {
      #expect(c[expression].map(Int.init) == swift, "\(expression): C \(c[expression].map(String.init) ?? "-"), Swift \(swift)")
    }
    print("checked \(Self.layout.count) iommufd layout facts, \(Self.constants.count) constants and"
      + " \(IOMMUFDIoctl.allCases.count) request numbers against \(Self.newestInclude ?? "-")/linux/iommufd.h")
  }
}
