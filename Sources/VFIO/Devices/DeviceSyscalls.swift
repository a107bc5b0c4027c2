#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CVFIO
import SystemPackage

// The system calls the device layer makes besides ioctl and what
// FileDescriptor offers: the only place that touches them.

internal func readLink(_ path: String) throws(Errno) -> String {
  var buffer = [CChar](repeating: 0, count: 4096)
  let count = readlink(path, &buffer, buffer.count - 1)
  guard count >= 0 else { throw Errno(rawValue: errno) }
  return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

internal func system_mmap(
  length: Int, writable: Bool, fileDescriptor: CInt?, offset: Int64
) -> Result<UnsafeMutableRawPointer, Errno> {
  let protection = PROT_READ | (writable ? PROT_WRITE : 0)
  let flags = fileDescriptor == nil ? MAP_PRIVATE | MAP_ANONYMOUS : MAP_SHARED
  guard let address = mmap(nil, length, protection, flags, fileDescriptor ?? -1, off_t(offset)),
    address != MAP_FAILED
  else { return .failure(Errno(rawValue: errno)) }
  return .success(address)
}

internal func system_munmap(_ address: UnsafeMutableRawPointer, _ length: Int) -> Errno? {
  munmap(address, length) == 0 ? nil : Errno(rawValue: errno)
}

internal func system_eventfd(nonBlocking: Bool) -> Result<CInt, Errno> {
  let fd = eventfd(0, Int32(EFD_CLOEXEC) | (nonBlocking ? Int32(EFD_NONBLOCK) : 0))
  return fd >= 0 ? .success(fd) : .failure(Errno(rawValue: errno))
}

/// poll(2) for readability: true when `fd` became readable within `milliseconds`.
internal func system_pollReadable(_ fd: CInt, milliseconds: Int32) -> Result<Bool, Errno> {
  var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
  while true {
    let result = poll(&entry, 1, milliseconds)
    if result >= 0 { return .success(result > 0 && entry.revents & Int16(POLLIN) != 0) }
    if errno != EINTR { return .failure(Errno(rawValue: errno)) }
  }
}
