import FakeKernel
import Foundation
import SystemPackage
import Testing
import VFIO

/// The kinds of guest memory, on the running kernel's own memfd, hugetlb and file mappings.
@Suite("Guest memory kinds")
struct GuestMemoryKindsTests {
  static let page = UInt64(sysconf(Int32(_SC_PAGESIZE)))

  static func link(_ fd: CInt) throws -> String {
    try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")
  }

  @Test("a memfd is shared: bytes written through the mapping are the file's, and the fd names the memfd")
  func memfd() throws {
    var memory = try GuestMemory(memfdNamed: "guest-ram", size: Self.page + 1)
    #expect(memory.size == 2 * Self.page)
    #expect(memory.pageSize == Self.page)
    let descriptor = memory.fileDescriptor
    let fd = try #require(descriptor)
    #expect(try Self.link(fd.rawValue) == "/memfd:guest-ram (deleted)")
    var bytes = memory.mutableBytes
    bytes.storeBytes(of: 0xA5, toByteOffset: Int(Self.page) + 5, as: UInt8.self)
    var byte: UInt8 = 0
    _ = try withUnsafeMutableBytes(of: &byte) { try fd.read(fromAbsoluteOffset: Int64(Self.page) + 5, into: $0) }
    #expect(byte == 0xA5)
    #expect(fcntl(fd.rawValue, F_GETFD) & FD_CLOEXEC != 0)
  }

  @Test("memory dropped closes its memfd")
  func memfdClosed() throws {
    var fd: CInt = -1
    var file: FileIdentity?
    do {
      let memory = try GuestMemory(memfdNamed: "closed", size: 4096)
      let descriptor = memory.fileDescriptor
      fd = try #require(descriptor).rawValue
      file = FileIdentity(fd)
    }
    #expect(file != nil)
    // Closed, or already handed to a test running beside this one: either way no longer this memfd.
    #expect(FileIdentity(fd) != file)
  }

  @Test("a caller's file maps at its offset through the package's own duplicate")
  func callerFile() throws {
    let path = FilePath(NSTemporaryDirectory() + "guest-memory-\(UUID().uuidString)")
    let file = try FileDescriptor.open(path, .readWrite, options: [.create, .truncate], permissions: [.ownerReadWrite])
    defer { _ = try? FileManager.default.removeItem(atPath: path.string) }
    let pattern = (0..<Int(Self.page)).map { UInt8(truncatingIfNeeded: $0 * 7) }
    _ = try file.writeAll(toAbsoluteOffset: Int64(Self.page), pattern)
    let memory = try GuestMemory(file: file, offset: Self.page, size: Self.page)
    try file.close()
    #expect(memory.bytes.withUnsafeBytes { Array($0) } == pattern)
    #expect(memory.fileOffset == Self.page)
    let descriptor = memory.fileDescriptor
    let own = try #require(descriptor)
    #expect(try Self.link(own.rawValue) == path.string)
  }

  @Test("a file offset that is not page-aligned is refused before mmap")
  func misalignedOffset() throws {
    let file = try FileDescriptor.open("/dev/zero", .readWrite)
    defer { try? file.close() }
    let error = try #require(throws: VFIOError.self) { _ = try GuestMemory(file: file, offset: 100, size: 4096) }
    #expect(error.reason == .dma(.misaligned(value: 100, alignment: Self.page)))
  }

  @Test("0 bytes of memory is an empty range, whatever the kind")
  func empty() throws {
    let anonymous = try #require(throws: VFIOError.self) { _ = try GuestMemory(size: 0) }
    #expect(anonymous.reason == .dma(.emptyRange))
    #expect(anonymous.description == "mmap on 0 anonymous bytes: an empty range (0 bytes)")
    let memfd = try #require(throws: VFIOError.self) { _ = try GuestMemory(memfdNamed: "empty", size: 0) }
    #expect(memfd.reason == .dma(.emptyRange))
  }

  /// The free huge pages of `size` this kernel has, from sysfs (nil when it has no pool of that size).
  static func freeHugePages(_ size: HugePageSize) -> Int? {
    let path = "/sys/kernel/mm/hugepages/hugepages-\(size.bytes >> 10)kB/free_hugepages"
    return (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
  }

  @Test("huge pages: memory in 2 MiB pages when the pool has one, ENOMEM when it is empty", arguments: [false, true])
  func hugePages(memfd: Bool) throws {
    let size = HugePageSize.size2MiB
    let make = { () throws(VFIOError) -> GuestMemory in
      memfd ? try GuestMemory(memfdNamed: "huge", size: 4096, hugePages: size) : try GuestMemory(size: 4096, hugePages: size)
    }
    guard let free = Self.freeHugePages(size), free > 0 else {
      let error = try #require(throws: VFIOError.self) { _ = try make() }
      #expect(error.errno == .noMemory || error.errno == .noSuchFileOrDirectory || error.errno == .invalidArgument)
      return
    }
    let memory = try make()
    #expect(memory.size == size.bytes)
    #expect(memory.pageSize == size.bytes)
  }

  @Test("huge page sizes are powers of two between 64 KiB and 16 GiB")
  func hugePageSizes() {
    #expect(HugePageSize(bytes: 1 << 21) == .size2MiB)
    #expect(HugePageSize.size1GiB.bytes == 1 << 30)
    #expect(HugePageSize(bytes: 3 << 20) == nil)
    #expect(HugePageSize(bytes: 4096) == nil)
    #expect(HugePageSize(bytes: 1 << 35) == nil)
    #expect(HugePageSize.size2MiB.description == "2 MiB")
  }
}
