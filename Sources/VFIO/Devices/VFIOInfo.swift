import CVFIO

/// An info struct as the kernel filled it, with its capability chain decoded.
public struct VFIOInfo<Info: Sendable, Capability: Hashable & Sendable>: Sendable {
  /// The fixed-size struct.
  public var info: Info
  /// The capabilities, in chain order.
  public var capabilities: [Capability]
  /// The bytes the kernel filled: more than the fixed struct when it asked,
  /// through `argsz`, for room for a capability chain.
  public var argumentSize: Int
}

/// `VFIO_DEVICE_GET_INFO`'s answer: `struct vfio_device_info` and its decoded capabilities.
public typealias DeviceInfoResult = VFIOInfo<DeviceInfo, DeviceInfoCapability>
/// `VFIO_DEVICE_GET_REGION_INFO`'s answer: `struct vfio_region_info` and its decoded capabilities.
public typealias RegionInfoResult = VFIOInfo<RegionInfo, RegionInfoCapability>
/// `VFIO_IOMMU_GET_INFO`'s answer: `struct vfio_iommu_type1_info` and its decoded capabilities.
public typealias IOMMUInfoResult = VFIOInfo<IOMMUType1Info, IOMMUInfoCapability>

/// Runs an info request through the package's `argsz` negotiation and decodes
/// the capability chain; failures are named after `operation` and `target`.
internal func fetchInfo<Header: CapabilityChainHeader, Info: Sendable>(
  _ operation: String, on target: @autoclosure () -> String, wrap: (Header) -> Info,
  _ fetch: () throws(ArgumentSizeError) -> VariableLengthArgument<Header>
) throws(VFIOError) -> VFIOInfo<Info, Header.Capability> {
  let argument: VariableLengthArgument<Header>
  do { argument = try fetch() } catch {
    throw VFIOError(operation: operation, target: target(), argumentSize: error)
  }
  let capabilities: [Header.Capability]
  do { capabilities = try argument.capabilities() } catch {
    throw VFIOError(operation: operation, target: target(), reason: .capabilityChain(error))
  }
  return VFIOInfo(info: wrap(argument.header), capabilities: capabilities, argumentSize: argument.validSize)
}

/// Runs `body` on `byteCount` zeroed bytes aligned for any VFIO argument struct.
internal func withArgumentBuffer<Result>(
  byteCount: Int, _ body: (UnsafeMutableRawBufferPointer) throws(VFIOError) -> Result
) throws(VFIOError) -> Result {
  let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(byteCount, 1), alignment: 8)
  defer { buffer.deallocate() }
  buffer.initializeMemory(as: UInt8.self, repeating: 0)
  return try body(UnsafeMutableRawBufferPointer(rebasing: buffer[..<byteCount]))
}

/// `count` as a `__u32` field (`argsz`, a count); EINVAL, as the kernel would
/// answer, when it does not fit.
internal func u32(_ count: Int, _ operation: String, on target: @autoclosure () -> String) throws(VFIOError) -> UInt32 {
  guard let value = UInt32(exactly: count) else {
    throw VFIOError(operation: operation, target: target(), errno: .invalidArgument)
  }
  return value
}
