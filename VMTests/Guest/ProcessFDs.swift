#if canImport(Glibc)
import Glibc
#endif

/// The descriptors this process has open, from /proc/self/fd (minus the one listing it).
func openDescriptorCount() -> Int {
  guard let directory = opendir("/proc/self/fd") else { return -1 }
  var count = 0
  while let entry = readdir(directory) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    if name != "." && name != ".." { count += 1 }
  }
  closedir(directory)
  return count - 1
}

/// Sleeps `microseconds` between polls of a device register.
func pause(microseconds: UInt32) { usleep(microseconds) }
