import SystemPackage
import VFIO

/// The text `vfio inspect` prints.
enum InspectFormat {
  static func printIOMMU(_ info: IOMMUInfoResult) {
    print("IOMMU type1v2: flags \(info.info.flags), IOVA page sizes \(pageSizes(info.info.pageSizes))")
    for capability in info.capabilities {
      switch capability {
      case .iovaRanges(let ranges):
        print("  IOVA ranges: " + ranges.map { "\(hex($0.start))-\(hex($0.end))" }.joined(separator: ", "))
      case .migration(let migration):
        print("  migration (dirty tracking): flags \(hex(migration.flags)), page sizes \(pageSizes(migration.pageSizes)), "
          + "max bitmap \(migration.maximumDirtyBitmapSize) bytes")
      case .dmaAvailable(let available): print("  DMA mappings available: \(available)")
      case .unknown(let raw): print("  capability \(raw)")
      }
    }
  }

  static func printDevice(_ device: borrowing VFIODevice) throws {
    let result = try device.info()
    let info = result.info
    try device.checkCounts(info)
    let isPCI = info.flags.contains(.pci)
    print("device \(TerminalText.escaped(device.name)): flags \(info.flags); \(info.regionCount) regions, \(info.irqCount) IRQ indexes")
    for capability in result.capabilities { print("  capability \(capability)") }
    print("  regions:")
    for index in 0..<info.regionCount {
      let index = RegionIndex(rawValue: index)
      let name = isPCI ? pciRegionName(index) : "region \(index.rawValue)"
      guard case .success(let region) = regionInfo(device, index) else {
        print("    \(pad(name, 7)) absent")
        continue
      }
      let header = region.info
      guard header.size != 0 || !header.flags.isEmpty else { continue }
      print("    \(pad(name, 7)) size \(pad(hex(header.size), 10)) offset \(hex(header.offset)) \(header.flags)")
      for capability in region.capabilities { print("            \(describe(capability))") }
    }
    print("  IRQs:")
    for index in 0..<info.irqCount {
      let index = IRQIndex(rawValue: index)
      let name = isPCI ? pciIRQName(index) : "index \(index.rawValue)"
      print("    \(pad(name, 7)) " + describeIRQ(irqInfo(device, index)))
    }
    print("  migration: " + describeMigration(migrationFlags(device)))
  }

  /// The region's info, or the error: vfio-pci refuses (EINVAL) a VGA region a device lacks.
  static func regionInfo(_ device: borrowing VFIODevice, _ index: RegionIndex) -> Result<RegionInfoResult, VFIOError> {
    Result { () throws(VFIOError) in try device.regionInfo(index) }
  }

  /// The IRQ's info, or the error: EINVAL means the device lacks that index.
  static func irqInfo(_ device: borrowing VFIODevice, _ index: IRQIndex) -> Result<IRQInfo, VFIOError> {
    Result { () throws(VFIOError) in try device.irqInfo(index) }
  }

  static func describeIRQ(_ result: Result<IRQInfo, VFIOError>) -> String {
    switch result {
    case .success(let irq): "count \(irq.count) \(irq.flags)"
    case .failure(let error) where error.errno == .invalidArgument: "absent"
    case .failure(let error): "\(error)"
    }
  }

  /// `VFIO_DEVICE_FEATURE_MIGRATION`'s flags, or the error (ENOTTY: no migration).
  static func migrationFlags(_ device: borrowing VFIODevice) -> Result<MigrationFlags, VFIOError> {
    Result { () throws(VFIOError) -> MigrationFlags in
      var payload = [UInt8](repeating: 0, count: MigrationFeature.size)
      try device.getFeature(.migration, payload: &payload)
      return MigrationFlags(rawValue: payload.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
    }
  }

  static func describeMigration(_ result: Result<MigrationFlags, VFIOError>) -> String {
    switch result {
    case .success(let flags): "v2, \(flags)"
    case .failure(let error) where error.errno == .inappropriateIOCTLForDevice:
      "not supported (\(error.operation) \(DeviceFeature.migration): ENOTTY)"
    case .failure(let error): "\(error)"
    }
  }

  static func describe(_ capability: RegionInfoCapability) -> String {
    switch capability {
    case .sparseMmap(let areas):
      "sparse mmap: " + areas.map { "\(hex($0.offset))+\(hex($0.size))" }.joined(separator: ", ")
    case .type(let type): "type \(type)"
    case .msixMappable: "MSI-X table mmappable"
    case .nvlink2SSATarget(let address): "NVLink2 system address \(hex(address))"
    case .nvlink2LinkSpeed(let speed): "NVLink2 link speed \(speed)"
    case .unknown(let raw): "capability \(raw)"
    }
  }

  static func pciRegionName(_ index: RegionIndex) -> String {
    switch index {
    case .pciROM: "ROM"
    case .pciConfig: "config"
    case .pciVGA: "VGA"
    case _ where index.rawValue <= RegionIndex.pciBAR5.rawValue: "BAR\(index.rawValue)"
    default: "region \(index.rawValue)"
    }
  }

  static func pciIRQName(_ index: IRQIndex) -> String {
    switch index {
    case .pciINTx: "INTx"
    case .pciMSI: "MSI"
    case .pciMSIX: "MSI-X"
    case .pciError: "ERR"
    case .pciRequest: "REQ"
    default: "index \(index.rawValue)"
    }
  }

  static func pageSizes(_ bitmap: UInt64) -> String {
    let sizes = (0..<64).filter { bitmap & (1 << UInt64($0)) != 0 }.map { shift in
      shift >= 30 ? "\(1 << (shift - 30))G" : shift >= 20 ? "\(1 << (shift - 20))M" : shift >= 10 ? "\(1 << (shift - 10))K" : "\(1 << shift)B"
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
