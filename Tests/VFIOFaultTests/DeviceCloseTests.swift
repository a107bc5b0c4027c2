import FakeKernel
import Glibc
import SystemPackage
import Testing
import VFIO

/// `VFIODevice.close()` with mappings of its regions alive: the device's file stays open (so the
/// kernel does not release the device) until the last mapping ends, as its documentation says. A
/// VMM's vCPU threads may keep a BAR past the device's owner; that is not a misuse (issue 24).
@Suite("A device's file outlives close() while its regions are mapped")
struct DeviceCloseTests {
  /// The descriptors (other than the fake's own) and the mappings of this process that reach `file`.
  static func references(to file: FakeFile) -> (descriptors: Int, mappings: Int) {
    var fake = stat()
    guard fstat(file.keeper, &fake) == 0 else { return (-1, -1) }
    var descriptors = 0
    for fd in CInt(0)..<4096 where fd != file.keeper {
      var other = stat()
      if fstat(fd, &other) == 0, other.st_dev == fake.st_dev, other.st_ino == fake.st_ino { descriptors += 1 }
    }
    // /proc/self/maps: "start-end perms offset dev inode path"; a memfd's path is "/memfd:… (deleted)".
    let maps = (try? String(contentsOfProcFile: "/proc/self/maps")) ?? ""
    let mappings = maps.split(separator: "\n").filter { line in
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      return fields.count >= 6 && fields[4] == "\(fake.st_ino)" && fields[5].hasPrefix("/memfd:")
    }.count
    return (descriptors, mappings)
  }

  @Test("a whole-region mapping keeps its own descriptor: usable after close(), the file released at unmap()")
  func regionMapping() throws {
    let fake = FakeFile(size: 0x10000, script: PCIScenarios.sparseRegion(PCIScenarios.twoAreas), then: .pass())
    let device = VFIODevice(unsafeAdopting: fake.descriptor(), name: "fake")
    let bar = try device.map(region: device.regionInfo(.pciBAR0))
    #expect(Self.references(to: fake) == (2, 2))
    try device.close()
    #expect(Self.references(to: fake) == (1, 2))
    try bar.store(UInt32(0xfeed), at: 0x1000)
    #expect(try bar.load(UInt32.self, at: 0x1000) == 0xfeed)
    try bar.store(UInt32(0xbeef), at: 0x2000)
    #expect(try bar.load(UInt32.self, at: 0x2000) == 0xbeef)
    try bar.unmap()
    #expect(Self.references(to: fake) == (0, 0))
    #expect(fake.mismatches.isEmpty)
  }

  @Test("an area mapping (VFIOMapping) is an mmap of the device file: the file stays mapped until it ends")
  func areaMapping() throws {
    let fake = FakeFile(
      size: 0x4000, script: [.ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 0, size: 0x4000, flags: 7))],
      then: .pass())
    let device = VFIODevice(unsafeAdopting: fake.descriptor(), name: "fake")
    let registers = try device.map(region: device.regionInfo(.pciBAR0).info, offset: 0, size: 0x1000)
    #expect(Self.references(to: fake) == (1, 1))
    try device.close()
    #expect(Self.references(to: fake) == (0, 1))
    try registers.store(UInt32(0xfeed), at: 4)
    #expect(try registers.load(UInt32.self, at: 4) == 0xfeed)
    try registers.unmap()
    #expect(Self.references(to: fake) == (0, 0))
  }
}

extension String {
  /// A /proc file, read to its end (its size is 0 to stat, so it cannot be read by size).
  init(contentsOfProcFile path: String) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Errno(rawValue: errno) }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      bytes += chunk[..<count]
    }
    self = String(decoding: bytes, as: UTF8.self)
  }
}
