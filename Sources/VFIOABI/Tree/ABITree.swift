import Foundation

/// An include tree of UAPI headers — a `linux-libc-dev` install's `usr/include`, or the `usr/include`
/// that `make headers_install` writes — whose headers are checked one by one, each as
/// `#include <name>` with only this tree (and the system's libc headers) on the include path.
public struct ABITree: Sendable, Hashable {
  /// The directory holding `linux/`, `asm-generic/`, …
  public let root: String

  /// The tree at `root`, made absolute and standardized.
  public init(root: String) {
    self.root = URL(fileURLWithPath: root).standardizedFileURL.path
  }

  /// `-I` directories for `target`: the root, then the target's multiarch directory (Debian keeps
  /// `asm/` in `usr/include/<triple>/`) when the tree has one.
  public func includeDirectories(for target: ABITarget) -> [String] {
    let multiarch = root + "/" + target.debianTriple
    var isDirectory: ObjCBool = false
    let hasMultiarch = FileManager.default.fileExists(atPath: multiarch, isDirectory: &isDirectory) && isDirectory.boolValue
    return hasMultiarch ? [root, multiarch] : [root]
  }

  /// Every header of the tree as an include name (`linux/vfio.h`), sorted: each `*.h` below the root,
  /// except in other architectures' multiarch directories (`x86_64-linux-gnu/`, named `*-linux-*`),
  /// and limited to the `directories` given (e.g. `linux`) when there are any.
  public func headers(in directories: [String] = []) throws(ABIError) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .unreadableFile(root)
    }
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { throw .unreadableFile(root) }
    var names: [String] = []
    while let next = enumerator.nextObject() as? String {
      let components = next.split(separator: "/")
      guard next.hasSuffix(".h"), let first = components.first, components.count > 1 else { continue }
      if first.contains("-linux-") { continue }
      if !directories.isEmpty && !directories.contains(String(first)) { continue }
      names.append(next)
    }
    return names.sorted()
  }
}
