import SystemPackage

// Each group request with the argument the kernel reads for it.
extension VFIORequest where Kind == GroupIoctl, Argument == GroupStatus {
  /// `VFIO_GROUP_GET_STATUS`.
  @inlinable public static var getStatus: Self { .init(.getStatus) }
}

extension VFIORequest where Kind == GroupIoctl, Argument == ContainerDescriptor {
  /// `VFIO_GROUP_SET_CONTAINER`: the kernel reads a container's descriptor number.
  @inlinable public static var setContainer: Self { .init(.setContainer) }
}

extension VFIORequest where Kind == GroupIoctl, Argument == Void {
  /// `VFIO_GROUP_UNSET_CONTAINER`.
  @inlinable public static var unsetContainer: Self { .init(.unsetContainer) }
}

extension VFIORequest where Kind == GroupIoctl, Argument == DeviceName {
  /// `VFIO_GROUP_GET_DEVICE_FD`: returns the new device descriptor.
  @inlinable public static var getDeviceFD: Self { .init(.getDeviceFD) }
}

extension ContainerDescriptor: VFIOIoctlArgument {
  /// The kernel reads an `int` descriptor number through the pointer.
  @inlinable
  public mutating func withKernelArgument<Result>(_ body: (UnsafeMutableRawPointer) -> Result) -> Result {
    var number = fileDescriptor.rawValue
    return withUnsafeMutablePointer(to: &number) { body(UnsafeMutableRawPointer($0)) }
  }
}

/// The argument of `VFIO_GROUP_GET_DEVICE_FD`: a device's name as a C string
/// (a PCI address such as `0000:01:00.0`, or an mdev UUID).
public struct DeviceName: VFIOIoctlArgument, Hashable, Sendable {
  /// The device's name as its sysfs directory spells it.
  public var name: String

  /// The device named `name`.
  public init(_ name: String) { self.name = name }

  public mutating func withKernelArgument<Result>(_ body: (UnsafeMutableRawPointer) -> Result) -> Result {
    var bytes = Array(name.utf8CString)
    return bytes.withUnsafeMutableBytes { body($0.baseAddress!) }
  }
}
