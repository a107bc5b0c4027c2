/// `LINUX_VERSION_CODE` read from `<linux/version.h>`'s text where the text leaves clang no choice:
/// every kernel since 2.6 installs the header as `#define` lines and nothing else, and one of them
/// defines `LINUX_VERSION_CODE` as a decimal literal. `vfio abi check` would otherwise parse the header
/// twice with libclang (its macros, then their values) on a second thread, beside the checked header's
/// own two parses, which it slowed by a fifth: the two threads share one process's page faults and
/// allocator.
///
/// Anything else — a comment (which could hide a line), a conditional, an include, an `#undef`, a line
/// continuation, a second definition, a value that is not a plain decimal literal, a byte outside
/// printable ASCII, a file that is not a small regular file — returns nil, and clang reads the header.
enum VersionHeader {
  /// Larger than any version header installed (under 300 bytes): a bound on what is read, not a guess.
  static let sizeLimit = 4096

  /// The code the header at `path` defines, when its text alone decides it.
  static func code(atPath path: String) -> Int? {
    RegularFile.read(path, limit: sizeLimit).flatMap(code(in:))
  }

  /// The code `text` defines, when it alone decides it (see the type's comment).
  static func code(in text: [UInt8]) -> Int? {
    guard !text.contains(where: { !($0 == 0x0A || $0 == 0x09 || (0x20..<0x7F).contains($0)) }) else { return nil }
    // A comment or a continuation could change what any line means.
    guard !text.contains(UInt8(ascii: "\\")), !text.contains(word: "/*"), !text.contains(word: "//") else { return nil }
    var found: Int?
    for line in DirectiveText.logicalLines(text) where line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
      switch DirectiveText.directive(line) {
      case .define(name: "LINUX_VERSION_CODE", let value):
        guard found == nil, let code = decimal(value) else { return nil }
        found = code
      // `LINUX_VERSION_CODE(` would be function-like.
      case .defineFunction(name: "LINUX_VERSION_CODE"): return nil
      case .define, .defineFunction: continue
      default: return nil
      }
    }
    return found
  }

  /// A decimal literal without suffix (`0` followed by digits would be octal), of at most nine digits.
  private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
    guard (1...9).contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }),
      digits.count == 1 || digits.first != 0x30
    else { return nil }
    return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
  }
}
