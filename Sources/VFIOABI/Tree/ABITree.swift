import FoundationEssentials
import Glibc

/// An include tree of UAPI headers — a `linux-libc-dev` install's `usr/include`, or the `usr/include`
/// that `make headers_install` writes — whose headers are checked one by one, each as
/// `#include <name>` with only this tree (and the system's libc headers) on the include path.
public struct ABITree: Sendable, Hashable {
  /// The directory holding `linux/`, `asm-generic/`, …: the path given, made absolute with every
  /// symbolic link resolved, so that a root reached through a link is walked like the directory itself.
  public let root: String

  /// The tree at `root`, made absolute and resolved (`realpath`); a root that does not exist is kept
  /// as given, standardized, for ``headers(in:target:)`` to refuse.
  public init(root: String) {
    let standardized = URL(fileURLWithPath: root).standardizedFileURL.path
    guard let resolved = realpath(standardized, nil) else {
      self.root = standardized
      return
    }
    defer { free(resolved) }
    self.root = String(cString: resolved)
  }

  /// `-I` directories for `target`: the root, then the target's multiarch directory (Debian keeps
  /// `asm/` in `usr/include/<triple>/`) when the tree has one.
  public func includeDirectories(for target: ABITarget) -> [String] {
    let multiarch = root + "/" + target.debianTriple
    return Self.isDirectory(multiarch) ? [root, multiarch] : [root]
  }

  /// The headers of the tree and the files named like headers that are not regular files.
  public struct Listing: Sendable, Hashable {
    /// Every header as an include name (`linux/vfio.h`, `asm/kvm_para.h`), sorted.
    public var headers: [String]
    /// Paths below the root, named like headers, that are no regular file (a FIFO, a socket, a
    /// device, a link to nothing): never opened, since reading a FIFO would wait for a writer forever.
    public var skipped: [String]
  }

  /// Every header of the tree as an include name (`linux/vfio.h`), sorted: each `*.h` below the root,
  /// and each `*.h` of `asm/` in the target's multiarch directory, named as `#include` names it
  /// (`x86_64-linux-gnu/asm/kvm_para.h` is `asm/kvm_para.h`). Other multiarch directories (named
  /// `*-linux-*`) hold other architectures' headers, or the C library's, and are left out. Limited
  /// to the top directories `directories` names (e.g. `linux`, `asm`) when there are any.
  public func headers(in directories: [String] = [], target: ABITarget? = ABITarget.host) throws(ABIError) -> [String] {
    try listing(in: directories, target: target).headers
  }

  /// ``headers(in:target:)`` with the files named like headers that were left out as no regular file.
  public func listing(in directories: [String] = [], target: ABITarget? = ABITarget.host) throws(ABIError) -> Listing {
    guard Self.isDirectory(root) else { throw .unreadableFile(root) }
    var names = Set<String>()
    var skipped: [String] = []
    let multiarch = target.map(\.debianTriple)
    for (base, prefix) in [(root, ""), multiarch.map { (root + "/" + $0 + "/asm", "asm/") }].compactMap({ $0 }) {
      guard Self.isDirectory(base) else { continue }
      for next in Self.paths(below: base) {
        let name = prefix + next
        let components = name.split(separator: "/")
        guard name.hasSuffix(".h"), let first = components.first, components.count > 1 else { continue }
        if prefix.isEmpty && first.contains("-linux-") { continue }
        if !directories.isEmpty && !directories.contains(String(first)) { continue }
        guard RegularFile.exists(at: base + "/" + next) else {
          skipped.append(base + "/" + next)
          continue
        }
        names.insert(name)
      }
    }
    return Listing(headers: names.sorted(), skipped: skipped.sorted())
  }

  /// Every path below `directory`, relative to it, hidden ones included. Links are listed, never
  /// followed into (a link to a directory is not walked), and a directory that cannot be read is
  /// left out, as Foundation's directory enumerator does.
  private static func paths(below directory: String) -> [String] {
    var paths: [String] = []
    var pending = [""]
    while let relative = pending.popLast() {
      guard let stream = opendir(relative.isEmpty ? directory : directory + "/" + relative) else { continue }
      defer { closedir(stream) }
      while let entry = readdir(stream) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard name != ".", name != ".." else { continue }
        let path = relative.isEmpty ? name : relative + "/" + name
        paths.append(path)
        if isWalkable(entry.pointee.d_type, directory + "/" + path) { pending.append(path) }
      }
    }
    return paths
  }

  /// Whether a directory entry is a directory itself, not a link to one.
  private static func isWalkable(_ type: UInt8, _ path: String) -> Bool {
    if type != UInt8(DT_UNKNOWN) { return type == UInt8(DT_DIR) }
    var status = stat()
    return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
  }

  private static func isDirectory(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
  }
}
