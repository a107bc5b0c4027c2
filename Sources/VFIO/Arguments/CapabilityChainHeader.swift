import CVFIO

/// An info struct followed by a capability chain, and how its capabilities decode.
public protocol CapabilityChainHeader: VariableLengthHeader {
  /// The typed capability this info struct's chain decodes to (e.g. ``RegionInfoCapability``).
  associatedtype Capability: Hashable, Sendable
  /// Whether the flags say the chain is supported (and `cap_offset` valid).
  var hasCapabilities: Bool { get }
  /// `cap_offset`: where the first capability starts, or 0.
  var capabilityOffset: UInt32 { get }
  /// Decodes one raw capability of this chain by its id and version; an id the package does not know
  /// becomes the `.unknown` case, a capability shorter than its version's struct throws
  /// ``CapabilityChainError``.
  static func decode(_ raw: RawCapability) throws(CapabilityChainError) -> Capability
}

extension CapabilityChainHeader {
  /// The raw capabilities of an info buffer as the kernel filled it: the
  /// chain is read only within the buffer's `argsz`.
  public static func rawCapabilities(
    in buffer: UnsafeRawBufferPointer
  ) throws(CapabilityChainError) -> [RawCapability] {
    let fixed = MemoryLayout<Self>.size
    guard buffer.count >= fixed else {
      throw .bufferShorterThanFixedStruct(size: buffer.count, fixedSize: fixed)
    }
    let header = buffer.loadUnaligned(as: Self.self)
    guard header.hasCapabilities else { return [] }
    let valid = UnsafeRawBufferPointer(rebasing: buffer.prefix(Int(clamping: header.argsz)))
    return try CapabilityChain.parse(valid, firstOffset: header.capabilityOffset, fixedSize: fixed)
  }

  /// The decoded capabilities of an info buffer as the kernel filled it.
  public static func capabilities(
    in buffer: UnsafeRawBufferPointer
  ) throws(CapabilityChainError) -> [Capability] {
    var decoded: [Capability] = []
    for raw in try rawCapabilities(in: buffer) { decoded.append(try decode(raw)) }
    return decoded
  }
}

extension vfio_device_info: CapabilityChainHeader {
  public var hasCapabilities: Bool { DeviceInfoFlags(rawValue: flags).contains(.capabilities) }
  public var capabilityOffset: UInt32 { cap_offset }
  /// Decodes a `VFIO_DEVICE_INFO_CAP_*` capability of `VFIO_DEVICE_GET_INFO`.
  public static func decode(_ raw: RawCapability) throws(CapabilityChainError) -> DeviceInfoCapability {
    try DeviceInfoCapability(decoding: raw)
  }
}

extension vfio_region_info: CapabilityChainHeader {
  public var hasCapabilities: Bool { RegionInfoFlags(rawValue: flags).contains(.capabilities) }
  public var capabilityOffset: UInt32 { cap_offset }
  /// Decodes a `VFIO_REGION_INFO_CAP_*` capability of `VFIO_DEVICE_GET_REGION_INFO`.
  public static func decode(_ raw: RawCapability) throws(CapabilityChainError) -> RegionInfoCapability {
    try RegionInfoCapability(decoding: raw)
  }
}

extension vfio_iommu_type1_info: CapabilityChainHeader {
  public var hasCapabilities: Bool { IOMMUInfoFlags(rawValue: flags).contains(.capabilities) }
  public var capabilityOffset: UInt32 { cap_offset }
  /// Decodes a `VFIO_IOMMU_TYPE1_INFO_CAP_*` capability of `VFIO_IOMMU_GET_INFO`.
  public static func decode(_ raw: RawCapability) throws(CapabilityChainError) -> IOMMUInfoCapability {
    try IOMMUInfoCapability(decoding: raw)
  }
}
