import SystemPackage

/// A VM's KVM-VFIO pseudo-device (`KVM_CREATE_DEVICE` with `KVM_DEV_TYPE_VFIO`): through it
/// KVM learns which VFIO groups or device cdevs the VM uses, for coherent-DMA decisions,
/// s390's and POWER's IOMMU tables and vGPU drivers that need the VM. Closed when it goes
/// out of scope.
///
/// A device is lent to it with ``VFIODevice/lend(to:)``, for as long as the device lives.
public struct KVMVFIODevice: ~Copyable, Sendable {
  internal let owned: OwnedDescriptor

  /// Creates the VM's KVM-VFIO device: `vm` is the descriptor `KVM_CREATE_VM` returned, which
  /// the caller keeps owning.
  public init(vm: FileDescriptor) throws(VFIOError) {
    var request = KVMCreateDevice(type: KVMConstants.deviceTypeVFIO)
    let result = withUnsafeMutableBytes(of: &request) { argument in
      valueOrErrno(retryOnInterrupt: true) { system_ioctl(vm.rawValue, KVMConstants.createDevice, argument.baseAddress) }
    }
    let operation = "KVM_CREATE_DEVICE(KVM_DEV_TYPE_VFIO)", target = "VM descriptor \(vm.rawValue)"
    if case .failure(let errno) = result { throw VFIOError(operation: operation, target: target, errno: errno) }
    owned = OwnedDescriptor(
      try VFIOError.adopting(CInt(bitPattern: request.fd), as: .kvmVFIODevice, operation: operation, target: target))
  }

  /// Takes ownership of an open KVM-VFIO device descriptor.
  ///
  /// The caller gives up the descriptor: nothing else may close it or adopt it again.
  public init(unsafeAdopting fileDescriptor: FileDescriptor) {
    owned = OwnedDescriptor(fileDescriptor)
  }

  /// The device's descriptor, valid while this value lives.
  public var fileDescriptor: FileDescriptor { owned.fileDescriptor }
}

/// `struct kvm_create_device`.
internal struct KVMCreateDevice {
  var type: UInt32
  var fd: UInt32 = 0
  var flags: UInt32 = 0
}

/// `struct kvm_device_attr`.
internal struct KVMDeviceAttribute {
  var flags: UInt32 = 0
  var group: UInt32
  var attribute: UInt64
  var address: UInt64
}

/// What `<linux/kvm.h>` defines for the KVM-VFIO device; the package does not import that header
/// (it would bring all of KVM's UAPI into every user's module), and tests compare these values
/// with the C preprocessor's.
internal enum KVMConstants {
  /// `KVMIO`.
  static var ioctlType: Int { 0xAE }
  /// `KVM_CREATE_DEVICE`: `_IOWR(KVMIO, 0xe0, struct kvm_create_device)`.
  static var createDevice: UInt { request([.read, .write], 0xE0, MemoryLayout<KVMCreateDevice>.size) }
  /// `KVM_SET_DEVICE_ATTR`: `_IOW(KVMIO, 0xe1, struct kvm_device_attr)`.
  static var setDeviceAttribute: UInt { request(.write, 0xE1, MemoryLayout<KVMDeviceAttribute>.size) }
  /// `KVM_DEV_TYPE_VFIO` of `enum kvm_device_type`.
  static var deviceTypeVFIO: UInt32 { 4 }
  /// `KVM_DEV_VFIO_FILE` (`KVM_DEV_VFIO_GROUP` before Linux 6.6, the same value).
  static var vfioFileGroup: UInt32 { 1 }
  /// `KVM_DEV_VFIO_FILE_ADD` (`KVM_DEV_VFIO_GROUP_ADD`).
  static var vfioFileAdd: UInt64 { 1 }
  /// `KVM_DEV_VFIO_FILE_DEL` (`KVM_DEV_VFIO_GROUP_DEL`).
  static var vfioFileDelete: UInt64 { 2 }

  private static func request(_ direction: IoctlDirection, _ number: Int, _ size: Int) -> UInt {
    // KVM's numbers and sizes fit every encoding; the initializer cannot fail for them.
    UInt((try? IoctlRequest(direction: direction, type: ioctlType, number: number, size: size))?.rawValue ?? 0)
  }
}
