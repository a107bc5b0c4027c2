import CVFIO
import SystemPackage

/// An open VFIO device, from a group (`VFIO_GROUP_GET_DEVICE_FD`) or a cdev
/// (`/dev/vfio/devices/vfioN`). Closed when it goes out of scope.
public struct VFIODevice: ~Copyable, Sendable {
  internal let owned: OwnedDescriptor
  // After `owned`: stored properties are destroyed in order, so the device's file is closed (and
  // so detached) before the address spaces it kept alive are destroyed.
  internal let attachments = DeviceAttachments()
  internal let irqBindings = IRQBindings()
  internal let descriptionCache = DescriptionCache()
  internal let kvmLending: KVMLending
  /// Carried by the region infos this device reads, so another device refuses them.
  internal let identity = OwnerIdentity.next()

  /// The device's name as opened: a PCI address, an mdev UUID or a cdev path.
  public let name: String

  internal var descriptor: DeviceDescriptor { DeviceDescriptor(owned.fileDescriptor) }

  /// Lends the typed descriptor to `body`, for requests this type does not wrap: a
  /// ``LentDescriptor``, which cannot outlive the call (returning or storing it does not compile).
  public func withDescriptor<Result: ~Copyable, Failure: Error>(
    _ body: (LentDescriptor<DeviceIoctl>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(LentDescriptor(descriptor, lentBy: owned))
  }

  /// Lends the plain typed descriptor to `body`, for passing its number to C.
  ///
  /// The descriptor belongs to this value: `body` must not close it, and must not keep
  /// it past its return (the number may name another file once this value is closed). Nothing
  /// checks that: ``withDescriptor(_:)`` is the checked way.
  public func withUnsafeDescriptor<Result: ~Copyable, Failure: Error>(
    _ body: (DeviceDescriptor) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(descriptor)
  }

  internal var target: String { "device \(name)" }

  /// Takes ownership of an open device descriptor.
  ///
  /// The caller gives up the descriptor: nothing else may close it or adopt it again.
  public init(unsafeAdopting fileDescriptor: FileDescriptor, name: String) {
    self.init(owned: OwnedDescriptor(fileDescriptor), name: name, kvmLending: KVMLending())
  }

  internal init(owned: consuming OwnedDescriptor, name: String, kvmLending: KVMLending) {
    self.owned = owned
    self.name = name
    self.kvmLending = kvmLending
  }

  /// Opens a device cdev (`/dev/vfio/devices/vfio0`); bind it to an iommufd before use.
  public init(cdev path: FilePath) throws(VFIOError) {
    name = path.string
    owned = try OwnedDescriptor.open(path, describing: path.string)
    kvmLending = KVMLending()
  }

  /// Closes this value's descriptor of the device now, reporting what `close` returned; going out
  /// of scope closes it too, ignoring the result.
  ///
  /// The kernel releases the device — disables its interrupts and, for vfio-pci, tries to reset
  /// it — when the last reference to its open file goes, and mappings of its regions are such
  /// references: a ``VFIORegionMapping`` keeps a descriptor of its own, a ``VFIOMapping`` is an mmap
  /// of the file. While one lives, the device stays open and its registers reachable through it
  /// (vCPU or queue threads may hold a BAR past the device's owner); it is released when the last
  /// one is unmapped. Unmap them first for the release to happen here.
  public consuming func close() throws(VFIOError) {
    let (target, attachments) = (self.target, self.attachments)
    defer { attachments.releaseAll() }
    do { try owned.close() } catch { throw VFIOError(operation: "close", target: target, errno: error) }
  }

  /// `VFIO_DEVICE_GET_INFO`, with the capability chain when the device has one.
  public func info() throws(VFIOError) -> DeviceInfoResult {
    try fetchInfo(DeviceIoctl.getInfo.name, on: target, wrap: DeviceInfo.init(rawValue:)) {
      () throws(ArgumentSizeError) in try descriptor.deviceInfo()
    }
  }

  /// `VFIO_DEVICE_RESET`.
  public func reset() throws(VFIOError) {
    try descriptor.call(.reset, on: target)
  }
}
