import CVFIO
import FakeKernel
import SystemPackage
import VFIO

/// The PCI helpers: config space through the config region, MSI-X vector changes, and one owner
/// for every mmap area of a region.
enum PCIScenarios {
  static let configRegion = K.regionInfo(index: UInt32(VFIO_PCI_CONFIG_REGION_INDEX), size: 256, flags: 3)

  /// A 256-byte endpoint config space, edu's ids, with an MSI capability at 0x40; `edit` changes it.
  static func configSpace(_ edit: (inout [UInt8]) -> Void = { _ in }) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: 256)
    bytes[0...3] = [0x34, 0x12, 0xe8, 0x11]
    bytes[Int(PCI_STATUS)] = UInt8(PCI_STATUS_CAP_LIST)
    bytes[Int(PCI_CAPABILITY_LIST)] = 0x40
    bytes[0x40] = UInt8(PCI_CAP_ID_MSI)
    edit(&bytes)
    return bytes
  }

  /// What a scenario reports of a snapshot: ids and capabilities, or the decoder's refusal.
  static func summary(_ space: PCIConfigSpace) -> String {
    do throws(PCIConfigError) {
      return "\(String(space.vendorID, radix: 16)):\(String(space.deviceID, radix: 16)) \(try space.capabilities().map(\.offset))"
    } catch {
      return "refused: \(error)"
    }
  }

  /// `VFIO_DEVICE_GET_REGION_INFO` of a BAR of `size` bytes at file offset 0, flagged mmap, with a
  /// sparse mmap capability listing `areas` (offset, size).
  static func sparseRegionInfo(_ areas: [(UInt64, UInt64)], size: UInt64 = 0x4000) -> [UInt8] {
    let fixed = MemoryLayout<vfio_region_info>.size
    let total = fixed + MemoryLayout<vfio_region_info_cap_sparse_mmap>.size + MemoryLayout<vfio_region_sparse_mmap_area>.size * areas.count
    var bytes = K.regionInfo(index: 0, size: size, argsz: UInt32(total), flags: 0xF, capOffset: UInt32(fixed))
    bytes += K.capabilityHeader(id: UInt16(VFIO_REGION_INFO_CAP_SPARSE_MMAP), next: 0) + K.le(UInt32(areas.count)) + K.le(UInt32(0))
    for (offset, length) in areas { bytes += K.le(offset) + K.le(length) }
    return bytes
  }

  /// The two answers (the size, then the chain) of a region info with a sparse mmap capability.
  static func sparseRegion(_ areas: [(UInt64, UInt64)], size: UInt64 = 0x4000) -> [Step] {
    let bytes = sparseRegionInfo(areas, size: size)
    return [.ioctl(K.device(.getRegionInfo), fill: bytes), .ioctl(K.device(.getRegionInfo), fill: bytes)]
  }

  /// Two areas around an unmappable page at 0x1000 (where an older kernel keeps the MSI-X table).
  static let twoAreas: [(UInt64, UInt64)] = [(0, 0x1000), (0x2000, 0x2000)]

  static var all: [Scenario] {
    [
      .device(
        "VFIODevice.pciConfigSpace",
        [.ioctl(K.device(.getRegionInfo), fill: configRegion), .read(.pread, configSpace())],
        expected: "1234:11e8 [64]",
        lies: [
          .fails("config region of 16 bytes", [.ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 7, size: 16))],
            saying: "config space of 16 bytes"),
          .fails("short read", [.ioctl(K.device(.getRegionInfo), fill: configRegion), .read(.pread, [1, 2, 3])], saying: "EIO"),
          .succeeds("config region of 2^64-1 bytes: 4096 read",
            [.ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 7, size: .max)), .read(.pread, configSpace() + [UInt8](repeating: 0, count: 3840))],
            with: "1234:11e8 [64]"),
          .succeeds("a capability pointing at itself", [
            .ioctl(K.device(.getRegionInfo), fill: configRegion), .read(.pread, configSpace { $0[0x41] = 0x40 }),
          ], with: "refused: capability at 0x40 points back at 0x40, already visited"),
          .succeeds("a function that reads all ones", [
            .ioctl(K.device(.getRegionInfo), fill: configRegion), .read(.pread, [UInt8](repeating: 0xFF, count: 256)),
          ], with: "refused: pointer at 0x34 names 0xff, not 4-byte aligned"),
        ]
      ) { device in
        summary(try device.pciConfigSpace())
      },
      .device(
        "VFIODevice.pciCommand",
        [.ioctl(K.device(.getRegionInfo), fill: configRegion), .read(.pread, [0x06, 0x04])],
        expected: "[.memorySpace, .busMaster, .interruptDisable]",
        lies: [.fails("short read", [.ioctl(K.device(.getRegionInfo), fill: configRegion), .read(.pread, [6])], saying: "EIO")]
      ) { device in
        "\(try device.pciCommand())"
      },
      .device(
        "VFIODevice.setPCICommand",
        [.ioctl(K.device(.getRegionInfo), fill: configRegion), .write(.pwrite)],
        expected: "set",
        lies: [
          .fails("config region of 2 bytes", [.ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 7, size: 2))],
            saying: "is not below the 2 bytes available"),
        ]
      ) { device in
        try device.setPCICommand([.memorySpace, .busMaster])
        return "set"
      },
      .device(
        "VFIODevice.bindMSIX under NORESIZE: vector 0 enables, vector 2 re-enables",
        [
          .ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 2, count: 4, flags: 0x9)), .ioctl(K.device(.setIRQs)),
          .ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 2, count: 4, flags: 0x9)), .ioctl(K.device(.setIRQs)),
          .ioctl(K.device(.setIRQs)),
        ],
        expected: "enabled, reenabled; 3 enabled, [0, 2] bound",
        lies: [
          .fails("vector 4 of 4", [.ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 2, count: 2, flags: 0x9))],
            saying: "IRQ index 2"),
        ]
      ) { device in
        let first = try device.bindMSIX(try VFIOEventFD(), vector: 0)
        let grown = try device.bindMSIX(try VFIOEventFD(), vector: 2)
        let bindings = device.msixBindings
        return "\(first), \(grown); \(bindings.enabledVectors) enabled, \(bindings.eventfds.keys.sorted()) bound"
      },
      .device(
        "VFIODevice.setMSIXVectors where the index grows in place, then unbindMSIX",
        [
          .ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 2, count: 4, flags: 0x1)), .ioctl(K.device(.setIRQs)),
          .ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 2, count: 4, flags: 0x1)), .ioctl(K.device(.setIRQs)),
          .ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 2, count: 4, flags: 0x1)), .ioctl(K.device(.setIRQs)),
        ],
        expected: "enabled, setInPlace; 3 enabled, [0, 2] bound",
        lies: [
          .fails("fewer vectors than asked", [
            .ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 2, count: 2, flags: 0x1)), .ioctl(K.device(.setIRQs)),
            .ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 2, count: 2, flags: 0x1)),
          ], saying: "IRQ index 2"),
        ]
      ) { device in
        let first = try device.setMSIXVectors([try VFIOEventFD(), try VFIOEventFD()])
        let grown = try device.setMSIXVectors([try VFIOEventFD(), try VFIOEventFD(), try VFIOEventFD()])
        try device.unbindMSIX(vector: 1)
        let bindings = device.msixBindings
        return "\(first), \(grown); \(bindings.enabledVectors) enabled, \(bindings.eventfds.keys.sorted()) bound"
      },
      .device(
        "VFIODevice.map(region:) of sparse areas, with VFIORegionMapping.load and store",
        sparseRegion(twoAreas) + [.pass(.mmap), .pass(.mmap), .read(.pread, [1, 2, 3, 4]), .write(.pwrite)],
        expected: "[0+4096, 8192+8192]; mapped 7; pread 67305985; pwrite done",
        lies: [
          .fails("an area past the region's end", sparseRegion([(0x3000, 0x2000)]), saying: "run past the 16384 bytes available"),
          .fails("more areas than the limit", sparseRegion((0...256).map { (UInt64($0) * 4096, 4096) }, size: 1 << 40),
            saying: "above the limit of 256"),
          .fails("short pread", sparseRegion(twoAreas) + [.pass(.mmap), .pass(.mmap), .read(.pread, [1])], saying: "EIO"),
          .succeeds("no mmap flag: every access through pread and pwrite", [
            .ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 0, size: 0x4000, flags: 3)),
            .write(.pwrite), .read(.pread, [7, 0, 0, 0]), .read(.pread, [1, 2, 3, 4]), .write(.pwrite),
          ], with: "[]; mapped 7; pread 67305985; pwrite done"),
        ]
      ) { device in
        let bar = try device.map(region: try device.regionInfo(.pciBAR0))
        try bar.store(UInt32(7), at: 0x2004)
        let mapped = try bar.load(UInt32.self, at: 0x2004)
        let read = try bar.load(UInt32.self, at: 0x1000)
        try bar.store(UInt32(9), at: 0x1004)
        let areas = bar.mappedAreas.map { "\($0.offset)+\($0.size)" }.joined(separator: ", ")
        return "[\(areas)]; mapped \(mapped); pread \(read); pwrite done"
      },
      .device(
        "VFIORegionMapping.unmap", sparseRegion(twoAreas) + [.pass(.mmap), .pass(.mmap)], expected: "unmapped; 0"
      ) { device in
        let bar = try device.map(region: try device.regionInfo(.pciBAR0))
        let misaligned: Int
        do { _ = try bar.load(UInt32.self, at: 2); misaligned = 1 } catch let error as VFIOError { misaligned = error.errno == nil ? 0 : 2 }
        try bar.unmap()
        return "unmapped; \(misaligned)"
      },
    ]
  }
}
