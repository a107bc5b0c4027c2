import CVFIO
import FakeKernel
import SystemPackage
import VFIO

/// v2 migration (device feature, data fd), v1 migration region, DMA logging, dma-buf, describe.
enum MigrationScenarios {
  static let running = MigrationState.running.rawValue

  /// A device with two regions and one IRQ index, described.
  static let describeScript: [Step] = [
    .ioctl(K.device(.getInfo), fill: K.deviceInfo(regions: 2, irqs: 1)),
    .ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 0)),
    .ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 1)),
    .ioctl(K.device(.getIRQInfo), fill: K.irqInfo(index: 0, count: 1)),
  ]

  static var v2: [Scenario] {
    [
      .device("VFIODevice.migrationFlags", [K.feature(K.le(UInt64(5)))], expected: "5") { "\(try $0.migrationFlags().rawValue)" },
      .device("VFIODevice.migrationState", [K.feature(K.migrationState(running))], expected: "\(running)",
        lies: [.succeeds("an unknown state", [K.feature(K.migrationState(99))], with: "99")]
      ) { "\(try $0.migrationState().rawValue)" },
      .device("VFIODevice.setMigrationState", [K.openSession(state: MigrationState.stopCopy.rawValue)], expected: "saving",
        lies: [
          .succeeds("no data fd", [K.feature(K.migrationState(0, dataFD: -1))], with: "none"),
          .fails("standard output as the data fd", [K.openSession(state: MigrationState.stopCopy.rawValue) { 1 }], saying: "standard output"),
          .fails("data fd -2", [K.feature(K.migrationState(0, dataFD: -2))], saying: "negative"),
        ]
      ) { device in
        direction(try device.setMigrationState(.stopCopy))
      },
      .device("VFIODevice.setMigrationState(.resuming)", [K.openSession(state: MigrationState.resuming.rawValue)],
        expected: "resuming"
      ) { device in
        direction(try device.setMigrationState(.resuming))
      },
      .device("VFIODevice.stopCopyDataSize", [K.feature(K.le(UInt64(1) << 40))], expected: "\(UInt64(1) << 40)") {
        "\(try $0.stopCopyDataSize())"
      },
      .device(
        "VFIODevice.migrate(to:supported:)", [K.feature(K.migrationState(running)), K.feature()], expected: "none",
        lies: [
          .fails("the device reports an unknown state", [K.feature(K.migrationState(99))], saying: ""),
          .fails("the device reports ERROR", [K.feature(K.migrationState(MigrationState.error.rawValue))], saying: ""),
        ]
      ) { device in
        try device.migrate(to: .stop, supported: .stopCopy) == nil ? "none" : "session"
      },
      .savingFile(
        "MigrationSavingFile.read", [.read(.read, [1, 2, 3])], expected: "3",
        lies: [
          .fails("a read of more than asked", [.moved(.read, 1 << 30)], saying: "run past"),
          .fails("a read of -5000 bytes", [.moved(.read, -5000)], saying: "EIO"),
        ]
      ) { file in
        var buffer = [UInt8](repeating: 0, count: 16)
        return "\(try buffer.withUnsafeMutableBytes { try file.read(into: $0) })"
      },
      .resumingFile(
        "MigrationResumingFile.write", [.write(.write)], expected: "16",
        lies: [
          .fails("a write of more than given", [.moved(.write, 1 << 30)], saying: "run past"),
          .fails("a write of -5000 bytes", [.moved(.write, -5000)], saying: "EIO"),
        ]
      ) { file in
        let buffer = [UInt8](repeating: 7, count: 16)
        return "\(try buffer.withUnsafeBytes { try file.write($0) })"
      },
      .savingFile(
        "MigrationSavingFile.precopyInfo",
        [.ioctl(K.data(.getPrecopyInfo), fill: K.le(UInt32(24)) + K.le(UInt32(0)) + K.le(UInt64(100)) + K.le(UInt64.max))],
        expected: "100 \(UInt64.max)"
      ) { file in
        let info = try file.precopyInfo()
        return "\(info.initialBytes) \(info.dirtyBytes)"
      },
      .device(
        "VFIODevice.dmaBuf", [K.newDescriptor(K.device(.feature), .dmaBuf)], expected: "exported",
        lies: [
          .fails("standard error handed back", [K.handsBack(K.device(.feature)) { 2 }], saying: "standard error"),
          .fails("a VFIO device handed back", [K.newDescriptor(K.device(.feature), .vfioDevice)], saying: "[vfio-device]"),
        ]
      ) { device in
        _ = try device.dmaBuf(region: .pciBAR0, ranges: [RegionDMARange(offset: 0, length: 4096)])
        return "exported"
      },
      .device(
        "VFIODevice.startDMALogging", [K.feature(K.le(UInt64(8192)))], expected: "8192",
        lies: [
          .fails("page size 0 chosen", [K.feature(K.le(UInt64(0)))], saying: "pageSizeNotPowerOfTwo"),
          .fails("page size 3 chosen", [K.feature(K.le(UInt64(3)))], saying: "pageSizeNotPowerOfTwo"),
        ]
      ) { "\(try $0.startDMALogging(ranges: [DMALoggingRange(iova: 0, length: 1 << 20)], pageSize: 4096))" },
      .device("VFIODevice.stopDMALogging", [K.feature()], expected: "stopped") {
        try $0.stopDMALogging()
        return "stopped"
      },
      .device(
        "VFIODevice.reportDMALogging", [K.throughPointer(K.device(.feature), at: ArgumentOffsets.reportBitmap, limit: 8, K.le(UInt64(0b110)))],
        expected: "2",
        lies: [.succeeds("bits past the last page", [K.throughPointer(K.device(.feature), at: ArgumentOffsets.reportBitmap, limit: 8, K.le(UInt64.max))], with: "10")]
      ) { device in
        var bitmap = try DirtyBitmap(baseIOVA: 0, length: 10 * 4096, pageSize: 4096)
        try device.reportDMALogging(into: &bitmap)
        return "\(bitmap.dirtyPageCount)"
      },
      .device(
        "VFIODevice.describe",
        describeScript,
        expected: "2 1",
        lies: [
          .fails("num_regions 0xFFFFFFFF", [.ioctl(K.device(.getInfo), fill: K.deviceInfo(regions: .max, irqs: 1))], saying: "above the limit"),
          .fails("num_irqs 0xFFFFFFFF", [.ioctl(K.device(.getInfo), fill: K.deviceInfo(regions: 0, irqs: .max))], saying: "above the limit"),
          .succeeds("every region refused (EINVAL)", [.ioctl(K.device(.getInfo), fill: K.deviceInfo(regions: 1000, irqs: 0))] + Array(repeating: .fail(.invalidArgument), count: 1000), with: "0 0"),
        ]
      ) { device in
        let description = try device.describe()
        return "\(description.regions.count) \(description.irqs.count)"
      },
    ]
  }

  /// The v1 region at offset 0 of a fake device, 4 KiB: header then data from 64.
  static func region(_ fd: FileDescriptor) throws -> MigrationRegionV1<FileDescriptor> {
    try MigrationRegionV1(io: fd, offset: 0, size: 4096)
  }

  static func u64(_ value: UInt64) -> Step { .read(.pread, K.le(value)) }

  /// One chunk of `size` bytes at data offset 64, then pending_bytes `after`.
  static func chunk(_ size: UInt64, then after: UInt64) -> [Step] {
    [u64(64), u64(size), .read(.pread, [UInt8](repeating: 0xAB, count: Int(min(size, 4096)))), u64(after)]
  }

  static func v1(_ call: String, _ baseline: [Step], expected: String, lies: [Scenario.Lie] = [],
    _ body: @escaping @Sendable (MigrationRegionV1<FileDescriptor>) throws -> String) -> Scenario
  {
    Scenario(call: call, baseline: baseline, expected: expected, run: { script in
      let fake = FakeFile(size: 4096, script: script)
      let fd = fake.descriptor()
      defer { try? fd.close() }
      return (Outcome.of { try body(try region(fd)) }, [fake])
    }, lies: lies)
  }

  static var v1: [Scenario] {
    [
      v1("MigrationRegionV1.pendingBytes", [u64(100)], expected: "100",
        lies: [.fails("short read", [.read(.pread, [1, 2, 3]), .moved(.pread, 0)], saying: "stopped after")]) { "\(try $0.pendingBytes())" },
      v1("MigrationRegionV1.deviceState", [.read(.pread, K.le(UInt32(1)))], expected: "1") { "\(try $0.deviceState().rawValue)" },
      v1("MigrationRegionV1.setDeviceState", [.read(.pread, K.le(UInt32(1))), .write(.pwrite)], expected: "3",
        lies: [.fails("device in the error state", [.read(.pread, K.le(UInt32(6)))], saying: "error state")]
      ) { "\(try $0.setDeviceState(MigrationStateV1(rawValue: 3)).rawValue)" },
      v1(
        "MigrationRegionV1.saveStopAndCopy", [u64(16)] + chunk(8, then: 8) + chunk(8, then: 0), expected: "16",
        lies: [
          .fails("pending_bytes never shrinks", [u64(16)] + chunk(8, then: 16), saying: "would never end"),
          .fails("empty chunks while pending drops by one", [u64(16), u64(64), u64(0), u64(15)], saying: "empty"),
          .fails("data_size 2^64-1", [u64(16), u64(64), u64(.max)], saying: "outside"),
          .fails("data_offset inside the header", [u64(16), u64(8), u64(8)], saying: "outside"),
          .fails("data_offset past the region", [u64(16), u64(.max), u64(8)], saying: "outside"),
          .fails("pending_bytes 2^64-1 shrinking by one", [u64(.max)] + (0..<100).flatMap { chunk(8, then: .max - 1 - $0) }, saying: ""),
        ]
      ) { region in "\(try region.saveStopAndCopy { _ in })" },
      v1("MigrationRegionV1.savePreCopy", [u64(8)] + chunk(8, then: 8) + chunk(8, then: 8), expected: "8",
        lies: [.fails("data_size 2^64-1", [u64(8), u64(64), u64(.max)], saying: "outside")]
      ) { region in "\(try region.savePreCopy(maxIterations: 2) { _ in })" },
      v1("MigrationRegionV1.resume", [u64(64), .write(.pwrite), .write(.pwrite)], expected: "resumed",
        lies: [
          .fails("data_offset past the region", [u64(.max)], saying: "outside"),
          .fails("data_offset leaving no room", [u64(4090)], saying: "does not fit"),
          .fails("a write of nothing", [u64(64), .moved(.pwrite, 0)], saying: "stopped after"),
        ]
      ) { region in
        try [UInt8](repeating: 1, count: 16).withUnsafeBytes { try region.resume(chunk: $0) }
        return "resumed"
      },
    ]
  }
}

/// The direction of the data file a state change opened: the type it was handed back as.
private func direction(_ file: consuming MigrationDataFile?) -> String {
  switch consume file {
  case .some(.saving): "saving"
  case .some(.resuming): "resuming"
  case .none: "none"
  }
}
