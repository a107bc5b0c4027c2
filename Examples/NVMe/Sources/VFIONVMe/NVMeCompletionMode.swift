import VFIO

/// How an I/O queue pair learns that a command completed.
public enum NVMeCompletionMode: Sendable, Hashable {
  /// The thread reads the completion queue's phase tags until one flips: no system call and no
  /// interrupt per I/O, a core busy while it waits.
  case polling
  /// The completion queue raises its own MSI-X vector, which VFIO signals on an eventfd the
  /// thread blocks on between completions.
  case interrupts
}
