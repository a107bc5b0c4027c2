import CVFIO

/// The argument of `VFIO_EEH_PE_OP` on a POWER container: an EEH operation on the
/// container's partitionable endpoint.
///
/// The error to inject (`EEHOperation.injectError`) is the C struct's `err`,
/// reachable through ``rawValue``.
///
/// The C struct is `struct vfio_eeh_pe_op`; ``rawValue`` reaches every field.
public struct EEHPEOperation: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_eeh_pe_op

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_eeh_pe_op) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_eeh_pe_op` and the given fields.
  @inlinable
  public init(operation: EEHOperation) {
    rawValue = vfio_eeh_pe_op()
    rawValue.argsz = UInt32(MemoryLayout<vfio_eeh_pe_op>.stride)
    self.operation = operation
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The operation.
  @inlinable public var operation: EEHOperation {
    get { EEHOperation(rawValue: rawValue.op) }
    set { rawValue.op = newValue.rawValue }
  }
}
