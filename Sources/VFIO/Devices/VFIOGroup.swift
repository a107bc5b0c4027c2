import CVFIO
import SystemPackage

/// An open VFIO group (`/dev/vfio/N`): the unit of isolation whose devices
/// are handed out once it is set to a container. Closed when it goes out of scope.
public struct VFIOGroup: ~Copyable {
  internal let owned: OwnedDescriptor

  /// What errors call this group: `group 7`, or its path when that is not a number.
  public let name: String

  public var descriptor: GroupDescriptor { GroupDescriptor(owned.fileDescriptor) }

  /// Opens `/dev/vfio/<number>`.
  public init(number: Int) throws(VFIOError) {
    try self.init(path: FilePath("/dev/vfio/\(number)"))
  }

  /// Opens the group node at `path` (`/dev/vfio/7`, `/dev/vfio/noiommu-0`).
  public init(path: FilePath) throws(VFIOError) {
    let last = path.lastComponent?.string ?? path.string
    name = Int(last) != nil ? "group \(last)" : path.string
    owned = try OwnedDescriptor.open(path, describing: path.string)
  }

  /// The IOMMU group of device `name` — a PCI address (`0000:01:00.0`) or an
  /// mdev UUID — read from its `iommu_group` link in sysfs.
  public static func number(ofDevice name: String) throws(VFIOError) -> Int {
    let buses = ["pci", "mdev", "platform"]
    var lastError = Errno.noSuchFileOrDirectory
    for bus in buses {
      let link = "/sys/bus/\(bus)/devices/\(name)/iommu_group"
      let target: String
      do { target = try readLink(link) } catch {
        lastError = error
        continue
      }
      guard let number = Int(FilePath(target).lastComponent?.string ?? "") else {
        throw VFIOError(operation: "readlink", target: link, errno: .invalidArgument)
      }
      return number
    }
    throw VFIOError(operation: "readlink", target: "/sys/bus/{\(buses.joined(separator: ","))}/devices/\(name)/iommu_group",
      errno: lastError)
  }

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
    var container = container.descriptor
    try descriptor.call(.setContainer, &container, on: name)
  }

  /// `VFIO_GROUP_UNSET_CONTAINER`.
  public func unsetContainer() throws(VFIOError) {
    try descriptor.call(.unsetContainer, on: name)
  }

  /// `VFIO_GROUP_GET_DEVICE_FD`: opens the device `name` (a PCI address, an mdev UUID).
  public func device(named deviceName: String) throws(VFIOError) -> VFIODevice {
    var bytes = DeviceName(deviceName)
    let fd = try descriptor.call(.getDeviceFD, &bytes, on: "\(name), device \(deviceName)")
    return VFIODevice(adopting: FileDescriptor(rawValue: fd), name: deviceName)
  }
}
