import Testing

/// A program the package must reject, beside the corrected program it must accept, so a
/// rejection proves the misuse and not a broken test set-up.
struct Misuse: CustomTestStringConvertible, Sendable {
  /// The misuse as the issue names it.
  let name: String
  /// Statements using the parameters of ``Misuse/preamble``.
  let wrong: String
  let right: String
  /// Text of the `error:` diagnostic the compiler must give for `wrong`.
  let diagnostic: String

  var testDescription: String { name }

  /// What each case may use: descriptors and owned values, as a VMM holds them.
  static let preamble = """
    import CVFIO
    import SystemPackage
    import VFIO

    func misuse(
      device d: DeviceDescriptor, container c: ContainerDescriptor, fd: FileDescriptor,
      owned container: consuming VFIOContainer, owned device: borrowing VFIODevice,
      iommufd: borrowing IOMMUFD
    ) throws {
    """

  func program(_ body: String) -> String { Misuse.preamble + "\n" + body + "\n}\n" }
}
