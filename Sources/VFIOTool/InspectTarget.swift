import ArgumentParser
import SystemPackage
import VFIO

/// Turns the `inspect` argument into a group node and the devices to describe.
enum InspectTarget {
  static func resolve(_ target: String) throws -> (group: FilePath, devices: [String]) {
    if !target.hasPrefix("/") && Int(target) == nil {
      let number = try VFIOGroup.number(ofDevice: target)
      // A device without an IOMMU, bound with vfio's unsafe noiommu mode, has a noiommu group node.
      let noIOMMU = "/dev/vfio/noiommu-\(number.rawValue)"
      return (FilePath(access(noIOMMU, F_OK) == 0 ? noIOMMU : "/dev/vfio/\(number.rawValue)"), [target])
    }
    let path = target.hasPrefix("/") ? FilePath(target) : FilePath("/dev/vfio/\(target)")
    guard let last = path.lastComponent?.string else { throw ValidationError("no group in '\(target)'") }
    let number = last.split(separator: "-").last.map(String.init) ?? last
    let listing = FilePath("/sys/kernel/iommu_groups/\(number)/devices")
    return (path, try directoryEntries(listing).sorted())
  }
}

#if canImport(Glibc)
import Glibc
#endif

/// The names in directory `path`, without `.` and `..`.
private func directoryEntries(_ path: FilePath) throws -> [String] {
  guard let directory = opendir(path.string) else {
    throw ValidationError("cannot list \(path): \(Errno(rawValue: errno))")
  }
  defer { closedir(directory) }
  var names: [String] = []
  while let entry = readdir(directory) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    if name != "." && name != ".." { names.append(name) }
  }
  return names
}
