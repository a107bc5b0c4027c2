import FakeKernel
import Testing
import VFIO

/// A region info remembers the device that read it: another device refuses it before any system
/// call, since there its offset and size would reach another region, or none (issue 24).
@Suite("Region infos of another device")
struct RegionOwnerTests {
  /// A call that takes a region info, by the name the test reports.
  struct Use: Sendable, CustomTestStringConvertible {
    let name: String
    let run: @Sendable (borrowing VFIODevice, RegionInfoResult) throws(VFIOError) -> Void
    var testDescription: String { name }
  }

  static let uses: [Use] = [
    Use(name: "read(region:at:into:)") { device, region throws(VFIOError) in
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4, alignment: 4)
      defer { buffer.deallocate() }
      try device.read(region: region.info, at: 0, into: buffer)
    },
    Use(name: "write(region:at:from:)") { device, region throws(VFIOError) in
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4, alignment: 4)
      defer { buffer.deallocate() }
      buffer.initializeMemory(as: UInt8.self, repeating: 1)
      try device.write(region: region.info, at: 0, from: UnsafeRawBufferPointer(buffer))
    },
    Use(name: "read(_:region:at:)") { device, region throws(VFIOError) in _ = try device.read(UInt32.self, region: region.info, at: 4) },
    Use(name: "write(_:region:at:)") { device, region throws(VFIOError) in try device.write(UInt32(7), region: region.info, at: 4) },
    Use(name: "map(region:offset:size:writable:)") { device, region throws(VFIOError) in
      _ = try device.map(region: region.info, offset: 0, size: 0x1000)
    },
    Use(name: "map(region:area:writable:)") { device, region throws(VFIOError) in
      _ = try device.map(region: region.info, area: SparseMmapArea(offset: 0x1000, size: 0x1000))
    },
    Use(name: "map(region:) (whole region)") { device, region throws(VFIOError) in
      let bar = try device.map(region: region)
      try bar.unmap()
    },
    Use(name: "setIOEventFD(_:region:at:width:data:)") { device, region throws(VFIOError) in
      try device.setIOEventFD(try VFIOEventFD(), region: region.info, at: 0, width: .size32, data: 1)
    },
    Use(name: "clearIOEventFD(region:at:width:data:)") { device, region throws(VFIOError) in
      try device.clearIOEventFD(region: region.info, at: 0, width: .size32, data: 1)
    },
  ]

  /// A 16 KiB device whose region 0 is readable, writable and mmap-able; every later call goes to
  /// its memfd, but for ioctls (ioeventfd), which succeed.
  static func fakeDevice() -> FakeFile {
    FakeFile(
      size: 0x4000, script: [.ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 0, size: 0x4000, flags: 7))],
      then: Step(nil) { call in call.kind == .ioctl ? .result(0) : .passThrough })
  }

  @Test("another device's region info is refused before any system call", arguments: uses)
  func refused(_ use: Use) throws {
    let (fileA, fileB) = (Self.fakeDevice(), Self.fakeDevice())
    let a = VFIODevice(unsafeAdopting: fileA.descriptor(), name: "a")
    let b = VFIODevice(unsafeAdopting: fileB.descriptor(), name: "b")
    let region = try a.regionInfo(.pciBAR0)
    let error = try #require(throws: VFIOError.self) { try use.run(b, region) }
    #expect(error.reason == .otherDevice("region 0") && error.errno == nil)
    #expect("\(error)".hasSuffix("on device b, region 0: region 0 was read from another device"), "\(error)")
    #expect(fileB.log.isEmpty, "\(fileB.log)")
  }

  @Test("its own region info, and one with no known owner, go through", arguments: uses)
  func accepted(_ use: Use) throws {
    let file = Self.fakeDevice()
    let device = VFIODevice(unsafeAdopting: file.descriptor(), name: "b")
    let region = try device.regionInfo(.pciBAR0)
    try use.run(device, region)
    let before = file.log.count
    #expect(before > 1)
    var unowned = region
    unowned.info = RegionInfo(rawValue: region.info.rawValue)
    try use.run(device, unowned)
    #expect(file.log.count > before && file.mismatches.isEmpty)
  }
}
