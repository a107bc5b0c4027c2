import SystemPackage

/// Positional I/O on the file that holds a v1 migration region.
///
/// In production this is the device's `FileDescriptor` (the region sits at the
/// offset `VFIO_DEVICE_GET_REGION_INFO` reports); tests supply an in-memory
/// device. Offsets are absolute within that file.
public protocol MigrationRegionIO {
  /// Reads up to `buffer.count` bytes at `offset`; returns how many were read.
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int
  /// Writes up to `buffer.count` bytes at `offset`; returns how many were written.
  func write(_ buffer: UnsafeRawBufferPointer, at offset: Int64) throws(Errno) -> Int
}

extension FileDescriptor: MigrationRegionIO {
  /// `pread(2)`, retried on EINTR.
  @inlinable
  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
    try valueOrErrno(retryOnInterrupt: true) {
      system_pread(rawValue, buffer.baseAddress, buffer.count, offset)
    }.get()
  }

  /// `pwrite(2)`, retried on EINTR.
  @inlinable
  public func write(_ buffer: UnsafeRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
    try valueOrErrno(retryOnInterrupt: true) {
      system_pwrite(rawValue, buffer.baseAddress, buffer.count, offset)
    }.get()
  }
}
