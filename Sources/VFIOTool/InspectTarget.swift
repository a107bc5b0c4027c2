import ArgumentParser
import SystemPackage
import VFIO

#if canImport(Glibc)
import Glibc
#endif

/// Turns the `inspect` argument into a group node and the devices to describe, refusing from
/// sysfs what VFIO would refuse later with a bare errno.
enum InspectTarget {
  static func resolve(_ target: String, sysfs: InspectSysfs) throws -> (group: FilePath, devices: [String]) {
    if !target.hasPrefix("/") && Int(target) == nil {
      let number = try sysfs.checkedGroup(ofDevice: target)
      // A device without an IOMMU, bound with vfio's unsafe noiommu mode, has a noiommu group node.
      let noIOMMU = "/dev/vfio/noiommu-\(number)"
      return (FilePath(access(noIOMMU, F_OK) == 0 ? noIOMMU : "/dev/vfio/\(number)"), [target])
    }
    let path = target.hasPrefix("/") ? FilePath(target) : FilePath("/dev/vfio/\(target)")
    guard let last = path.lastComponent?.string,
      let number = UInt32(last.split(separator: "-").last.map(String.init) ?? last)
    else { throw ValidationError("no group number in '\(target)'") }
    return (path, try sysfs.checkViable(group: number))
  }
}
