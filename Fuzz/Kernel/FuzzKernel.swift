// The fake kernel driven by fuzzer bytes (built into the FakeKernel module for the fuzz targets): every call on a fake file takes its answer
// from the input — an errno, a lying return value, or bytes written into the argument
// (and through the pointers an argument carries, within the room the caller gave).
import CVFIO
import SystemPackage
import VFIO

#if canImport(Glibc)
import Glibc
#endif

/// The input being played, read front to back; once it is used up every call fails with EIO.
public final class FuzzInput: @unchecked Sendable {
  var bytes: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
  var position = 0

  public var exhausted: Bool { position >= bytes.count }

  public func byte() -> UInt8 {
    guard position < bytes.count else { return 0 }
    defer { position += 1 }
    return bytes[position]
  }

  public func take(_ count: Int) -> [UInt8] {
    let end = min(bytes.count, position + count)
    defer { position = end }
    return position < end ? Array(bytes[position..<end]) : []
  }

  public func u32() -> UInt32 { take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) } }
  public func u64() -> UInt64 { take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) } }
}

public enum FuzzKernel {
  public static let input = FuzzInput()
  static let errnos: [Errno] = [
    .interrupted, .resourceTemporarilyUnavailable, .ioError, .noSpace, .messageTooLong, .invalidArgument,
    .inappropriateIOCTLForDevice, .badFileDescriptor,
  ]
  /// The files the fuzzer plays: a device (with its v1 migration region), a container,
  /// an iommufd, and the data fd a migration session opens.
  public static let device = FakeFile(size: 1 << 16)
  public static let container = FakeFile()
  public static let iommufd = FakeFile()
  public static let data = FakeFile()

  static let answer = Step(nil) { call in respond(call) }

  /// Starts an input: every fake file answers from `bytes`.
  public static func begin(_ bytes: UnsafeRawBufferPointer) {
    input.bytes = bytes
    input.position = 0
    // A generous budget: a call the package loops on ends with EIO once the input is used up.
    for file in [device, container, iommufd, data] { file.reset(then: answer, budget: 1 << 20) }
  }

  static func respond(_ call: FakeCall) -> Reply {
    guard !input.exhausted else { return .failure(.ioError) }
    let selector = input.byte()
    // mmap's address is the kernel's memory manager's, not the driver's: it fails or maps.
    if call.kind == .mmap {
      return selector & 7 == 0 || call.count > 1 << 20 ? .failure(.noMemory) : .passThrough
    }
    switch selector & 7 {
    case 0: return .failure(errnos[Int(input.byte()) % errnos.count])
    case 1: return .result(Int(Int32(bitPattern: input.u32())))
    default: break
    }
    switch call.kind {
    case .ioctl:
      // What the caller asked is read before the answer overwrites the argument.
      let pointed = pointerRoom(call)
      let opensSession = setsMigrationState(call)
      call.fill(input.take(Int(input.byte()) * 2))
      if let (address, room) = pointed { FakeCall.fill(input.take(room), atAddress: address, limit: room) }
      if opensSession { handOutDataFD(call) }
      return .result(0)
    case .pread, .read:
      return .result(call.fill(input.take(min(call.count, Int(input.byte()) * 4))))
    case .pwrite, .write:
      return .result(selector & 8 == 0 ? call.count : min(call.count, Int(input.byte())))
    case .mmap:
      return .passThrough
    }
  }

  /// The memory an argument points at and how much room the caller gave there, read
  /// before the answer overwrites the argument: IOVA ranges and dirty bitmaps.
  static func pointerRoom(_ call: FakeCall) -> (UInt64, Int)? {
    switch call.request {
    case IOMMUFDIoctl.ioasIOVARanges.requestNumber:
      guard let address = call.load(UInt64.self, at: 16), let room = call.load(UInt32.self, at: 8) else { return nil }
      return (address, Int(room) * MemoryLayout<iommu_iova_range>.stride)
    case ContainerIoctl.iommuDirtyPages.requestNumber, ContainerIoctl.iommuUnmapDMA.requestNumber:
      let at = call.request == ContainerIoctl.iommuDirtyPages.requestNumber ? ArgumentOffsets.type1Bitmap : ArgumentOffsets.unmapBitmap
      guard let address = call.load(UInt64.self, at: at), let size = call.load(UInt64.self, at: at - 8) else { return nil }
      return (address, Int(clamping: size))
    case DeviceIoctl.feature.requestNumber:
      guard let flags = call.load(UInt32.self, at: 4),
        flags & DeviceFeatureFlags.featureMask.rawValue == DeviceFeature.dmaLoggingReport.rawValue,
        let address = call.load(UInt64.self, at: ArgumentOffsets.reportBitmap)
      else { return nil }
      // The harness's bitmaps are one word.
      return (address, 8)
    default: return nil
    }
  }

  static func setsMigrationState(_ call: FakeCall) -> Bool {
    guard call.request == DeviceIoctl.feature.requestNumber, let flags = call.load(UInt32.self, at: 4) else { return false }
    return flags & DeviceFeatureFlags.set.rawValue != 0
      && flags & DeviceFeatureFlags.featureMask.rawValue == DeviceFeature.migrationDeviceState.rawValue
  }

  /// A kernel hands out real descriptors: after a `MIG_DEVICE_STATE` SET the data fd is
  /// either none or a new descriptor of the fake data file, never a number the fuzzer made
  /// up (the package would own, and close, whatever file that number named).
  static func handOutDataFD(_ call: FakeCall) {
    guard let buffer = call.buffer else { return }
    let fd: Int32 = input.byte() & 1 == 0 ? -1 : dup(data.keeper)
    buffer.storeBytes(of: fd, toByteOffset: ArgumentOffsets.featurePayload + 4, as: Int32.self)
  }
}

