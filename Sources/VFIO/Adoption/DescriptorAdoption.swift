import SystemPackage

/// Every descriptor number the package owns now: one the kernel hands back that is already
/// here would be closed twice, the second time under whoever reuses the number.
internal enum OwnedDescriptorNumbers {
  // Locked, not Mutex: see Locked's comment.
  static let numbers = Locked<Set<Int32>>([])

  static func insert(_ fd: Int32) { _ = numbers.withLock { $0.insert(fd) } }

  /// Called before the descriptor is closed: once closed, the kernel may hand the number out again.
  static func remove(_ fd: Int32) { _ = numbers.withLock { $0.remove(fd) } }

  static func contains(_ fd: Int32) -> Bool { numbers.withLock { $0.contains(fd) } }
}

/// Checks a descriptor number a kernel call returned before anything owns it: not negative,
/// not 0–2, open, not owned by the package already, and — where `/proc` is mounted — a file of
/// `kind`. A refused number is left open.
internal func checkHandedBack(_ fd: Int32, as kind: AdoptedFileKind) -> Result<FileDescriptor, DescriptorRefusal> {
  func refused(_ problem: DescriptorRefusal.Problem) -> Result<FileDescriptor, DescriptorRefusal> {
    .failure(DescriptorRefusal(descriptor: fd, expected: kind, problem: problem))
  }
  guard fd >= 0 else { return refused(.negative) }
  guard fd > 2 else { return refused(.standardStream) }
  guard system_isOpen(fd) else { return refused(.notOpen) }
  guard !OwnedDescriptorNumbers.contains(fd) else { return refused(.alreadyOwned) }
  // Without /proc (a container that lacks it) the kind cannot be read; the other checks stand.
  if case .success(let link) = system_readlink(FilePath("/proc/self/fd/\(fd)")) {
    let text = String(decoding: link, as: UTF8.self)
    guard kind.matches(link: text) else { return refused(.unexpectedFile(link: text)) }
  }
  return .success(FileDescriptor(rawValue: fd))
}

extension VFIOError {
  /// The descriptor `fd` that `operation` on `target` returned, checked to be a file of `kind`.
  internal static func adopting(
    _ fd: Int32, as kind: AdoptedFileKind, operation: String, target: String
  ) throws(VFIOError) -> FileDescriptor {
    switch checkHandedBack(fd, as: kind) {
    case .success(let descriptor): return descriptor
    case .failure(let refusal): throw VFIOError(operation: operation, target: target, reason: .descriptorRefused(refusal))
    }
  }
}
