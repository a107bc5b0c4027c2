import Testing

/// A program the package must reject, beside the corrected program it must accept, so a
/// rejection proves the misuse and not a broken test set-up.
struct Misuse: CustomTestStringConvertible, Sendable {
  /// The misuse as the issue names it.
  let name: String
  /// Statements using the parameters of ``Misuse/function(_:_:)``.
  let wrong: String
  let right: String
  /// Text of the `error:` diagnostic the compiler must give for `wrong`.
  let diagnostic: String

  var testDescription: String { name }

  /// The imports of every program.
  static let preamble = """
    import CVFIO
    import SystemPackage
    import VFIO

    """

  /// A function taking descriptors and owned values, as a VMM holds them.
  static func function(_ name: String, _ body: String) -> String {
    """
    func \(name)(
      device d: DeviceDescriptor, container c: ContainerDescriptor, fd: FileDescriptor,
      owned container: consuming VFIOContainer, owned device: borrowing VFIODevice, group: borrowing VFIOGroup,
      iommufd: borrowing IOMMUFD, ioas: borrowing IOAS, registers: borrowing VFIOMapping,
      file: consuming MigrationDataFile, pointer: UnsafeMutableRawPointer, count: Int
    ) throws {
    \(body)
    }

    """
  }

  func program(_ body: String) -> String { Misuse.preamble + Misuse.function("misuse", body) }
}
