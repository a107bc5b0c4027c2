import CVFIO

/// The ioctls of an iommufd (`/dev/iommu`) that a VFIO cdev user issues.
///
/// They live in `<linux/iommufd.h>`, not in `vfio.h`, and so are not part of
/// ``VFIOIoctl/all``; they share VFIO's ioctl type `';'` with numbers from
/// `IOMMUFD_CMD_BASE` (0x80), which is `VFIO_BASE + 28`.
public enum IOMMUFDIoctl: VFIOIoctlSet {
  /// `IOMMU_DESTROY` (`IOMMUFD_CMD_BASE + 0`): destroys an object by id (`struct iommu_destroy`).
  case destroy
  /// `IOMMU_IOAS_ALLOC` (`+ 1`): a new IO address space (`struct iommu_ioas_alloc`).
  case ioasAlloc
  /// `IOMMU_IOAS_ALLOW_IOVAS` (`+ 2`): restricts the IOVAs mappings may use (`struct iommu_ioas_allow_iovas`).
  case ioasAllowIOVAs
  /// `IOMMU_IOAS_COPY` (`+ 3`): copies a mapping from one IOAS to another (`struct iommu_ioas_copy`).
  case ioasCopy
  /// `IOMMU_IOAS_IOVA_RANGES` (`+ 4`): the IOVA ranges mappings may use (`struct iommu_ioas_iova_ranges`).
  case ioasIOVARanges
  /// `IOMMU_IOAS_MAP` (`+ 5`): maps process memory into an IOAS (`struct iommu_ioas_map`).
  case ioasMap
  /// `IOMMU_IOAS_UNMAP` (`+ 6`): unmaps an IOVA range (`struct iommu_ioas_unmap`).
  case ioasUnmap

  public static var fileKind: VFIOFileKind { .iommufd }

  @inlinable
  public var offset: UInt8 {
    let base = UInt8(IOMMUFD_CMD_BASE) - UInt8(VFIO_BASE)
    return switch self {
    case .destroy: base
    case .ioasAlloc: base + 1
    case .ioasAllowIOVAs: base + 2
    case .ioasCopy: base + 3
    case .ioasIOVARanges: base + 4
    case .ioasMap: base + 5
    case .ioasUnmap: base + 6
    }
  }

  public var name: String {
    switch self {
    case .destroy: "IOMMU_DESTROY"
    case .ioasAlloc: "IOMMU_IOAS_ALLOC"
    case .ioasAllowIOVAs: "IOMMU_IOAS_ALLOW_IOVAS"
    case .ioasCopy: "IOMMU_IOAS_COPY"
    case .ioasIOVARanges: "IOMMU_IOAS_IOVA_RANGES"
    case .ioasMap: "IOMMU_IOAS_MAP"
    case .ioasUnmap: "IOMMU_IOAS_UNMAP"
    }
  }
}

/// A descriptor of an iommufd (`/dev/iommu`), which takes only ``IOMMUFDIoctl`` requests.
public typealias IOMMUFDDescriptor = VFIODescriptor<IOMMUFDIoctl>
