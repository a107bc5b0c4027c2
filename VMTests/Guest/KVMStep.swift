import CVFIO
import SystemPackage
import VFIO

/// `KVM_CREATE_VM`: `_IO(KVMIO, 0x01)`.
private let kvmCreateVM: UInt = 0xAE01

/// A second descriptor of edu lent to a VM's KVM-VFIO device: KVM refuses the same group twice
/// (`EEXIST`) while it is lent, and takes it again once the device that lent it closed.
func runKVMStep(_ log: inout StepLog, container: borrowing VFIOContainer, edu: PCIAddress) {
  log.step("KVM: a device lent to a VM's KVM-VFIO device for exactly as long as it lives") {
    let kvm: FileDescriptor
    do { kvm = try FileDescriptor.open("/dev/kvm", .readWrite, options: [.closeOnExec]) } catch {
      // TCG gives the guest no SVM or VMX, so its KVM modules find nothing to drive.
      return "no /dev/kvm in this guest (\(error)): lending not exercised"
    }
    defer { try? kvm.close() }
    let vmNumber = cvfio_ioctl_value(kvm.rawValue, kvmCreateVM, 0)
    try require(vmNumber >= 0, "KVM_CREATE_VM: errno \(cvfio_errno())")
    let vm = FileDescriptor(rawValue: vmNumber)
    defer { try? vm.close() }
    let kvmVFIO = try KVMVFIODevice(vm: vm)
    do {
      let lent = try container.openDevice(.pci(edu))
      try lent.lend(to: kvmVFIO)
      var twice: VFIOError?
      do throws(VFIOError) { try lent.lend(to: kvmVFIO) } catch { twice = error }
      try require(twice?.errno == .fileExists, "lending the group twice: \(twice.map { "\($0)" } ?? "accepted")")
    }
    // The device closed and took its group back: lending it again is no duplicate.
    let again = try container.openDevice(.pci(edu))
    try again.lend(to: kvmVFIO)
    return "lent, refused twice (EEXIST), taken back at close, lent again"
  }
}
