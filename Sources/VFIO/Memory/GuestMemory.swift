import SystemPackage

/// Memory the package maps for a VMM to lend devices: guest RAM, DMA buffers — anonymous,
/// a memfd (to share with KVM memslots, vhost-user or a new VMM process on live update),
/// huge pages of either, or a caller's file at an offset. Unmapped (and its file closed)
/// when it goes out of scope.
///
/// Handing it to ``DMAAddressSpace/map(_:iova:access:granularity:)`` moves it into the
/// ``DMAMapping``, so memory a device can reach cannot be freed while the IOMMU still maps it.
///
/// It is `Sendable`: the owner may move to another thread. Its bytes are plain memory
/// shared with devices; who writes them when is the caller's protocol with the device.
public struct GuestMemory: ~Copyable, OwnedMemory, @unchecked Sendable {
  internal let parts: MemoryParts

  /// The first byte: page-aligned.
  public var baseAddress: UnsafeMutableRawPointer { parts.address }
  /// The length in bytes, a whole number of ``pageSize`` pages.
  public var size: UInt64 { parts.size }
  /// The page size backing the memory: the system's, or the huge page size.
  public var pageSize: UInt64 { parts.pageSize }
  /// The file the memory maps — the memfd, or the package's duplicate of the caller's file — or
  /// nil for anonymous memory. Valid while this value (or the mapping it moved into) lives;
  /// pass it on (a memslot's `guest_memfd`, vhost-user's `SET_MEM_TABLE`), never close it.
  public var fileDescriptor: FileDescriptor? { parts.file < 0 ? nil : FileDescriptor(rawValue: parts.file) }
  /// Where ``baseAddress`` lies in ``fileDescriptor``'s file (0 without one).
  public var fileOffset: UInt64 { parts.fileOffset }

  /// Zeroed, private, read-write anonymous memory of `size` bytes rounded up to whole pages —
  /// of `hugePages` when given (`MAP_HUGETLB`).
  public init(size: UInt64, hugePages: HugePageSize? = nil) throws(VFIOError) {
    let target = "\(size) anonymous bytes" + (hugePages.map { " in \($0) pages" } ?? "")
    let (length, page) = try MemoryParts.length(size, hugePages: hugePages, target: target)
    switch system_mmap(length: length, writable: true, fileDescriptor: nil, offset: 0, hugePageShift: hugePages.map { Int32($0.shift) }) {
    case .success(let address): parts = MemoryParts(address: address, size: UInt64(length), pageSize: page)
    case .failure(let errno): throw VFIOError(operation: "mmap", target: target, errno: errno)
    }
  }

  /// A new memfd named `name` (`memfd_create`, `MFD_CLOEXEC`, and `MFD_HUGETLB` with
  /// `hugePages`) of `size` bytes rounded up to whole pages, mapped shared and read-write.
  public init(memfdNamed name: String, size: UInt64, hugePages: HugePageSize? = nil) throws(VFIOError) {
    let target = "memfd \(name) of \(size) bytes" + (hugePages.map { " in \($0) pages" } ?? "")
    let (length, page) = try MemoryParts.length(size, hugePages: hugePages, target: target)
    let fd: CInt
    switch system_memfdCreate(name, hugePageShift: hugePages.map { Int32($0.shift) }) {
    case .success(let created): fd = created
    case .failure(let errno): throw VFIOError(operation: "memfd_create", target: target, errno: errno)
    }
    if let errno = system_ftruncate(fd, Int64(length)) {
      _ = system_close(fd)
      throw VFIOError(operation: "ftruncate", target: target, errno: errno)
    }
    parts = try MemoryParts.mapShared(fd, length: length, offset: 0, pageSize: page, target: target)
  }

  /// `size` bytes of the caller's `file` from `offset`, mapped shared and read-write: the
  /// package keeps a duplicate of the descriptor, so the caller may close its own.
  ///
  /// `offset` must be a multiple of the page size; the file must already be large enough
  /// (a device reaching past its end would fault).
  public init(file: FileDescriptor, offset: UInt64, size: UInt64) throws(VFIOError) {
    let target = "\(size) bytes at offset \(offset) of descriptor \(file.rawValue)"
    let (length, page) = try MemoryParts.length(size, hugePages: nil, target: target)
    guard offset % page == 0, let position = Int64(exactly: offset) else {
      throw VFIOError(operation: "mmap", target: target, reason: .dma(.misaligned(value: offset, alignment: page)))
    }
    let fd: CInt
    switch system_dupCloseOnExec(file.rawValue) {
    case .success(let copy): fd = copy
    case .failure(let errno): throw VFIOError(operation: "mmap (F_DUPFD_CLOEXEC)", target: target, errno: errno)
    }
    parts = try MemoryParts.mapShared(fd, length: length, offset: position, pageSize: page, target: target)
  }

  internal init(unsafeAdopting parts: MemoryParts) { self.parts = parts }

  deinit { parts.free() }

  /// The memory's bytes as a raw buffer, unchecked: nothing stops its use after this value is gone
  /// (``OwnedMemory/unsafeBytes`` says when to use it).
  public var unsafeBytes: UnsafeMutableRawBufferPointer {
    UnsafeMutableRawBufferPointer(start: parts.address, count: Int(parts.size))
  }

  /// Gives up ownership without unmapping: the caller now owns the pages and the file.
  internal consuming func release() -> MemoryParts {
    let parts = self.parts
    discard self
    return parts
  }
}

/// What a ``GuestMemory`` owns, as plain values: whoever holds them frees them once.
internal struct MemoryParts: Sendable {
  nonisolated(unsafe) let address: UnsafeMutableRawPointer
  let size: UInt64
  let pageSize: UInt64
  var fileOffset: UInt64 = 0
  var file: CInt = -1

  func free() {
    _ = system_munmap(address, Int(size))
    if file >= 0 { _ = system_close(file) }
  }

  /// `size` rounded up to whole pages (of `hugePages`, or the system's), and that page size.
  static func length(_ size: UInt64, hugePages: HugePageSize?, target: String) throws(VFIOError) -> (Int, UInt64) {
    let page = hugePages?.bytes ?? UInt64(system_pageSize())
    guard size > 0 else { throw VFIOError(operation: "mmap", target: target, reason: .dma(.emptyRange)) }
    let (rounded, overflow) = size.addingReportingOverflow(page - 1)
    guard !overflow, let length = Int(exactly: rounded / page * page) else {
      throw VFIOError(operation: "mmap", target: target, reason: .outOfRange(offset: 0, count: size, limit: UInt64(Int.max)))
    }
    return (length, page)
  }

  /// Maps `length` bytes of `fd` at `offset` shared; owns `fd` from here on (closes it on failure).
  static func mapShared(
    _ fd: CInt, length: Int, offset: Int64, pageSize: UInt64, target: String
  ) throws(VFIOError) -> MemoryParts {
    switch system_mmap(length: length, writable: true, fileDescriptor: fd, offset: offset) {
    case .success(let address):
      return MemoryParts(address: address, size: UInt64(length), pageSize: pageSize, fileOffset: UInt64(offset), file: fd)
    case .failure(let errno):
      _ = system_close(fd)
      throw VFIOError(operation: "mmap", target: target, errno: errno)
    }
  }
}
