import Glibc

/// Headers whose every source file is the same in both trees: the header and each file an `#include`
/// of it or of an included file names, found at the same place below the same root on both sides and
/// byte for byte equal. clang then reads the same bytes in the same order on both sides, so the two
/// `-E -dD` texts are equal but for the roots in their line markers, which ``HeaderBatch/textChanges``
/// takes relative to the roots anyway: neither text needs preprocessing to know the header unchanged.
///
/// Every `#include` a file spells counts, taken or not, so the closure is a superset of what clang
/// reads. A file is judged by its own bytes only when nothing in it can make the same bytes mean
/// something else on the other side; otherwise its header is preprocessed as any other
/// (``SourceDirectives/isPortable``). An include found in no root (a C library header) also leaves the
/// header to preprocessing.
struct SameSources {
  /// A file as both sides find it: the position of its root on the include path and its name there.
  private struct Key: Hashable {
    var root: Int
    var name: String
  }

  private let old: [String]
  private let new: [String]
  /// Each file already read: the files its includes name, or nil when it differs, cannot be judged by
  /// its bytes, or names a file not found the same way on both sides.
  private var includes: [Key: [Key]?] = [:]
  /// Bytes read from a file at most: a header larger than this is preprocessed instead.
  private static let sizeLimit = 16 << 20

  /// The two trees' `-I` directories, in search order.
  init(old: [String], new: [String]) {
    self.old = old
    self.new = new
  }

  /// Whether every source file of the header included as `<name>` is the same in both trees.
  mutating func same(_ name: String) -> Bool {
    guard old.count == new.count, let first = find(name) else { return false }
    var pending = [first]
    var seen: Set<Key> = [first]
    while let key = pending.popLast() {
      guard let included = includes(of: key) else { return false }
      for next in included where seen.insert(next).inserted { pending.append(next) }
    }
    return true
  }

  private mutating func includes(of key: Key) -> [Key]? {
    if let known = includes[key] { return known }
    let found = read(key)
    includes[key] = .some(found)
    return found
  }

  private func read(_ key: Key) -> [Key]? {
    guard let bytes = RegularFile.read(old[key.root] + "/" + key.name, limit: Self.sizeLimit),
      bytes == RegularFile.read(new[key.root] + "/" + key.name, limit: Self.sizeLimit)
    else { return nil }
    let directives = SourceDirectives(bytes)
    guard directives.isPortable else { return nil }
    var keys: [Key] = []
    for include in directives.includes {
      // `#include "…"` looks in the including file's directory first, then where `<…>` does.
      if include.quoted {
        let name = String(key.name.lastIndex(of: "/").map { key.name[...$0] } ?? "") + include.name
        switch (RegularFile.exists(at: old[key.root] + "/" + name), RegularFile.exists(at: new[key.root] + "/" + name)) {
        case (true, true):
          keys.append(Key(root: key.root, name: name))
          continue
        case (false, false): break
        default: return nil
        }
      }
      guard let found = find(include.name) else { return nil }
      keys.append(found)
    }
    return keys
  }

  /// Where both sides find `<name>`: the first root holding it, which must be the same root.
  private func find(_ name: String) -> Key? {
    let mine = old.firstIndex { RegularFile.exists(at: $0 + "/" + name) }
    guard let mine, mine == new.firstIndex(where: { RegularFile.exists(at: $0 + "/" + name) }) else { return nil }
    return Key(root: mine, name: name)
  }
}
