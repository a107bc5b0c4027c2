import VFIO

/// The IO address space a controller's queues and buffers are mapped in: a type1 container or an
/// iommufd IOAS. The controller keeps it open, so the device's DMA mappings live as long as it.
public enum NVMeAddressSpace: ~Copyable, Sendable {
  /// A VFIO container (type1 IOMMU), with the device's group attached.
  case container(VFIOContainer)
  /// An iommufd IO address space the device is attached to.
  case ioas(IOAS)

  /// Maps `memory` for the device to read and write.
  func map(_ memory: consuming GuestMemory, iova: UInt64) throws(VFIOError) -> DMAMapping {
    switch self {
    case .container(let container): try container.map(memory, iova: iova, access: [.read, .write], granularity: nil)
    case .ioas(let ioas): try ioas.map(memory, iova: iova, access: [.read, .write], granularity: nil)
    }
  }
}

/// How an I/O queue pair learns that a command completed.
public enum NVMeCompletionMode: Sendable, Hashable {
  /// The thread reads the completion queue's phase tags until one flips: no system call and no
  /// interrupt per I/O, a core busy while it waits.
  case polling
  /// The completion queue raises its own MSI-X vector, which VFIO signals on an eventfd the
  /// thread blocks on between completions.
  case interrupts
}
