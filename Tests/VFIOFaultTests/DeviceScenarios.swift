import CVFIO
import FakeKernel
import SystemPackage
import VFIO

/// The device's own calls: info, regions, IRQs, reset, hot reset, features.
enum DeviceScenarios {
  static let fixedDeviceInfo = MemoryLayout<vfio_device_info>.size
  static let fixedRegionInfo = MemoryLayout<vfio_region_info>.size
  static let region = RegionInfo(rawValue: vfio_region_info(argsz: 32, flags: 7, index: 0, cap_offset: 0, size: 4096, offset: 0))

  /// The argsz lies every info request must survive: each ends in its typed error.
  static func argszLies(_ request: UInt, _ answer: @escaping @Sendable (UInt32) -> [UInt8], fixed: Int) -> [Scenario.Lie] {
    [
      .fails("argsz 0xFFFFFFFF", [.ioctl(request, fill: answer(.max))], saying: "above"),
      .fails("argsz 0", [.ioctl(request, fill: answer(0))], saying: "smaller than"),
      .fails("argsz below the fixed struct", [.ioctl(request, fill: answer(UInt32(fixed - 1)))], saying: "smaller than"),
      .fails(
        "argsz growing on every retry",
        (1...8).map { .ioctl(request, fill: answer(UInt32(fixed + 64 * $0))) }, saying: "larger argsz on every attempt"),
      .fails(
        "capability chain pointing at itself",
        [
          .ioctl(request, fill: answer(UInt32(fixed + 64))),
          .ioctl(request, fill: answer(UInt32(fixed + 64)) + K.capabilityHeader(id: 1, next: UInt32(fixed))),
        ], saying: "itself"),
      .ends(
        "capability chain pointing past argsz",
        [
          .ioctl(request, fill: answer(UInt32(fixed + 16))),
          .ioctl(request, fill: answer(UInt32(fixed + 16)) + K.capabilityHeader(id: 1, next: 0xFFFF_FFF0)),
        ]),
    ]
  }

  static var all: [Scenario] {
    [
      .device(
        "VFIODevice.info", [.ioctl(K.device(.getInfo), fill: K.deviceInfo(regions: 9, irqs: 5))], expected: "9 5",
        lies: argszLies(K.device(.getInfo), { K.deviceInfo(regions: 9, irqs: 5, argsz: $0, flags: 0x92, capOffset: UInt32(fixedDeviceInfo)) }, fixed: fixedDeviceInfo)
          + [.succeeds("num_regions 0xFFFFFFFF", [.ioctl(K.device(.getInfo), fill: K.deviceInfo(regions: .max, irqs: .max))],
            with: "\(UInt32.max) \(UInt32.max)")]
      ) { device in
        let info = try device.info().info
        return "\(info.regionCount) \(info.irqCount)"
      },
      .device(
        "VFIODevice.regionInfo", [.ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 2))], expected: "4096 0",
        lies: argszLies(K.device(.getRegionInfo), { K.regionInfo(index: 2, argsz: $0, flags: 15, capOffset: UInt32(fixedRegionInfo)) }, fixed: fixedRegionInfo)
          + [
            .succeeds("size and offset 2^64-1", [.ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 2, size: .max, offset: .max))],
              with: "\(UInt64.max) \(UInt64.max)"),
          ]
      ) { device in
        let info = try device.regionInfo(RegionIndex(rawValue: 2)).info
        return "\(info.size) \(info.offset)"
      },
      .device("VFIODevice.irqInfo", [.ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 2, count: 4))], expected: "4") { device in
        "\(try device.irqInfo(.pciMSIX).count)"
      },
      .device(
        "VFIODevice.setIRQs",
        [.ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 0, count: 1, flags: 0xF)), .ioctl(K.device(.setIRQs))],
        expected: "set",
        lies: [
          .fails("IRQ count 0", [.ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 0, count: 0, flags: 0xF))], saying: ""),
          .succeeds("IRQ count 0xFFFFFFFF", [.ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 0, count: .max, flags: 0xF)), .ioctl(K.device(.setIRQs))], with: "set"),
        ]
      ) { device in
        try device.triggerIRQ(index: .pciINTx)
        return "set"
      },
      .device("VFIODevice.reset", [.ioctl(K.device(.reset))], expected: "reset") { device in
        try device.reset()
        return "reset"
      },
      .device(
        "VFIODevice.hotResetDependencies",
        [
          .ioctl(K.device(.getPCIHotResetInfo)) { call in
            call.fill(K.le(UInt32(2)), at: 8)
            return .failure(.noSpace)
          },
          .ioctl(K.device(.getPCIHotResetInfo), fill: K.le(UInt32(28)) + K.le(UInt32(0)) + K.le(UInt32(2)) + K.le(UInt32(7)) + [0, 0, 1, 0] + K.le(UInt32(8)) + [0, 0, 2, 0]),
        ],
        expected: "2",
        lies: [
          .fails("count 0xFFFFFFFF", [.ioctl(K.device(.getPCIHotResetInfo)) { call in
            call.fill(K.le(UInt32.max), at: 8)
            return .failure(.noSpace)
          }], saying: "above the limit"),
          .succeeds("more filled than room", [
            .ioctl(K.device(.getPCIHotResetInfo)) { call in
              call.fill(K.le(UInt32(1)), at: 8)
              return .failure(.noSpace)
            },
            .ioctl(K.device(.getPCIHotResetInfo), fill: K.le(UInt32(20)) + K.le(UInt32(0)) + K.le(UInt32(1000)) + K.le(UInt32(7)) + [0, 0, 1, 0]),
          ], with: "1"),
        ]
      ) { device in
        "\(try device.hotResetDependencies().count)"
      },
      // The kernel's rule for a device opened through its cdev: no group descriptor at all (count 0,
      // argsz the bare header, flags 0), anything else EINVAL.
      .device(
        "VFIODevice.hotReset",
        [
          .ioctl(K.device(.pciHotReset)) { call in
            call.capacity == MemoryLayout<vfio_pci_hot_reset>.size && call.load(UInt32.self, at: 4) == 0
              && call.load(UInt32.self, at: 8) == 0 ? .result(0) : .failure(.invalidArgument)
          }
        ],
        expected: "reset",
        lies: [
          .fails("an affected device this iommufd does not own", [.ioctl(K.device(.pciHotReset)) { _ in .failure(.notPermitted) }], saying: "EPERM")
        ]
      ) { device in
        try device.hotReset()
        return "reset"
      },
      .device(
        "VFIODevice.read(region:)", [.read(.pread, [1, 2, 3, 4])], expected: "67305985",
        lies: [
          .fails("short read", [.read(.pread, [1, 2])], saying: "EIO"),
          .fails("read of more than asked", [.moved(.pread, 4096)], saying: "EIO"),
          .fails("read of nothing", [.moved(.pread, 0)], saying: "EIO"),
        ]
      ) { device in
        "\(try device.read(UInt32.self, region: region, at: 0))"
      },
      .device(
        "VFIODevice.write(region:)", [.write(.pwrite)], expected: "written",
        lies: [
          .fails("short write", [.moved(.pwrite, 1)], saying: "EIO"),
          .fails("write of more than asked", [.moved(.pwrite, 1 << 20)], saying: "EIO"),
        ]
      ) { device in
        try device.write(UInt32(7), region: region, at: 4092)
        return "written"
      },
      .device(
        "VFIODevice.map(region:)", [.pass(.mmap)], expected: "4096"
      ) { device in
        let mapping = try device.map(region: region)
        return "\(mapping.size)"
      },
      .device(
        "VFIODevice.map(region:) of a region the kernel reports 2^64-1 bytes long", [], expected: "refused",
        lies: []
      ) { device in
        let huge = RegionInfo(rawValue: vfio_region_info(argsz: 32, flags: 7, index: 0, cap_offset: 0, size: .max, offset: 0))
        do { _ = try device.map(region: huge) } catch let error as VFIOError where error.errno == nil { return "refused" }
        return "mapped"
      },
      .device("VFIODevice.setIOEventFD", [.ioctl(K.device(.ioeventfd))], expected: "set") { device in
        try device.setIOEventFD(try VFIOEventFD(), region: region, at: 0, width: .size32, data: 1)
        return "set"
      },
      .device("VFIODevice.clearIOEventFD", [.ioctl(K.device(.ioeventfd))], expected: "cleared") { device in
        try device.clearIOEventFD(region: region, at: 0, width: .size32, data: 1)
        return "cleared"
      },
      .device("VFIODevice.probeFeature", [K.feature()], expected: "supported") { device in
        try device.probeFeature(.migration)
        return "supported"
      },
      .device("VFIODevice.getFeature", [K.feature([9, 8, 7, 6, 5, 4, 3, 2])], expected: "[9, 8, 7, 6, 5, 4, 3, 2]") { device in
        var payload = [UInt8](repeating: 0, count: 8)
        try device.getFeature(.migration, payload: &payload)
        return "\(payload)"
      },
      .device("VFIODevice.setFeature", [K.feature()], expected: "0") { device in
        "\(try device.setFeature(.migrationPrecopyInfoV2, payload: []))"
      },
      .device("VFIODevice.setVFToken", [K.feature()], expected: "set") { device in
        try device.setVFToken(VFToken(bytes: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)))
        return "set"
      },
      .device("VFIODevice.enablePrecopyInfoV2", [K.feature()], expected: "enabled") { device in
        try device.enablePrecopyInfoV2()
        return "enabled"
      },
    ]
  }
}
