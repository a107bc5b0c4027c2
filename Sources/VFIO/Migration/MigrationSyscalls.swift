import Glibc

// The raw calls on migration descriptors: the v1 region is read and written at
// offsets of the device fd, the v2 data fd is a stream. Typed wrappers build on
// these (swift-system's own wrappers throw untyped errors).

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
