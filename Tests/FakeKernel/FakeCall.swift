import CFakeKernel
import SystemPackage

/// One call the fake kernel intercepted on a registered file.
public struct FakeCall {
  public enum Kind: Int32, Sendable {
    case ioctl = 1, pread, pwrite, read, write, mmap
  }

  public let kind: Kind
  /// The ioctl request number (0 for the other calls).
  public let request: UInt
  /// The ioctl argument, or the read/write buffer.
  public let buffer: UnsafeMutableRawPointer?
  /// The read/write byte count or mmap length.
  public let count: Int
  /// The file offset of pread, pwrite and mmap.
  public let offset: Int64

  init(_ raw: fake_kernel_call) {
    kind = Kind(rawValue: raw.kind) ?? .ioctl
    request = raw.request
    buffer = raw.buffer
    count = raw.count
    offset = raw.offset
  }

  /// The bytes the caller lent: `count` for read/write, the argument's `argsz` (its first
  /// `UInt32`, as every VFIO and iommufd argument has) for an ioctl. A kernel never writes
  /// past them, and neither does the fake.
  public var capacity: Int {
    switch kind {
    case .ioctl: buffer.map { Int($0.loadUnaligned(as: UInt32.self)) } ?? 0
    default: count
    }
  }

  /// A field of the argument or buffer as the caller left it.
  public func load<T: BitwiseCopyable>(_: T.Type = T.self, at offset: Int = 0) -> T? {
    guard let buffer, offset >= 0, offset + MemoryLayout<T>.size <= Swift.max(capacity, MemoryLayout<UInt32>.size)
    else { return nil }
    return buffer.loadUnaligned(fromByteOffset: offset, as: T.self)
  }

  /// Writes `bytes` at `offset`, cut to what the caller lent; returns the bytes written.
  @discardableResult
  public func fill(_ bytes: [UInt8], at offset: Int = 0) -> Int {
    guard !bytes.isEmpty, let buffer, offset >= 0, offset < capacity else { return 0 }
    let count = Swift.min(bytes.count, capacity - offset)
    bytes.withUnsafeBytes { (buffer + offset).copyMemory(from: $0.baseAddress!, byteCount: count) }
    return count
  }

  /// Writes `value`'s bytes at `offset`, cut to what the caller lent.
  @discardableResult
  public func fill<T: BitwiseCopyable>(_ value: T, at offset: Int = 0) -> Int {
    fill(FakeBytes.of(value), at: offset)
  }

  /// Writes `bytes` to the caller's memory at `address` (a pointer inside an argument,
  /// e.g. a bitmap or range array), at most `limit` bytes.
  public static func fill(_ bytes: [UInt8], atAddress address: UInt64, limit: Int) {
    guard address != 0, let pointer = UnsafeMutableRawPointer(bitPattern: UInt(address)) else { return }
    let count = Swift.min(bytes.count, Swift.max(limit, 0))
    bytes.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: count) }
  }
}

/// What the fake kernel answers.
public enum Reply: Sendable, Equatable {
  /// The call returns this value.
  case result(Int)
  /// The call fails with this errno.
  case failure(Errno)
  /// The real call is made (e.g. a read of the memfd behind the fake).
  case passThrough
}

/// Building the bytes a lying kernel writes.
public enum FakeBytes {
  public static func of<T: BitwiseCopyable>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value) { Array($0) }
  }

  /// A value built from zeroed memory and changed by `body` (C structs with unions).
  public static func of<T: BitwiseCopyable>(_: T.Type, _ body: (inout T) -> Void) -> [UInt8] {
    var value = withUnsafeTemporaryAllocation(of: T.self, capacity: 1) { buffer -> T in
      UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, repeating: 0)
      return buffer[0]
    }
    body(&value)
    return of(value)
  }
}
