import CVFIO
import SystemPackage
import VFIO

/// The text `vfio inspect` prints.
enum InspectFormat {
  static func groupStatus(_ status: VFIOGroupStatus) -> String {
    flagNames(status.rawValue, [
      (VFIOGroupStatus.viable.rawValue, "viable"), (VFIOGroupStatus.containerSet.rawValue, "container-set"),
    ])
  }

  static func printIOMMU(_ info: VFIOInfo<vfio_iommu_type1_info>) {
    print("IOMMU type1v2: flags \(hex(info.header.flags)), IOVA page sizes \(pageSizes(info.header.iova_pgsizes))"
      + (info.requestedSize.map { ", capability chain (argsz \($0))" } ?? ""))
  }

  static func printDevice(_ device: borrowing VFIODevice) throws {
    let info = try device.info()
    let flags = flagNames(info.header.flags, [
      (UInt32(VFIO_DEVICE_FLAGS_RESET), "reset"), (UInt32(VFIO_DEVICE_FLAGS_PCI), "pci"),
      (UInt32(VFIO_DEVICE_FLAGS_PLATFORM), "platform"), (UInt32(VFIO_DEVICE_FLAGS_AMBA), "amba"),
      (UInt32(VFIO_DEVICE_FLAGS_CCW), "ccw"), (UInt32(VFIO_DEVICE_FLAGS_AP), "ap"),
      (UInt32(VFIO_DEVICE_FLAGS_FSL_MC), "fsl-mc"), (UInt32(VFIO_DEVICE_FLAGS_CAPS), "caps"),
    ])
    let isPCI = info.header.flags & UInt32(VFIO_DEVICE_FLAGS_PCI) != 0
    print("device \(device.name): \(flags); \(info.header.num_regions) regions, \(info.header.num_irqs) IRQ indexes")
    print("  regions:")
    for index in 0..<info.header.num_regions {
      let name = isPCI ? pciRegionName(index) : "region \(index)"
      guard case .success(let region) = regionInfo(device, index) else {
        print("    \(pad(name, 7)) absent")
        continue
      }
      let header = region.header
      guard header.size != 0 || header.flags != 0 else { continue }
      print("    \(pad(name, 7)) size \(pad(hex(header.size), 10)) offset \(hex(header.offset)) "
        + flagNames(header.flags, [
          (UInt32(VFIO_REGION_INFO_FLAG_READ), "read"), (UInt32(VFIO_REGION_INFO_FLAG_WRITE), "write"),
          (UInt32(VFIO_REGION_INFO_FLAG_MMAP), "mmap"), (UInt32(VFIO_REGION_INFO_FLAG_CAPS), "caps"),
        ]) + (region.requestedSize.map { ", capability chain (argsz \($0))" } ?? ""))
    }
    print("  IRQs:")
    for index in 0..<info.header.num_irqs {
      let name = isPCI ? pciIRQName(index) : "index \(index)"
      print("    \(pad(name, 7)) " + describeIRQ(irqInfo(device, index)))
    }
    print("  migration: " + describeMigration(migrationFlags(device)))
  }

  /// The region's info, or the error: vfio-pci refuses (EINVAL) a VGA region a device lacks.
  static func regionInfo(_ device: borrowing VFIODevice, _ index: UInt32) -> Result<VFIOInfo<vfio_region_info>, VFIOError> {
    Result { () throws(VFIOError) in try device.regionInfo(index) }
  }

  /// The IRQ's info, or the error: EINVAL means the device lacks that index.
  static func irqInfo(_ device: borrowing VFIODevice, _ index: UInt32) -> Result<vfio_irq_info, VFIOError> {
    Result { () throws(VFIOError) in try device.irqInfo(index) }
  }

  static func describeIRQ(_ result: Result<vfio_irq_info, VFIOError>) -> String {
    switch result {
    case .success(let irq):
      "count \(irq.count) " + flagNames(irq.flags, [
        (UInt32(VFIO_IRQ_INFO_EVENTFD), "eventfd"), (UInt32(VFIO_IRQ_INFO_MASKABLE), "maskable"),
        (UInt32(VFIO_IRQ_INFO_AUTOMASKED), "automasked"), (UInt32(VFIO_IRQ_INFO_NORESIZE), "noresize"),
      ])
    case .failure(let error) where error.errno == .invalidArgument: "absent"
    case .failure(let error): "\(error)"
    }
  }

  /// `VFIO_DEVICE_FEATURE_MIGRATION`'s flags, or the error (ENOTTY: no migration).
  static func migrationFlags(_ device: borrowing VFIODevice) -> Result<UInt64, VFIOError> {
    Result { () throws(VFIOError) -> UInt64 in
      var payload = [UInt8](repeating: 0, count: MemoryLayout<vfio_device_feature_migration>.size)
      try device.getFeature(UInt32(VFIO_DEVICE_FEATURE_MIGRATION), payload: &payload)
      return payload.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    }
  }

  static func describeMigration(_ result: Result<UInt64, VFIOError>) -> String {
    switch result {
    case .success(let flags):
      "v2, " + flagNames(UInt32(truncatingIfNeeded: flags), [
        (UInt32(VFIO_MIGRATION_STOP_COPY), "stop-copy"), (UInt32(VFIO_MIGRATION_P2P), "p2p"),
        (UInt32(VFIO_MIGRATION_PRE_COPY), "pre-copy"),
      ])
    case .failure(let error) where error.errno == .inappropriateIOCTLForDevice:
      "not supported (\(error.operation): ENOTTY)"
    case .failure(let error): "\(error)"
    }
  }

  static func pciRegionName(_ index: UInt32) -> String {
    switch Int(index) {
    case Int(VFIO_PCI_BAR0_REGION_INDEX)...Int(VFIO_PCI_BAR5_REGION_INDEX): "BAR\(index)"
    case Int(VFIO_PCI_ROM_REGION_INDEX): "ROM"
    case Int(VFIO_PCI_CONFIG_REGION_INDEX): "config"
    case Int(VFIO_PCI_VGA_REGION_INDEX): "VGA"
    default: "region \(index)"
    }
  }

  static func pciIRQName(_ index: UInt32) -> String {
    switch Int(index) {
    case Int(VFIO_PCI_INTX_IRQ_INDEX): "INTx"
    case Int(VFIO_PCI_MSI_IRQ_INDEX): "MSI"
    case Int(VFIO_PCI_MSIX_IRQ_INDEX): "MSI-X"
    case Int(VFIO_PCI_ERR_IRQ_INDEX): "ERR"
    case Int(VFIO_PCI_REQ_IRQ_INDEX): "REQ"
    default: "index \(index)"
    }
  }

  /// `read|write|mmap`, with any bits no name covers in hex.
  static func flagNames(_ flags: UInt32, _ names: [(UInt32, String)]) -> String {
    var rest = flags
    var parts: [String] = []
    for (bit, name) in names where flags & bit != 0 {
      parts.append(name)
      rest &= ~bit
    }
    if rest != 0 { parts.append(hex(rest)) }
    return parts.isEmpty ? "-" : parts.joined(separator: "|")
  }

  static func pageSizes(_ bitmap: UInt64) -> String {
    let sizes = (0..<64).filter { bitmap & (1 << UInt64($0)) != 0 }.map { shift in
      shift >= 30 ? "\(1 << (shift - 30))G" : shift >= 20 ? "\(1 << (shift - 20))M" : "\(1 << (shift - 10))K"
    }
    // An emulated IOMMU (mdev) offers every power of two from 4K up: summarise.
    guard sizes.count > 8, let first = sizes.first, let last = sizes.last else { return sizes.joined(separator: ",") }
    return "\(sizes.count) sizes \(first)…\(last) (\(hex(bitmap)))"
  }

  static func hex<T: BinaryInteger>(_ value: T) -> String { "0x" + String(value, radix: 16) }

  static func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }
}
