/// A typed wrapper over the fixed part of a C struct of `<linux/vfio.h>`.
///
/// The wrapper stores the C struct itself, so it has the C layout, converts
/// both ways without loss, and can be passed to the kernel by pointer.
/// Variable-length tails (flexible array members, capability chains) are
/// not part of the wrapper.
public protocol VFIOStruct: RawRepresentable {
  /// The C struct, which the kernel reads and writes.
  var rawValue: RawValue { get set }
  init(rawValue: RawValue)
}

extension VFIOStruct {
  /// The size of the C struct, `sizeof` in C: the `argsz` of its fixed part.
  @inlinable
  public static var size: Int { MemoryLayout<RawValue>.stride }
}
