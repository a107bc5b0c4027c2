/// The kind of file a descriptor the kernel hands back must be, read from its
/// `/proc/self/fd/N` link (which the kernel's `d_dname` of each pseudo filesystem writes).
public enum AdoptedFileKind: Sendable, Hashable, CustomStringConvertible {
  /// A device fd of `VFIO_GROUP_GET_DEVICE_FD`: `anon_inode:[vfio-device]`
  /// (`anon_inode_getfile("[vfio-device]", …)` in drivers/vfio).
  case vfioDevice
  /// A migration data fd: `anon_inode:` and a name each driver picks (`mlx5vf_mig`,
  /// `hisi_acc_vf_mig`, `pds_vfio_lm`, `qat_vf_mig`, `mtty_mig`): a new driver's name is
  /// taken, so only names of other anonymous files are refused — bracketed ones (`[vfio-device]`,
  /// `[eventfd]`), KVM's (`kvm-vm`, `kvm-vcpu:0`, `kvm-vfio`) and `inotify`.
  case migrationData
  /// A dma-buf: `/dmabuf:` and the buffer's name, empty until one is set (`dmabuffs_dname`).
  case dmaBuf
  /// A KVM device of type `KVM_DEV_TYPE_VFIO` (`KVM_CREATE_DEVICE`): `anon_inode:kvm-vfio`
  /// (`anon_inode_getfd(ops->name, …)` in virt/kvm/kvm_main.c, `.name = "kvm-vfio"` in virt/kvm/vfio.c).
  case kvmVFIODevice

  /// Whether `link`, what `/proc/self/fd/N` reads, names a file of this kind.
  public func matches(link: String) -> Bool {
    switch self {
    case .vfioDevice: link == "anon_inode:[vfio-device]"
    case .migrationData:
      link.hasPrefix("anon_inode:")
        && {
          let name = link.dropFirst("anon_inode:".count)
          return !name.isEmpty && !name.hasPrefix("[") && !name.hasPrefix("kvm-") && name != "inotify"
        }()
    case .dmaBuf: link.hasPrefix("/dmabuf:")
    case .kvmVFIODevice: link == "anon_inode:kvm-vfio"
    }
  }

  public var description: String {
    switch self {
    case .vfioDevice: "a VFIO device"
    case .migrationData: "a migration data file"
    case .dmaBuf: "a dma-buf"
    case .kvmVFIODevice: "a KVM-VFIO device"
    }
  }
}
