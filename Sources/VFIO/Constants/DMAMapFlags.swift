import CVFIO

/// How the device may access a mapping made with `VFIO_IOMMU_MAP_DMA`.
@frozen
public struct DMAMapFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The device may read the memory.
  ///
  /// The corresponding C constant is `VFIO_DMA_MAP_FLAG_READ`.
  @inlinable public static var read: DMAMapFlags {
    DMAMapFlags(rawValue: UInt32(bitPattern: VFIO_DMA_MAP_FLAG_READ))
  }

  /// The device may write the memory.
  ///
  /// The corresponding C constant is `VFIO_DMA_MAP_FLAG_WRITE`.
  @inlinable public static var write: DMAMapFlags {
    DMAMapFlags(rawValue: UInt32(bitPattern: VFIO_DMA_MAP_FLAG_WRITE))
  }

  /// Give an existing mapping, invalidated with `DMAUnmapFlags.vaddr`, a new process address.
  ///
  /// The corresponding C constant is `VFIO_DMA_MAP_FLAG_VADDR`.
  @inlinable public static var vaddr: DMAMapFlags {
    DMAMapFlags(rawValue: UInt32(bitPattern: VFIO_DMA_MAP_FLAG_VADDR))
  }
}

extension DMAMapFlags: CustomStringConvertible {
  /// The named flags, in bit order, for descriptions and the tests against C.
  static let knownFlags: [NamedConstant<DMAMapFlags>] = [
    NamedConstant(.read, "read", "VFIO_DMA_MAP_FLAG_READ"),
    NamedConstant(.write, "write", "VFIO_DMA_MAP_FLAG_WRITE"),
    NamedConstant(.vaddr, "vaddr", "VFIO_DMA_MAP_FLAG_VADDR"),
  ]

  /// The names of the set flags, then any unnamed bits in hex.
  public var description: String { describeFlags(self, DMAMapFlags.knownFlags) }
}
