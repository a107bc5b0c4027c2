import CVFIO

// Each iommufd request the package uses with the argument the kernel reads for it.
// CVFIO mirrors only these structs of <linux/iommufd.h>; the others go through unsafeRawIoctl.
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
