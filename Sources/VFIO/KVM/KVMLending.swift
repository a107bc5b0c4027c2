import SystemPackage

/// The KVM-VFIO devices a VFIO device is lent to, and what it lends: its group (opened through
/// a group) or its own cdev. Each lending ends (`KVM_DEV_VFIO_FILE_DEL`) when the device goes.
///
/// It keeps its own descriptors of both files, so the deletion names the right files whatever
/// the device's descriptor has become by then.
internal final class KVMLending: Sendable {
  private struct Lent {
    let kvm: CInt
    let file: CInt
  }

  /// A duplicate of the group's descriptor for a device opened through its group; -1 otherwise.
  private let group: CInt
  private let lent = Locked<[Lent]>([])

  init(group: CInt = -1) { self.group = group }

  /// Keeps a duplicate of `group` to lend in place of the device.
  convenience init(group: FileDescriptor, on target: String) throws(VFIOError) {
    switch system_dupCloseOnExec(group.rawValue) {
    case .success(let fd): self.init(group: fd)
    case .failure(let errno): throw VFIOError(operation: "F_DUPFD_CLOEXEC", target: "\(target), its group", errno: errno)
    }
  }

  deinit {
    for entry in lent.withLock({ $0 }) {
      _ = Self.setAttribute(kvm: entry.kvm, file: entry.file, KVMConstants.vfioFileDelete)
      _ = system_close(entry.kvm)
      _ = system_close(entry.file)
    }
    if group >= 0 { _ = system_close(group) }
  }

  /// `KVM_DEV_VFIO_FILE_ADD` of the group (or `device`) to `kvm`.
  func lend(device: FileDescriptor, to kvm: FileDescriptor, on target: String) throws(VFIOError) {
    let operation = "KVM_SET_DEVICE_ATTR(KVM_DEV_VFIO_FILE_ADD)"
    var copies: [CInt] = []
    for fd in [group >= 0 ? group : device.rawValue, kvm.rawValue] {
      switch system_dupCloseOnExec(fd) {
      case .success(let copy): copies.append(copy)
      case .failure(let errno):
        copies.forEach { _ = system_close($0) }
        throw VFIOError(operation: "\(operation) (F_DUPFD_CLOEXEC)", target: target, errno: errno)
      }
    }
    let entry = Lent(kvm: copies[1], file: copies[0])
    if let errno = Self.setAttribute(kvm: entry.kvm, file: entry.file, KVMConstants.vfioFileAdd) {
      copies.forEach { _ = system_close($0) }
      throw VFIOError(operation: operation, target: target, errno: errno)
    }
    lent.withLock { $0.append(entry) }
  }

  private static func setAttribute(kvm: CInt, file: CInt, _ attribute: UInt64) -> Errno? {
    var fd = Int32(file)
    return withUnsafeMutablePointer(to: &fd) { pointer in
      var request = KVMDeviceAttribute(
        group: KVMConstants.vfioFileGroup, attribute: attribute, address: UInt64(UInt(bitPattern: pointer)))
      let result = withUnsafeMutableBytes(of: &request) { argument in
        valueOrErrno(retryOnInterrupt: true) { system_ioctl(kvm, KVMConstants.setDeviceAttribute, argument.baseAddress) }
      }
      if case .failure(let errno) = result { return errno }
      return nil
    }
  }
}

extension VFIODevice {
  /// Lends this device to a VM's KVM-VFIO device (`KVM_DEV_VFIO_FILE_ADD`) until the device is
  /// closed, when the package takes it back (`KVM_DEV_VFIO_FILE_DEL`): its group when it was
  /// opened through one (type1, the container's group), otherwise its cdev (iommufd).
  ///
  /// A VMM lends every device it assigns to a guest, before the guest runs.
  public func lend(to kvm: borrowing KVMVFIODevice) throws(VFIOError) {
    try kvmLending.lend(device: descriptor.fileDescriptor, to: kvm.fileDescriptor, on: target)
  }
}
