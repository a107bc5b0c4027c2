import CVFIO
import SystemPackage

/// An open VFIO group (`/dev/vfio/N`): the unit of isolation whose devices
/// are handed out once it is set to a container. Closed when it goes out of scope.
public struct VFIOGroup: ~Copyable, Sendable {
  internal let owned: OwnedDescriptor

  /// What errors call this group: `group 7`, or its path when that is not a number.
  public let name: String

  internal var descriptor: GroupDescriptor { GroupDescriptor(owned.fileDescriptor) }

  /// Lends the typed descriptor to `body`, for requests this type does not wrap: a
  /// ``LentDescriptor``, which cannot outlive the call (returning or storing it does not compile).
  public func withDescriptor<Result: ~Copyable, Failure: Error>(
    _ body: (LentDescriptor<GroupIoctl>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(LentDescriptor(descriptor, lentBy: owned))
  }

  /// Lends the plain typed descriptor to `body`, for passing its number to C.
  ///
  /// The descriptor belongs to this value: `body` must not close it, and must not keep
  /// it past its return (the number may name another file once this value is closed). Nothing
  /// checks that: ``withDescriptor(_:)`` is the checked way.
  public func withUnsafeDescriptor<Result: ~Copyable, Failure: Error>(
    _ body: (GroupDescriptor) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(descriptor)
  }

  /// Opens `/dev/vfio/<number>`.
  public init(number: IOMMUGroupNumber) throws(VFIOError) {
    try self.init(path: FilePath("/dev/vfio/\(number.rawValue)"))
  }

  /// Opens the group node at `path` (`/dev/vfio/7`, `/dev/vfio/noiommu-0`).
  public init(path: FilePath) throws(VFIOError) {
    let last = path.lastComponent?.string ?? path.string
    name = Int(last) != nil ? "group \(last)" : path.string
    owned = try OwnedDescriptor.open(path, describing: path.string)
  }

  /// Closes the group now, reporting what `close` returned; the kernel detaches it from its
  /// container. Going out of scope closes it too, ignoring the result.
  public consuming func close() throws(VFIOError) {
    let name = self.name
    do { try owned.close() } catch { throw VFIOError(operation: "close", target: name, errno: error) }
  }

  /// `VFIO_GROUP_GET_STATUS`.
  public func status() throws(VFIOError) -> GroupStatusFlags {
    var status = GroupStatus()
    try descriptor.call(.getStatus, &status, on: name)
    return status.flags
  }

  /// `VFIO_GROUP_SET_CONTAINER`.
  public func setContainer(_ container: borrowing VFIOContainer) throws(VFIOError) {
    try setContainer(container.descriptor)
  }

  internal func setContainer(_ container: ContainerDescriptor) throws(VFIOError) {
    var container = container
    try descriptor.call(.setContainer, &container, on: name)
  }

  /// `VFIO_GROUP_UNSET_CONTAINER`.
  public func unsetContainer() throws(VFIOError) {
    try descriptor.call(.unsetContainer, on: name)
  }

  /// `VFIO_GROUP_GET_DEVICE_FD`: opens the device `name` (a PCI address, an mdev UUID).
  ///
  /// The descriptor the kernel returns is ``VFIOError/Reason/descriptorRefused(_:)``, and left
  /// open, unless it is a VFIO device the package does not own yet (``AdoptedFileKind/vfioDevice``).
  public func device(named deviceName: String) throws(VFIOError) -> VFIODevice {
    var bytes = DeviceName(deviceName)
    let target = "\(name), device \(deviceName)"
    let fd = try descriptor.call(.getDeviceFD, &bytes, on: target)
    let adopted = try VFIOError.adopting(fd, as: .vfioDevice, operation: GroupIoctl.getDeviceFD.name, target: target)
    let owned = OwnedDescriptor(adopted)
    let lending = try KVMLending(group: descriptor.fileDescriptor, on: "device \(deviceName)")
    return VFIODevice(owned: owned, name: deviceName, kvmLending: lending)
  }
}
