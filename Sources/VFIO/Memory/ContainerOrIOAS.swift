/// One owner of either IO address space: a type1 ``VFIOContainer`` or an iommufd ``IOAS``.
///
/// ``DMAAddressSpace`` lets code be generic over the two, but a driver or VMM that opens one or the
/// other at run time (a PCI address through a container, a cdev through an iommufd) has to store
/// it: `DMASpace` is that stored property. It conforms to ``DMAAddressSpace`` itself, each
/// requirement answered by the space it holds, and opens devices through it, so the code that
/// holds it does not care which it is; switch on it for what only one of them does.
///
/// Like the spaces it holds it is `Sendable` and its operations borrow it: threads share it the
/// way they share a container or an IOAS.
public enum DMASpace: ~Copyable, Sendable {
  /// A VFIO container (type1 IOMMU).
  case container(VFIOContainer)
  /// An iommufd IO address space.
  case ioas(IOAS)

  /// Opens the device at `location` through this space, with each space's defaults:
  /// ``VFIOContainer/openDevice(_:iommuType:)`` (type1v2) or ``IOAS/openDevice(_:token:)``
  /// (no VF token).
  public func openDevice(_ location: VFIODeviceLocation) throws(VFIOError) -> VFIODevice {
    switch self {
    case .container(let container): try container.openDevice(location)
    case .ioas(let ioas): try ioas.openDevice(location)
    }
  }

  /// `VFIO_DEVICE_PCI_HOT_RESET` of `device`, opened through this space, proving ownership as the
  /// space can: ``VFIOContainer/hotReset(_:)`` passes every group the container holds; through an
  /// IOAS the device is a cdev, so ``VFIODevice/hotReset()`` passes no group and the kernel checks
  /// that the iommufd owns every affected device.
  public func hotReset(_ device: borrowing VFIODevice) throws(VFIOError) {
    switch self {
    case .container(let container): try container.hotReset(device)
    case .ioas: try device.hotReset()
    }
  }
}

extension DMASpace: DMAAddressSpace {
  /// Maps `memory` at `iova` in the space held (``VFIOContainer/map(_:iova:access:granularity:)``
  /// or ``IOAS/map(_:iova:access:granularity:)``); the returned mapping owns it.
  public func map(
    _ memory: consuming GuestMemory, iova: UInt64, access: DMAAccess = [.read, .write], granularity: UInt64? = nil
  ) throws(VFIOError) -> DMAMapping {
    switch self {
    case .container(let container): try container.map(memory, iova: iova, access: access, granularity: granularity)
    case .ioas(let ioas): try ioas.map(memory, iova: iova, access: access, granularity: granularity)
    }
  }

  /// Maps `size` bytes at `address` at `iova` in the space held, with no owner to unmap them
  /// (``VFIOContainer/unsafeMapDMA(address:size:iova:access:)`` or
  /// ``IOAS/unsafeMapDMA(address:size:iova:access:)``, with their guarantees).
  public func unsafeMapDMA(
    address: UnsafeMutableRawPointer, size: UInt64, iova: UInt64, access: DMAAccess = [.read, .write]
  ) throws(VFIOError) {
    switch self {
    case .container(let container): try container.unsafeMapDMA(address: address, size: size, iova: iova, access: access)
    case .ioas(let ioas): try ioas.unsafeMapDMA(address: address, size: size, iova: iova, access: access)
    }
  }

  /// Removes the mappings inside `iova ..< iova + size` of the space held; returns how many
  /// bytes were unmapped.
  @discardableResult
  public func unmapDMA(iova: UInt64, size: UInt64) throws(VFIOError) -> UInt64 {
    switch self {
    case .container(let container): try container.unmapDMA(iova: iova, size: size)
    case .ioas(let ioas): try ioas.unmapDMA(iova: iova, size: size)
    }
  }
}
