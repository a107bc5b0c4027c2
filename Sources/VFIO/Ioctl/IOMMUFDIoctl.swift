import CVFIO

/// The ioctls of an iommufd (`/dev/iommu`), every one of the newest `<linux/iommufd.h>`.
///
/// They share VFIO's ioctl type `';'` with numbers from `IOMMUFD_CMD_BASE` (0x80), which is
/// `VFIO_BASE + 28`, and are listed in ``VFIOIoctl/all`` after vfio.h's. The package wraps those
/// a VFIO user issues (``IOMMUFD``, ``IOAS``, ``HWPT``); the nested-translation and vIOMMU
/// requests go through `unsafeRawIoctl`.
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
  /// `IOMMU_OPTION` (`+ 7`): reads or sets an option of the iommufd or an IOAS (`struct iommu_option`).
  case option
  /// `IOMMU_VFIO_IOAS` (`+ 8`): the IOAS of the type1 compatibility container (`struct iommu_vfio_ioas`).
  case vfioIOAS
  /// `IOMMU_HWPT_ALLOC` (`+ 9`, Linux 6.6): a hardware page table (`struct iommu_hwpt_alloc`).
  case hwptAlloc
  /// `IOMMU_GET_HW_INFO` (`+ 10`, Linux 6.6): the IOMMU behind a device (`struct iommu_hw_info`).
  case getHWInfo
  /// `IOMMU_HWPT_SET_DIRTY_TRACKING` (`+ 11`, Linux 6.7): starts or stops dirty tracking
  /// (`struct iommu_hwpt_set_dirty_tracking`).
  case hwptSetDirtyTracking
  /// `IOMMU_HWPT_GET_DIRTY_BITMAP` (`+ 12`, Linux 6.7): the pages devices wrote
  /// (`struct iommu_hwpt_get_dirty_bitmap`).
  case hwptGetDirtyBitmap
  /// `IOMMU_HWPT_INVALIDATE` (`+ 13`): invalidates a nested page table's caches (`struct iommu_hwpt_invalidate`).
  case hwptInvalidate
  /// `IOMMU_FAULT_QUEUE_ALLOC` (`+ 14`): a queue of I/O page faults (`struct iommu_fault_alloc`).
  case faultQueueAlloc
  /// `IOMMU_IOAS_MAP_FILE` (`+ 15`, Linux 6.13): maps a file (a memfd) into an IOAS (`struct iommu_ioas_map_file`).
  case ioasMapFile
  /// `IOMMU_VIOMMU_ALLOC` (`+ 16`): a virtual IOMMU (`struct iommu_viommu_alloc`).
  case viommuAlloc
  /// `IOMMU_VDEVICE_ALLOC` (`+ 17`): a device of a virtual IOMMU (`struct iommu_vdevice_alloc`).
  case vdeviceAlloc
  /// `IOMMU_IOAS_CHANGE_PROCESS` (`+ 18`): moves pinned file mappings to this process
  /// (`struct iommu_ioas_change_process`).
  case ioasChangeProcess
  /// `IOMMU_VEVENTQ_ALLOC` (`+ 19`): an event queue of a virtual IOMMU (`struct iommu_veventq_alloc`).
  case veventqAlloc
  /// `IOMMU_HW_QUEUE_ALLOC` (`+ 20`): a hardware queue of a virtual IOMMU (`struct iommu_hw_queue_alloc`).
  case hwQueueAlloc

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
    case .option: base + 7
    case .vfioIOAS: base + 8
    case .hwptAlloc: base + 9
    case .getHWInfo: base + 10
    case .hwptSetDirtyTracking: base + 11
    case .hwptGetDirtyBitmap: base + 12
    case .hwptInvalidate: base + 13
    case .faultQueueAlloc: base + 14
    case .ioasMapFile: base + 15
    case .viommuAlloc: base + 16
    case .vdeviceAlloc: base + 17
    case .ioasChangeProcess: base + 18
    case .veventqAlloc: base + 19
    case .hwQueueAlloc: base + 20
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
    case .option: "IOMMU_OPTION"
    case .vfioIOAS: "IOMMU_VFIO_IOAS"
    case .hwptAlloc: "IOMMU_HWPT_ALLOC"
    case .getHWInfo: "IOMMU_GET_HW_INFO"
    case .hwptSetDirtyTracking: "IOMMU_HWPT_SET_DIRTY_TRACKING"
    case .hwptGetDirtyBitmap: "IOMMU_HWPT_GET_DIRTY_BITMAP"
    case .hwptInvalidate: "IOMMU_HWPT_INVALIDATE"
    case .faultQueueAlloc: "IOMMU_FAULT_QUEUE_ALLOC"
    case .ioasMapFile: "IOMMU_IOAS_MAP_FILE"
    case .viommuAlloc: "IOMMU_VIOMMU_ALLOC"
    case .vdeviceAlloc: "IOMMU_VDEVICE_ALLOC"
    case .ioasChangeProcess: "IOMMU_IOAS_CHANGE_PROCESS"
    case .veventqAlloc: "IOMMU_VEVENTQ_ALLOC"
    case .hwQueueAlloc: "IOMMU_HW_QUEUE_ALLOC"
    }
  }
}

/// A descriptor of an iommufd (`/dev/iommu`), which takes only ``IOMMUFDIoctl`` requests.
public typealias IOMMUFDDescriptor = VFIODescriptor<IOMMUFDIoctl>
