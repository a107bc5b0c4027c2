internal import CLibClang

/// Translation units libclang has parsed, kept after their parse so that the next parse of the same
/// command line is a reparse of one of them (`clang_reparseTranslationUnit`, the unsaved unit
/// replaced). A first parse runs clang's driver, which searches the file system for GCC installations
/// and the distribution's release files (about 150 system calls) and builds the compiler invocation;
/// a reparse keeps the invocation and only parses. Everything a parse reads is read again: a reparse
/// opens and reads every file anew, so a header changed on disk between two parses is seen changed.
///
/// A unit is used by one parse at a time: ``take(_:)`` removes it from the pool and ``keep(_:for:)``
/// returns it. At most ``limit`` units wait, the least recently kept disposed first, so that a process
/// that parses under many command lines (a test run) holds a bounded number of them.
final class IdleUnits: @unchecked Sendable {
  // @unchecked: `functions` points at a table written once, when the library loaded, and only read after.
  /// What a unit was parsed with; a reparse can change only the unsaved file's contents.
  struct Key: Hashable, Sendable {
    var command: [String]
    var name: String
    var options: UInt32
  }

  /// A parsed unit and the index it belongs to, both owned by the pool while idle and by one parse
  /// while in use.
  struct Unit: @unchecked Sendable {
    // @unchecked: libclang's handles are pointers; only one thread holds a given one at a time.
    let index: CLibClang_Index
    let unit: CLibClang_TranslationUnit
  }

  /// How many units may wait. Tree mode's workers, one per processor, each parse under four command lines
  /// (each tree's compile check and each tree's probe unit); with fewer, a worker's next parse often
  /// finds its unit evicted by the other's.
  let limit: Int
  private let functions: UnsafePointer<CLibClang_Functions>
  private let idle = Locked<[(key: Key, unit: Unit)]>([])

  init(functions: UnsafePointer<CLibClang_Functions>, limit: Int) {
    self.functions = functions
    self.limit = limit
  }

  /// How many units wait.
  var count: Int { idle.withLock { $0.count } }

  /// An idle unit parsed with `key`, removed from the pool; nil when none waits.
  func take(_ key: Key) -> Unit? {
    idle.withLock { units in
      guard let position = units.lastIndex(where: { $0.key == key }) else { return nil }
      return units.remove(at: position).unit
    }
  }

  /// Returns `unit` to the pool, disposing of the least recently kept one when it is full.
  func keep(_ unit: Unit, for key: Key) {
    let evicted = idle.withLock { units -> Unit? in
      units.append((key, unit))
      return units.count > limit ? units.removeFirst().unit : nil
    }
    if let evicted { dispose(evicted) }
  }

  func dispose(_ unit: Unit) {
    functions.pointee.disposeTranslationUnit(unit.unit)
    functions.pointee.disposeIndex(unit.index)
  }
}
