// Each device request with the argument the kernel reads for it.
extension VFIORequest where Kind == DeviceIoctl, Argument == DeviceInfo {
  /// `VFIO_DEVICE_GET_INFO`.
  @inlinable public static var getInfo: Self { .init(.getInfo) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == RegionInfo {
  /// `VFIO_DEVICE_GET_REGION_INFO`.
  @inlinable public static var getRegionInfo: Self { .init(.getRegionInfo) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == IRQInfo {
  /// `VFIO_DEVICE_GET_IRQ_INFO`.
  @inlinable public static var getIRQInfo: Self { .init(.getIRQInfo) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == IRQSetHeader {
  /// `VFIO_DEVICE_SET_IRQS`.
  @inlinable public static var setIRQs: Self { .init(.setIRQs) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == Void {
  /// `VFIO_DEVICE_RESET`.
  @inlinable public static var reset: Self { .init(.reset) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == PCIHotResetInfo {
  /// `VFIO_DEVICE_GET_PCI_HOT_RESET_INFO`.
  @inlinable public static var getPCIHotResetInfo: Self { .init(.getPCIHotResetInfo) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == PCIHotReset {
  /// `VFIO_DEVICE_PCI_HOT_RESET`.
  @inlinable public static var pciHotReset: Self { .init(.pciHotReset) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == GFXPlaneInfo {
  /// `VFIO_DEVICE_QUERY_GFX_PLANE`.
  @inlinable public static var queryGFXPlane: Self { .init(.queryGFXPlane) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == GFXPlaneID {
  /// `VFIO_DEVICE_GET_GFX_DMABUF`: returns the new dma-buf descriptor.
  @inlinable public static var getGFXDMABuf: Self { .init(.getGFXDMABuf) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == IOEventFD {
  /// `VFIO_DEVICE_IOEVENTFD`.
  @inlinable public static var ioeventfd: Self { .init(.ioeventfd) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == DeviceFeatureHeader {
  /// `VFIO_DEVICE_FEATURE`.
  @inlinable public static var feature: Self { .init(.feature) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == BindIOMMUFD {
  /// `VFIO_DEVICE_BIND_IOMMUFD`.
  @inlinable public static var bindIOMMUFD: Self { .init(.bindIOMMUFD) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == AttachIOMMUFDPageTable {
  /// `VFIO_DEVICE_ATTACH_IOMMUFD_PT`.
  @inlinable public static var attachIOMMUFDPT: Self { .init(.attachIOMMUFDPT) }
}

extension VFIORequest where Kind == DeviceIoctl, Argument == DetachIOMMUFDPageTable {
  /// `VFIO_DEVICE_DETACH_IOMMUFD_PT`.
  @inlinable public static var detachIOMMUFDPT: Self { .init(.detachIOMMUFDPT) }
}

/// The argument of `VFIO_DEVICE_GET_GFX_DMABUF`: a plane id from `VFIO_DEVICE_QUERY_GFX_PLANE`.
@frozen
public struct GFXPlaneID: VFIOIoctlArgument, Hashable, Sendable {
  /// The plane id (`dmabuf_id` of `struct vfio_device_gfx_plane_info`).
  public var rawValue: UInt32

  /// The plane with id `rawValue`.
  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  @inlinable
  public mutating func withKernelArgument<Result>(_ body: (UnsafeMutableRawPointer) -> Result) -> Result {
    withUnsafeMutablePointer(to: &rawValue) { body(UnsafeMutableRawPointer($0)) }
  }
}
