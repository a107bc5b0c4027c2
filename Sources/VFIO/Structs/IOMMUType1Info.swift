import CVFIO

/// The argument of `VFIO_IOMMU_GET_INFO` on a type1 container: supported page sizes
/// and a capability chain.
///
/// The 6.12 header names the 4 tail padding bytes `pad`; the size (24) and the
/// Swift API are the same on both generations.
///
/// The C struct is `struct vfio_iommu_type1_info`; ``rawValue`` reaches every field.
public struct IOMMUType1Info: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_iommu_type1_info

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_iommu_type1_info) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_iommu_type1_info`; the kernel fills the rest.
  @inlinable
  public init() {
    rawValue = vfio_iommu_type1_info()
    rawValue.argsz = UInt32(MemoryLayout<vfio_iommu_type1_info>.stride)
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// Which fields are valid.
  @inlinable public var flags: IOMMUInfoFlags { IOMMUInfoFlags(rawValue: rawValue.flags) }

  /// A bitmap of the IOMMU page sizes: bit n set means 2^n bytes (`iova_pgsizes`).
  @inlinable public var pageSizes: UInt64 { rawValue.iova_pgsizes }

  /// The offset of the first capability from the start of the argument, 0 for none
  /// (`cap_offset`; valid with `IOMMUInfoFlags.capabilities`).
  @inlinable public var capabilityOffset: Int { Int(rawValue.cap_offset) }
}
