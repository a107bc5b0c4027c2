#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CVFIO
import SystemPackage

// Every system call the package makes, and the only place that calls them.
// swift-system's FileDescriptor covers open/close/read/write with untyped
// throws; the typed-throws paths (ioctl, the migration region and data fd, the
// device layer's mappings and eventfds) come through here.

// MARK: ioctl

@inlinable
internal func system_ioctl(
  _ fd: CInt, _ request: UInt, _ argument: UnsafeMutableRawPointer?
) -> CInt {
  #if DEBUG
  if let mock = IoctlMock.handler { return mock(fd, request, UInt(bitPattern: argument)) }
  #endif
  return cvfio_ioctl(fd, request, argument)
}

@inlinable
internal func system_ioctl(_ fd: CInt, _ request: UInt, value: UInt) -> CInt {
  #if DEBUG
  if let mock = IoctlMock.handler { return mock(fd, request, value) }
  #endif
  return cvfio_ioctl_value(fd, request, value)
}

// MARK: positional and stream I/O on migration descriptors

@usableFromInline
internal func system_pread(
  _ fd: CInt, _ buffer: UnsafeMutableRawPointer?, _ count: Int, _ offset: Int64
) -> Int {
  pread(fd, buffer, count, off_t(offset))
}

@usableFromInline
internal func system_pwrite(
  _ fd: CInt, _ buffer: UnsafeRawPointer?, _ count: Int, _ offset: Int64
) -> Int {
  pwrite(fd, buffer, count, off_t(offset))
}

@usableFromInline
internal func system_read(_ fd: CInt, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, buffer, count)
}

@usableFromInline
internal func system_write(_ fd: CInt, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, buffer, count)
}

@usableFromInline
internal func system_close(_ fd: CInt) -> CInt {
  close(fd)
}

// MARK: the device layer

/// What the symbolic link at `path` holds, as bytes: a name that is not UTF-8 stays intact.
internal func system_readlink(_ path: FilePath) -> Result<[UInt8], Errno> {
  var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
  let count = path.withPlatformString { readlink($0, &buffer, buffer.count - 1) }
  guard count >= 0 else { return .failure(Errno(rawValue: errno)) }
  return .success(buffer[..<count].map { UInt8(bitPattern: $0) })
}

/// The path `path` names once every symbolic link in it is followed (realpath(3)).
internal func system_realpath(_ path: FilePath) -> Result<FilePath, Errno> {
  let resolved: UnsafeMutablePointer<CChar>? = path.withPlatformString { realpath($0, nil) }
  guard let resolved else { return .failure(Errno(rawValue: errno)) }
  defer { free(resolved) }
  return .success(FilePath(platformString: resolved))
}

/// The entries of `directory` but `.` and `..`, as bytes.
internal func system_listDirectory(_ directory: FilePath) -> Result<[FilePath.Component], Errno> {
  guard let handle = directory.withPlatformString({ opendir($0) }) else { return .failure(Errno(rawValue: errno)) }
  defer { closedir(handle) }
  var names: [FilePath.Component] = []
  while let entry = readdir(handle) {
    let component = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
      FilePath.Component(platformString: bytes.prefix { $0 != 0 }.map { CChar(bitPattern: $0) } + [0])
    }
    if let component, component.kind == .regular { names.append(component) }
  }
  return .success(names)
}

/// Whether `fd` is an open descriptor (fcntl F_GETFD).
internal func system_isOpen(_ fd: CInt) -> Bool { fcntl(fd, F_GETFD) != -1 }

internal func system_access(_ path: String) -> Bool { access(path, F_OK) == 0 }

internal func system_mmap(
  length: Int, writable: Bool, fileDescriptor: CInt?, offset: Int64, hugePageShift: Int32? = nil
) -> Result<UnsafeMutableRawPointer, Errno> {
  let protection = PROT_READ | (writable ? PROT_WRITE : 0)
  var flags = fileDescriptor == nil ? MAP_PRIVATE | MAP_ANONYMOUS : MAP_SHARED
  if let hugePageShift { flags |= MAP_HUGETLB | (hugePageShift << MAP_HUGE_SHIFT) }
  guard let address = mmap(nil, length, protection, flags, fileDescriptor ?? -1, off_t(offset)),
    address != MAP_FAILED
  else { return .failure(Errno(rawValue: errno)) }
  return .success(address)
}

/// memfd_create(2), close-on-exec, with huge pages of `1 << hugePageShift` bytes when given.
internal func system_memfdCreate(_ name: String, hugePageShift: Int32?) -> Result<CInt, Errno> {
  var flags = UInt32(MFD_CLOEXEC)
  if let hugePageShift {
    let size = UInt32(hugePageShift) << UInt32(MFD_HUGE_SHIFT)
    flags |= UInt32(MFD_HUGETLB) | size
  }
  return valueOrErrno(retryOnInterrupt: false) { cvfio_memfd_create(name, flags) }
}

internal func system_ftruncate(_ fd: CInt, _ length: Int64) -> Errno? {
  switch valueOrErrno(retryOnInterrupt: true, { ftruncate(fd, off_t(length)) }) {
  case .success: nil
  case .failure(let errno): errno
  }
}

internal func system_munmap(_ address: UnsafeMutableRawPointer, _ length: Int) -> Errno? {
  munmap(address, length) == 0 ? nil : Errno(rawValue: errno)
}

internal func system_pageSize() -> Int { Int(sysconf(Int32(_SC_PAGESIZE))) }

/// A second descriptor of the same open file, close-on-exec: what a DMA mapping keeps so that
/// it can unmap after its container or iommufd value is gone.
internal func system_dupCloseOnExec(_ fd: CInt) -> Result<CInt, Errno> {
  let copy = fcntl(fd, F_DUPFD_CLOEXEC, 0)
  return copy >= 0 ? .success(copy) : .failure(Errno(rawValue: errno))
}

internal func system_eventfd(nonBlocking: Bool) -> Result<CInt, Errno> {
  let fd = eventfd(0, Int32(EFD_CLOEXEC) | (nonBlocking ? Int32(EFD_NONBLOCK) : 0))
  return fd >= 0 ? .success(fd) : .failure(Errno(rawValue: errno))
}

/// poll(2) for readability: true when `fd` became readable within `milliseconds`.
internal func system_pollReadable(_ fd: CInt, milliseconds: Int32) -> Result<Bool, Errno> {
  var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
  return valueOrErrno(retryOnInterrupt: true) { poll(&entry, 1, milliseconds) }.map { result in
    result > 0 && entry.revents & Int16(POLLIN) != 0
  }
}

#if DEBUG
/// Lets debug-build tests stand in for the kernel — to deliver EINTR, say —
/// within one task, without touching other tests' calls. Release builds have
/// no trace of it.
@usableFromInline
internal enum IoctlMock {
  /// Receives (fd, request, argument) and returns what ioctl(2) would, setting errno itself.
  @TaskLocal
  @usableFromInline
  static var handler: (@Sendable (CInt, UInt, UInt) -> CInt)?
}
#endif

/// The machine's physical memory in bytes (`_SC_PHYS_PAGES` × `_SC_PAGESIZE`); nil when unknown.
internal func system_physicalMemoryBytes() -> UInt64? {
  let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
  guard pages > 0, pageSize > 0 else { return nil }
  let (bytes, overflow) = UInt64(pages).multipliedReportingOverflow(by: UInt64(pageSize))
  return overflow ? .max : bytes
}
