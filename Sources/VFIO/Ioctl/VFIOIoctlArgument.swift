/// A value the kernel reads (and may update) through an ioctl's pointer argument.
///
/// A conforming type puts its own size where the kernel looks for it (`argsz`, or
/// `size` for iommufd) before every call, so the typed path cannot send a stale or
/// zero size: the kernel would otherwise fail the call with EINVAL or, for a size
/// larger than the memory behind it, read past it.
public protocol VFIOIoctlArgument: ~Copyable {
  /// Fixes the size field, then runs `body` with the address the kernel reads.
  mutating func withKernelArgument<Result>(_ body: (UnsafeMutableRawPointer) -> Result) -> Result
}

/// A value passed in the ioctl's argument register itself, not behind a pointer
/// (`VFIO_CHECK_EXTENSION`, `VFIO_SET_IOMMU`).
public protocol VFIOIoctlValue {
  /// The number the kernel receives as `arg`.
  var ioctlValue: UInt { get }
}

extension VFIOIoctlArgument where Self: VFIOStruct, RawValue: VariableLengthHeader {
  @inlinable
  public mutating func withKernelArgument<Result>(_ body: (UnsafeMutableRawPointer) -> Result) -> Result {
    rawValue.argsz = UInt32(MemoryLayout<RawValue>.stride)
    return withUnsafeMutablePointer(to: &rawValue) { body(UnsafeMutableRawPointer($0)) }
  }
}

extension VariableLengthArgument: VFIOIoctlArgument {
  /// `argsz` becomes the whole allocation again: after a call the kernel may have left
  /// the size it wanted there, which is not what this argument holds.
  @inlinable
  public mutating func withKernelArgument<Result>(_ body: (UnsafeMutableRawPointer) -> Result) -> Result {
    var header = self.header
    header.argsz = UInt32(truncatingIfNeeded: size)
    self.header = header
    return body(base)
  }
}
