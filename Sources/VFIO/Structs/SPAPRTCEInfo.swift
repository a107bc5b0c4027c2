import CVFIO

/// The argument of `VFIO_IOMMU_SPAPR_TCE_GET_INFO` on a POWER container: the default
/// 32-bit DMA window and the dynamic DMA window limits.
///
/// The C struct is `struct vfio_iommu_spapr_tce_info`; ``rawValue`` reaches every field.
public struct SPAPRTCEInfo: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_iommu_spapr_tce_info

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_iommu_spapr_tce_info) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_iommu_spapr_tce_info`; the kernel fills the rest.
  @inlinable
  public init() {
    rawValue = vfio_iommu_spapr_tce_info()
    rawValue.argsz = UInt32(MemoryLayout<vfio_iommu_spapr_tce_info>.stride)
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// Whether the dynamic window fields are valid.
  @inlinable public var flags: SPAPRInfoFlags { SPAPRInfoFlags(rawValue: rawValue.flags) }

  /// The start of the default 32-bit window.
  @inlinable public var dma32WindowStart: UInt32 { rawValue.dma32_window_start }

  /// The size of the default 32-bit window.
  @inlinable public var dma32WindowSize: UInt32 { rawValue.dma32_window_size }

  /// The page sizes dynamic windows support, bit n meaning 2^n bytes.
  @inlinable public var ddwPageSizes: UInt64 { rawValue.ddw.pgsizes }

  /// How many dynamic windows may exist.
  @inlinable public var maxDynamicWindows: Int { Int(rawValue.ddw.max_dynamic_windows_supported) }

  /// The most TCE table levels a dynamic window may have.
  @inlinable public var ddwLevels: Int { Int(rawValue.ddw.levels) }
}
