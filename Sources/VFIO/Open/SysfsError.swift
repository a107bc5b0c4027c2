import SystemPackage

/// Why the package did not believe what it read, or was asked to read, in sysfs.
public enum SysfsError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `name` is not one path component (it is empty, `.` or `..`, or holds `/` or NUL), so
  /// joined to a sysfs directory it would name something else.
  case notAComponent(String)
  /// A device directory that is not an absolute path without `.` or `..` under the sysfs root.
  case outsideRoot(FilePath)
  /// The link at `link` leads to `target`, not to a directory of
  /// `<sysfs root>/kernel/iommu_groups`.
  case unexpectedLink(link: FilePath, target: FilePath)
  /// The group a link names is no group number in canonical decimal (`+7`, `007`, `-0`).
  case notAGroupNumber(FilePath.Component)
  /// The device name is not UTF-8: `VFIO_GROUP_GET_DEVICE_FD` takes the name as a string,
  /// and a repaired one would name another device.
  case nameNotUTF8(FilePath.Component)

  public var description: String {
    switch self {
    // Quoted and escaped: what sysfs holds is not believed to be printable.
    case .notAComponent(let name): "\(name.debugDescription) is not one path component"
    case .outsideRoot(let path): "\(path.debugDescription) is not a directory under the sysfs root"
    case .unexpectedLink(let link, let target):
      "\(link.debugDescription) leads to \(target.debugDescription), not to an IOMMU group"
    case .notAGroupNumber(let component): "\(component.debugDescription) is not a group number"
    case .nameNotUTF8(let component): "the device name \(component.debugDescription) is not UTF-8"
    }
  }
}
