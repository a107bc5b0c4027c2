import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A sysfs tree in a temporary directory, shaped like the kernel's and built by bytes, so
/// names that are not UTF-8 and hostile links can be planted: devices under
/// `devices/pci0000:00`, linked from `bus/pci/devices`, each with `driver` and `iommu_group`
/// links, and each group's `devices` directory linking back to them. Removed when released.
public final class FakeSysfs {
  /// The directory that holds `sys` and whatever a test plants beside it.
  public let base: FilePath
  /// The sysfs root: `base/sys`.
  public var root: FilePath { base.appending("sys") }

  public init() {
    var template = Array("/tmp/vfio-sysfs-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    precondition(made != nil, "mkdtemp: \(Errno(rawValue: errno))")
    base = FilePath(platformString: template)
    Self.makeDirectories(root)
  }

  deinit { Self.removeTree(base) }

  /// Removes `path` depth first without following links, whatever bytes name its entries.
  static func removeTree(_ path: FilePath) {
    if let handle = path.withPlatformString({ opendir($0) }) {
      var entries: [FilePath.Component] = []
      while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
          FilePath.Component(platformString: bytes.prefix { $0 != 0 }.map { CChar(bitPattern: $0) } + [0])
        }
        if let name, name.kind == .regular { entries.append(name) }
      }
      closedir(handle)
      var status = stat()
      for entry in entries {
        let child = path.appending(entry)
        let isDirectory = child.withPlatformString { lstat($0, &status) } == 0 && status.st_mode & S_IFMT == S_IFDIR
        if isDirectory { removeTree(child) } else { _ = child.withPlatformString { unlink($0) } }
      }
    }
    _ = path.withPlatformString { rmdir($0) }
  }

  /// A path component from raw bytes (`[0xFF, 0xFE]` is not UTF-8).
  public static func component(_ bytes: [UInt8]) -> FilePath.Component {
    FilePath.Component(platformString: bytes.map { CChar(bitPattern: $0) } + [0])!
  }

  /// Creates `path` and its missing parents.
  public static func makeDirectories(_ path: FilePath) {
    var partial = FilePath(root: path.root)
    for component in path.components {
      partial.append(component)
      _ = partial.withPlatformString { mkdir($0, 0o755) }
    }
  }

  /// A symbolic link at `path` holding `target` as given (relative or absolute).
  public static func link(_ path: FilePath, to target: FilePath) {
    let result = target.withPlatformString { target in path.withPlatformString { symlink(target, $0) } }
    precondition(result == 0, "symlink \(path): \(Errno(rawValue: errno))")
  }

  /// The device's real directory.
  public func deviceDirectory(_ name: FilePath.Component) -> FilePath {
    root.appending("devices").appending("pci0000:00").appending(name)
  }

  /// Adds PCI device `name` in the group whose directory is named `group` (nil: no group),
  /// bound to `driver` (nil: unbound); `subsystem` is the bus its `subsystem` link names.
  public func addDevice(
    _ name: FilePath.Component, group: FilePath.Component?, driver: FilePath.Component?,
    bus: String = "pci", subsystem: String? = nil
  ) {
    let directory = deviceDirectory(name)
    Self.makeDirectories(directory)
    let busDevices = root.appending("bus").appending(bus).appending("devices")
    Self.makeDirectories(busDevices)
    Self.link(busDevices.appending(name), to: FilePath("../../../devices/pci0000:00").appending(name))
    if let driver {
      Self.link(directory.appending("driver"), to: FilePath("../../../bus/\(bus)/drivers").appending(driver))
    }
    if let subsystem { Self.link(directory.appending("subsystem"), to: FilePath("../../../bus/\(subsystem)")) }
    guard let group else { return }
    let members = root.appending("kernel").appending("iommu_groups").appending(group).appending("devices")
    Self.makeDirectories(members)
    Self.link(directory.appending("iommu_group"), to: FilePath("../../../kernel/iommu_groups").appending(group))
    Self.link(members.appending(name), to: FilePath("../../../../devices/pci0000:00").appending(name))
  }

  /// Adds PCI device `name` whose `iommu_group` link holds `target` as given.
  public func addDevice(_ name: FilePath.Component, iommuGroupLink target: FilePath) {
    let directory = deviceDirectory(name)
    Self.makeDirectories(directory)
    let busDevices = root.appending("bus").appending("pci").appending("devices")
    Self.makeDirectories(busDevices)
    Self.link(busDevices.appending(name), to: FilePath("../../../devices/pci0000:00").appending(name))
    Self.link(directory.appending("iommu_group"), to: target)
  }
}
