import CVFIO
import SystemPackage

/// A failed VFIO operation: which call, on what, and why — usually the `errno`
/// the kernel returned.
///
/// Its description reads like
/// `VFIO_GROUP_SET_CONTAINER on group 7: EBUSY (Device or resource busy)`.
public struct VFIOError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Why an operation failed.
  public enum Reason: Hashable, Sendable {
    /// The kernel or the C library failed the call.
    case system(Errno)
    /// The package refused a migration state change before it reached the kernel.
    case migrationTransition(MigrationTransitionError)
    /// The kernel's `argsz` answer was not believed (below the fixed struct,
    /// above the limit, or growing on every retry), or an argument was too large.
    case argumentSize(ArgumentSizeError)
    /// The capability chain the kernel returned is malformed.
    case capabilityChain(CapabilityChainError)
    /// The IRQ set does not fit what the device reports for the index.
    case irqSet(IRQSetError)
    /// A dirty-page bitmap or its request was refused before reaching the kernel.
    case dirtyPages(DirtyPageError)
    /// A v1 migration region misbehaved or was misused.
    case migrationRegionV1(MigrationRegionV1Error)
    /// An ioctl request number could not be built or decoded.
    case ioctlRequest(IoctlRequestError)
    /// `count` bytes at `offset` do not fit in the `limit` bytes available (a region, a
    /// mapping, what the address space can express), or `count` is 0.
    case outOfRange(offset: UInt64, count: UInt64, limit: UInt64)
    /// `what` is not where the package looked: a device without an IOMMU group or a
    /// cdev, a name that is no PCI address.
    case notFound(String)
    /// The group is not viable: some device in it is bound to a driver other than vfio.
    case groupNotViable(IOMMUGroupNumber)
    /// The container's IOMMU type is already `set`, not the `asked` one.
    case iommuTypeMismatch(set: IOMMUType, asked: IOMMUType)
    /// The kernel or driver reported `count` of `what`, more than the documented `limit`
    /// the package acts on (each limit is a public constant, most also a parameter).
    case countAboveLimit(what: String, count: UInt64, limit: UInt64)
    /// The kernel reported a range of `what` whose `start` lies past its (inclusive) `end`.
    case invalidRange(what: String, start: UInt64, end: UInt64)
    /// A DMA request the package refused before the kernel saw it.
    case dma(DMAError)
    /// What sysfs holds, or a name or path to read there, was not believed.
    case sysfs(SysfsError)
    /// The group is not viable, and sysfs names the devices that keep it so (each bound to a
    /// driver that keeps DMA to itself); ``groupNotViable(_:)`` when sysfs names none.
    case groupBlocked(IOMMUGroupNumber, blockers: [GroupViabilityBlocker])
    /// A descriptor the kernel handed back was refused before the package took ownership of it.
    case descriptorRefused(DescriptorRefusal)
    /// The device's PCI configuration space cannot be trusted where the package read it.
    case pciConfig(PCIConfigError)
    /// The running kernel lacks the request (`ENOTTY`: an older kernel, or one built without
    /// the feature) or cannot do what the argument asks (`EOPNOTSUPP`: e.g. an IOMMU without
    /// dirty tracking); the errno is the kernel's.
    case unsupported(Errno)
    /// An iommufd object id (``IOASID``, ``HWPTID``) that another ``IOMMUFD`` handed out: ids
    /// are numbered per iommufd, so here it would name an unrelated object, or none.
    case otherIOMMUFD(String)
    /// A ``RegionInfo`` another ``VFIODevice`` read (`what` names the region): regions are
    /// numbered per device, so here its offset and size would reach another region, or none.
    case otherDevice(String)
  }

  /// The ioctl or system call that failed, e.g. `VFIO_GROUP_SET_CONTAINER` or `open`.
  public var operation: String
  /// What it was issued on, e.g. `group 7`, `device 0000:01:00.0`, `/dev/vfio/vfio`.
  public var target: String
  /// Why it failed: usually ``Reason/system(_:)`` with the kernel's errno.
  public var reason: Reason

  /// An error of `operation` on `target` for `reason`.
  public init(operation: String, target: String, reason: Reason) {
    self.operation = operation
    self.target = target
    self.reason = reason
  }

  /// A system call `operation` on `target` that failed with `errno`.
  public init(operation: String, target: String, errno: Errno) {
    self.init(operation: operation, target: target, reason: .system(errno))
  }

  /// A failed argument size negotiation; its `.system` case is the kernel's errno.
  public init(operation: String, target: String, argumentSize error: ArgumentSizeError) {
    if case .system(let errno) = error {
      self.init(operation: operation, target: target, errno: errno)
    } else {
      self.init(operation: operation, target: target, reason: .argumentSize(error))
    }
  }

  /// The `errno` of a failed system call; nil when the package refused the request itself.
  public var errno: Errno? {
    switch reason {
    case .system(let errno), .unsupported(let errno): errno
    default: nil
    }
  }

  public var description: String {
    switch reason {
    case .system(let errno): "\(operation) on \(target): \(VFIOError.symbol(of: errno)) (\(errno.description))"
    case .migrationTransition(let error): "\(operation) on \(target): \(error)"
    case .argumentSize(let error): "\(operation) on \(target): \(error)"
    case .capabilityChain(let error): "\(operation) on \(target): \(error)"
    case .irqSet(let error): "\(operation) on \(target): \(error)"
    case .dirtyPages(let error): "\(operation) on \(target): \(error)"
    case .migrationRegionV1(let error): "\(operation) on \(target): \(error)"
    case .ioctlRequest(let error): "\(operation) on \(target): \(error)"
    case .outOfRange(let offset, let count, let limit):
      "\(operation) on \(target): " + VFIOError.describeRange(offset: offset, count: count, limit: limit)
    case .notFound(let what): "\(operation) on \(target): \(what) not found"
    case .groupNotViable(let group):
      "\(operation) on \(target): \(group) is not viable (a device in it is bound to another driver)"
    case .iommuTypeMismatch(let set, let asked): "\(operation) on \(target): IOMMU type \(set) is set, not \(asked)"
    case .countAboveLimit(let what, let count, let limit):
      "\(operation) on \(target): \(count) \(what) reported, above the limit of \(limit)"
    case .invalidRange(let what, let start, let end):
      "\(operation) on \(target): \(what) \(start)...\(end) starts past its end"
    case .dma(let error): "\(operation) on \(target): \(error)"
    case .sysfs(let error): "\(operation) on \(target): \(error)"
    case .groupBlocked(let group, let blockers):
      "\(operation) on \(target): \(group) is not viable: "
        + blockers.map(\.description).joined(separator: ", ") + "; bind them to vfio-pci or unbind them"
    case .descriptorRefused(let refusal): "\(operation) on \(target): \(refusal)"
    case .pciConfig(let error): "\(operation) on \(target): \(error)"
    case .unsupported(let errno):
      "\(operation) on \(target): not supported by this kernel"
        + (errno == .notSupported ? " or its IOMMU" : "") + " (\(VFIOError.symbol(of: errno)): \(errno.description))"
    case .otherIOMMUFD(let object): "\(operation) on \(target): \(object) belongs to another iommufd"
    case .otherDevice(let region): "\(operation) on \(target): \(region) was read from another device"
    }
  }

  /// An out-of-range request in words that stay right at the edges: an empty range, an
  /// offset past the end, a range that runs over it.
  internal static func describeRange(offset: UInt64, count: UInt64, limit: UInt64) -> String {
    if count == 0 { return "an empty range (0 bytes) at offset \(offset) is refused" }
    if offset >= limit { return "offset \(offset) is not below the \(limit) bytes available" }
    return "\(count) bytes at offset \(offset) run past the \(limit) bytes available"
  }

  /// `EBUSY` for `.resourceBusy`; the number when the C library has no name for it.
  public static func symbol(of errno: Errno) -> String {
    guard let name = cvfio_errno_name(errno.rawValue) else { return "errno \(errno.rawValue)" }
    return String(cString: name)
  }

  /// A count the kernel or a driver reports sizes an allocation or a loop: above `limit`, it
  /// is ``Reason/countAboveLimit(what:count:limit:)`` before anything acts on it.
  internal static func check(
    _ count: UInt32, of what: String, limit: UInt32, operation: String, target: String
  ) throws(VFIOError) {
    guard count > limit else { return }
    throw VFIOError(
      operation: operation, target: target,
      reason: .countAboveLimit(what: what, count: UInt64(count), limit: UInt64(limit)))
  }
}
