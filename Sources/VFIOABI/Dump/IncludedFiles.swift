/// The other files whose declarations a manifest lists as visible through the header: those below one
/// of its roots — the `-I` directories and, for a header given as a file, that file's directory — named
/// relative to the root (`linux/types.h`). System headers stay out unless a root holds them.
struct IncludedFiles: Sendable {
  /// Each absolute root directory's bytes and a slash, longest first, so the most specific root names
  /// a file: names are matched byte by byte, as the file system matches them (tree mode names every
  /// line marker of every text, so this is a hot path).
  private let prefixes: [[UInt8]]

  init(roots: [String]) {
    prefixes = roots.map { Array($0.hasSuffix("/") ? $0.utf8.dropLast() : $0.utf8[...]) }.filter { !$0.isEmpty }
      .sorted { $0.count > $1.count }.map { $0 + [UInt8(ascii: "/")] }
  }

  /// The name of `file` relative to its root, or nil when it is below none.
  /// Slashes doubled after the root (`/usr/include//linux/types.h`, which a `#line` may write) are
  /// dropped, so a name is never absolute, and the root itself names no file: an empty name would be
  /// taken for the header's own.
  func name(of file: String) -> String? {
    var file = file
    return file.withUTF8 { bytes in
      for prefix in prefixes where bytes.starts(with: prefix) {
        let name = bytes[prefix.count...].drop { $0 == UInt8(ascii: "/") }
        return name.isEmpty ? nil : String(decoding: UnsafeBufferPointer(rebasing: name), as: UTF8.self)
      }
      return nil
    }
  }
}
