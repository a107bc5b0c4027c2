/// A descriptor number the kernel (or a driver) handed back that the package did not take
/// ownership of. It is left open: closing a number the process uses elsewhere (standard
/// output, a descriptor the package already owns) would break what uses it.
public struct DescriptorRefusal: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was wrong with the descriptor.
  public enum Problem: Hashable, Sendable {
    /// A negative number other than an error return: no descriptor has it.
    case negative
    /// 0, 1 or 2: standard input, output or error, never a file the kernel just opened.
    case standardStream
    /// No open descriptor has the number.
    case notOpen
    /// The package owns a descriptor of that number already.
    case alreadyOwned
    /// Its `/proc/self/fd` link names another kind of file.
    case unexpectedFile(link: String)
  }

  /// The number handed back.
  public let descriptor: Int32
  /// The kind of file the package expected.
  public let expected: AdoptedFileKind
  /// Why it was refused.
  public let problem: Problem

  /// `descriptor`, expected to be `expected`, refused for `problem`.
  public init(descriptor: Int32, expected: AdoptedFileKind, problem: Problem) {
    self.descriptor = descriptor
    self.expected = expected
    self.problem = problem
  }

  public var description: String {
    let why =
      switch problem {
      case .negative: "no descriptor has a negative number"
      case .standardStream:
        (0...2).contains(descriptor)
          ? "it is standard \(["input", "output", "error"][Int(descriptor)])" : "it is a standard stream"
      case .notOpen: "it is not open"
      case .alreadyOwned: "the package owns it already"
      case .unexpectedFile(let link): "it is \(link.debugDescription)"
      }
    return "descriptor \(descriptor) handed back for \(expected) refused, left open: \(why)"
  }
}
