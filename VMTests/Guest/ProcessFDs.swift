#if canImport(Glibc)
import Glibc
#endif

/// The descriptors this process has open, each with what it refers to, from /proc/self/fd (the
/// listing's own descriptor left out).
func openDescriptors() -> [Int32: String] {
  guard let directory = opendir("/proc/self/fd") else { return [:] }
  defer { closedir(directory) }
  let own = dirfd(directory)
  var descriptors: [Int32: String] = [:]
  while let entry = readdir(directory) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    guard let number = Int32(name), number != own else { continue }
    var target = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/fd/\(name)", &target, target.count)
    descriptors[number] = length >= 0 ? String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
  }
  return descriptors
}

/// ``openDescriptors()`` once two listings 10 ms apart agree. A runtime thread may hold a file open
/// for a moment: counts taken without this once found 8 descriptors before a suite whose every step
/// passed and 7 after it. A descriptor the suite leaked, or closed without owning it, stays.
func settledDescriptors() -> [Int32: String] {
  var last = openDescriptors()
  for _ in 0..<100 {
    pause(microseconds: 10_000)
    let next = openDescriptors()
    if next == last { return next }
    last = next
  }
  return last
}

/// The step that finds a descriptor a suite left open, or one it closed that was open before it.
func checkNoDescriptorLeft(_ log: inout StepLog, before: [Int32: String]) {
  log.step("no descriptor left open") {
    let after = settledDescriptors()
    let opened = after.filter { before[$0.key] != $0.value }
    let closed = before.filter { after[$0.key] != $0.value }
    try require(opened.isEmpty && closed.isEmpty, "left open: \(listed(opened)); closed: \(listed(closed))")
    return "\(after.count) open before and after"
  }
}

private func listed(_ descriptors: [Int32: String]) -> String {
  descriptors.isEmpty ? "none" : descriptors.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", ")
}

/// Sleeps `microseconds` between polls of a device register.
func pause(microseconds: UInt32) { usleep(microseconds) }
