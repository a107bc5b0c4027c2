/// The other files whose declarations a manifest lists as visible through the header: those below one
/// of its roots — the `-I` directories and, for a header given as a file, that file's directory — named
/// relative to the root (`linux/types.h`). System headers stay out unless a root holds them.
struct IncludedFiles: Sendable {
  /// Absolute directories, longest first, so the most specific root names a file.
  let roots: [String]

  init(roots: [String]) {
    self.roots = roots.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
      .sorted { $0.count > $1.count }
  }

  /// The name of `file` relative to its root, or nil when it is below none.
  /// Slashes doubled after the root (`/usr/include//linux/types.h`, which a `#line` may write) are
  /// dropped, so a name is never absolute, and the root itself names no file: an empty name would be
  /// taken for the header's own.
  func name(of file: String) -> String? {
    for root in roots where file.hasPrefix(root + "/") {
      let name = file.dropFirst(root.count).drop { $0 == "/" }
      return name.isEmpty ? nil : String(name)
    }
    return nil
  }
}
