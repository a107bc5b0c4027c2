import ArgumentParser
import SystemPackage
import VFIO

#if canImport(Glibc)
import Glibc
#endif

/// Turns the `inspect` argument into a group node and the devices to describe, refusing from
/// sysfs what VFIO would refuse later with a bare errno.
enum InspectTarget {
  static func resolve(_ target: String, sysfs: InspectSysfs) throws -> (group: FilePath, devices: [FilePath.Component]) {
    if !target.hasPrefix("/") && !target.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
      let number = try sysfs.checkedGroup(ofDevice: target)
      // A device without an IOMMU, bound with vfio's unsafe noiommu mode, has a noiommu group node.
      let noIOMMU = "/dev/vfio/noiommu-\(number)"
      let name = FilePath.Component(target).map { [$0] } ?? []
      return (FilePath(access(noIOMMU, F_OK) == 0 ? noIOMMU : "/dev/vfio/\(number)"), name)
    }
    let path = target.hasPrefix("/") ? FilePath(target) : FilePath("/dev/vfio/\(target)")
    // The node's name is the group number, or noiommu- and the number, in canonical decimal.
    guard let last = path.lastComponent?.string,
      let number = IOMMUGroupNumber(last.hasPrefix("noiommu-") ? last.dropFirst("noiommu-".count) : Substring(last))
    else { throw ValidationError("no group number in '\(TerminalText.escaped(target))'") }
    try sysfs.checkViable(group: number.rawValue)
    return (path, try Self.devices(of: number, sysfs: sysfs))
  }

  /// The group's devices as sysfs lists them, by bytes, sorted.
  private static func devices(of number: IOMMUGroupNumber, sysfs: InspectSysfs) throws -> [FilePath.Component] {
    let listing = FilePath(sysfs.root).appending("kernel").appending("iommu_groups")
      .appending("\(number.rawValue)").appending("devices")
    guard let handle = listing.withPlatformString({ opendir($0) }) else {
      throw InspectRefusal("no such IOMMU group: \(number.rawValue)")
    }
    defer { closedir(handle) }
    var names: [FilePath.Component] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        FilePath.Component(platformString: bytes.prefix { $0 != 0 }.map { CChar(bitPattern: $0) } + [0])
      }
      if let name, name.kind == .regular { names.append(name) }
    }
    return names.sorted { $0.string < $1.string }
  }
}
