import CVFIO

// Each iommufd request the package uses with the argument the kernel reads for it.
// CVFIO supplies only these structs of <linux/iommufd.h>; the others go through unsafeRawIoctl.
extension VFIORequest where Kind == IOMMUFDIoctl, Argument == iommu_destroy {
  /// `IOMMU_DESTROY`.
  @inlinable public static var destroy: Self { .init(.destroy) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == iommu_ioas_alloc {
  /// `IOMMU_IOAS_ALLOC`.
  @inlinable public static var ioasAlloc: Self { .init(.ioasAlloc) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == iommu_ioas_iova_ranges {
  /// `IOMMU_IOAS_IOVA_RANGES`.
  @inlinable public static var ioasIOVARanges: Self { .init(.ioasIOVARanges) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == iommu_ioas_map {
  /// `IOMMU_IOAS_MAP`.
  @inlinable public static var ioasMap: Self { .init(.ioasMap) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == iommu_ioas_unmap {
  /// `IOMMU_IOAS_UNMAP`.
  @inlinable public static var ioasUnmap: Self { .init(.ioasUnmap) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == iommu_ioas_allow_iovas {
  /// `IOMMU_IOAS_ALLOW_IOVAS`.
  @inlinable public static var ioasAllowIOVAs: Self { .init(.ioasAllowIOVAs) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == iommu_ioas_copy {
  /// `IOMMU_IOAS_COPY`.
  @inlinable public static var ioasCopy: Self { .init(.ioasCopy) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == iommu_ioas_map_file {
  /// `IOMMU_IOAS_MAP_FILE`.
  @inlinable public static var ioasMapFile: Self { .init(.ioasMapFile) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == iommu_option {
  /// `IOMMU_OPTION`.
  @inlinable public static var option: Self { .init(.option) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == cvfio_iommu_hwpt_alloc {
  /// `IOMMU_HWPT_ALLOC`, with the newest layout of `struct iommu_hwpt_alloc`.
  @inlinable public static var hwptAlloc: Self { .init(.hwptAlloc) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == cvfio_iommu_hw_info {
  /// `IOMMU_GET_HW_INFO`, with the newest layout of `struct iommu_hw_info`.
  @inlinable public static var getHWInfo: Self { .init(.getHWInfo) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == iommu_hwpt_set_dirty_tracking {
  /// `IOMMU_HWPT_SET_DIRTY_TRACKING`.
  @inlinable public static var hwptSetDirtyTracking: Self { .init(.hwptSetDirtyTracking) }
}

extension VFIORequest where Kind == IOMMUFDIoctl, Argument == iommu_hwpt_get_dirty_bitmap {
  /// `IOMMU_HWPT_GET_DIRTY_BITMAP`.
  @inlinable public static var hwptGetDirtyBitmap: Self { .init(.hwptGetDirtyBitmap) }
}

/// An iommufd argument struct: its leading `size` plays the part of VFIO's `argsz`.
public protocol IOMMUFDArgument: VFIOIoctlArgument {
  /// `size`: the size of the struct the caller passes, so the kernel accepts older and newer layouts.
  var size: UInt32 { get set }
}

extension IOMMUFDArgument {
  @inlinable
  public mutating func withKernelArgument<Result>(_ body: (UnsafeMutableRawPointer) -> Result) -> Result {
    size = UInt32(MemoryLayout<Self>.size)
    return withUnsafeMutablePointer(to: &self) { body(UnsafeMutableRawPointer($0)) }
  }
}

extension iommu_destroy: IOMMUFDArgument {}
extension iommu_ioas_alloc: IOMMUFDArgument {}
extension iommu_ioas_iova_ranges: IOMMUFDArgument {}
extension iommu_ioas_map: IOMMUFDArgument {}
extension iommu_ioas_unmap: IOMMUFDArgument {}
extension iommu_ioas_allow_iovas: IOMMUFDArgument {}
extension iommu_ioas_copy: IOMMUFDArgument {}
extension iommu_ioas_map_file: IOMMUFDArgument {}
extension iommu_option: IOMMUFDArgument {}
extension cvfio_iommu_hwpt_alloc: IOMMUFDArgument {}
extension cvfio_iommu_hw_info: IOMMUFDArgument {}
extension iommu_hwpt_set_dirty_tracking: IOMMUFDArgument {}
extension iommu_hwpt_get_dirty_bitmap: IOMMUFDArgument {}
