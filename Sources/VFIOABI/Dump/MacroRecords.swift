internal import CLibClang
import Glibc

/// The macros a header defines, found by libclang in this process from the preprocessing record of the
/// probe unit that includes it (parsed with ``parseOptions``, see ``InProcessDump/Macros/guessed(_:)``):
/// one cursor per `#define` clang processed, in the order it processed them, each with its file and
/// extent. That is the in-process path's discovery; it replaced a `clang -E -dD` process per header
/// (120 million instructions and a process start for 20,000 macros, plus 185 million reading its output),
/// and then a parse of its own before the probe unit's. ``MacroDefinitions/init(preprocessed:headerFile:included:)``,
/// reading `-E -dD`, stays the oracle: clang processes (``HeaderBatch/inProcess`` off) and the differential
/// fuzzer (Fuzz/Headers) use it, and nothing here reads or writes what it does, so the fuzzer compares
/// two discoveries.
///
/// A definition in an `#if 0` branch is no cursor, as it is no `#define` in `-E -dD`. The record has no
/// `#undef`: whether each macro is still defined after the header is asked in the probe unit (see
/// ``ProbeUnit/source(asking:including:marked:form:checkingDefined:)``), when a file the unit read could
/// `#undef` one at all (``mayUndefine``).
struct MacroRecords {
  /// Each macro's last definition, as ``MacroDefinitions`` lists them, before any `#undef`.
  private(set) var definitions = MacroDefinitions()
  /// Whether some file the unit read holds `undef`, a line splice (which could spell it) or
  /// `pop_macro`: without any, every macro defined stays defined.
  private(set) var mayUndefine = false

  /// The option a parse needs for this to read its unit: clang keeps a cursor per `#define`.
  static let parseOptions = UInt32(CLibClang_DetailedPreprocessingRecord)

  /// `unit` is a parse with ``parseOptions`` of a unit that includes the header and defines no object-like
  /// macro of its own; `headerFile` is the name clang opened the header by.
  init(unit: LibClang.TranslationUnit, headerFile: String, included: IncludedFiles) {
    let f = unit.functions
    struct File {
      /// The header (""), another file under ``IncludedFiles`` by its name, or nil.
      var owner: String?
      var bytes: UnsafeBufferPointer<UInt8>
    }
    var files: [File] = []
    var fileIndex: [UnsafeMutableRawPointer: Int] = [:]
    func file(_ handle: UnsafeMutableRawPointer) -> Int {
      if let known = fileIndex[handle] { return known }
      let name = unit.string(f.getFileName(handle))
      var size = 0
      let contents = f.getFileContents(unit.unit, handle, &size)
      let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(contents)?.assumingMemoryBound(to: UInt8.self), count: contents == nil ? 0 : size)
      files.append(File(owner: name == headerFile ? "" : included.name(of: name), bytes: bytes))
      fileIndex[handle] = files.count - 1
      return files.count - 1
    }
    // Every definition in clang's order; a file of -1 is clang's own buffer (its predefined macros and
    // `-D` flags), which has no file to read.
    struct Record {
      var name: String
      var file: Int
      var start: Int
      var end: Int
      var functionLike: Bool
      var extent: CLibClang_SourceRange
    }
    var records: [Record] = []
    var lastFile: (handle: UnsafeMutableRawPointer, index: Int)?
    unit.visitChildren(of: unit.cursor, preprocessing: true) { cursor in
      guard cursor.kind == Int32(CLibClang_CursorMacroDefinition) else { return .next }
      let extent = f.getCursorExtent(cursor)
      var handle: CLibClang_File?
      var start: UInt32 = 0
      var end: UInt32 = 0
      f.getFileLocation(f.getRangeStart(extent), &handle, nil, nil, &start)
      f.getFileLocation(f.getRangeEnd(extent), nil, nil, nil, &end)
      var index = -1
      // Whether the definition is function-like, from its own text: `clang_Cursor_isMacroFunctionLike`
      // answers for the name's latest definition. clang's own buffer comes first, so whether one of its
      // definitions is function-like changes nothing (no file's definition comes before it).
      var functionLike = false
      var name: String?
      if let handle {
        if let lastFile, lastFile.handle == handle {
          index = lastFile.index
        } else {
          index = file(handle)
          lastFile = (handle, index)
        }
        let bytes = files[index].bytes
        let nameEnd = MacroText.nameEnd(bytes, name: Int(start))
        functionLike = nameEnd < Int(end) && bytes[nameEnd] == UInt8(ascii: "(")
        // The name as written is clang's spelling of it unless a line splice or a universal character
        // name (both start with a backslash) is in it; asking clang cost a string of its own per macro.
        let written = UnsafeBufferPointer(rebasing: bytes[min(Int(start), nameEnd)..<nameEnd])
        if !written.isEmpty && !written.contains(UInt8(ascii: "\\")) { name = String(decoding: written, as: UTF8.self) }
      }
      records.append(Record(
        name: name ?? unit.spelling(cursor), file: index, start: Int(start), end: Int(end),
        functionLike: functionLike, extent: extent))
      return .next
    }
    var inclusions: [UnsafeMutableRawPointer] = []
    withUnsafeMutablePointer(to: &inclusions) { pointer in
      f.getInclusions(unit.unit, { file, _, _, context in
        if let file { context!.assumingMemoryBound(to: [UnsafeMutableRawPointer].self).pointee.append(file) }
      }, pointer)
    }
    let scans = inclusions.map { Scan(files[file($0)].bytes) }
    mayUndefine = scans.contains { $0.splice || $0.undefine }
    // As in `-E -dD`, the last object-like definition of a name decides (a function-like one changes
    // nothing about it); one in a file outside the header's tree drops the macro.
    var seen = Set<String>(minimumCapacity: records.count)
    var last: [Int] = []
    for (position, record) in records.enumerated().reversed() where !record.functionLike && seen.insert(record.name).inserted {
      if record.file >= 0 && files[record.file].owner != nil { last.append(position) }
    }
    func body(_ record: Record) -> [UInt8] {
      record.file >= 0 ? MacroText.body(files[record.file].bytes, name: record.start, end: record.end) : unit.tokenText(record.extent)
    }
    // A body can only name `__LINE__` or `__COUNTER__` if some file spells either, or could with a
    // splice; clang's predefined macros and the engine's `-D` flags never do. Only then is every
    // definition's text read, as ``MacroDefinitions/positionDependent(_:)`` needs it.
    var positional: Set<String> = []
    if scans.contains(where: { $0.splice || $0.position }) {
      var bodies: [String: ArraySlice<UInt8>] = [:]
      for record in records where record.file >= 0 { bodies[record.name] = body(record)[...] }
      if bodies.values.contains(where: MacroDefinitions.mentionsPosition) {
        for record in records { bodies[record.name] = body(record)[...] }
        positional = MacroDefinitions.positionDependent(bodies)
      }
    }
    var macros: [(name: String, definition: String)] = []
    var includedMacros: [(name: String, definition: String, file: String)] = []
    for position in last.reversed() where !positional.contains(records[position].name) {
      let record = records[position]
      let definition = String(decoding: body(record), as: UTF8.self)
      guard let owner = files[record.file].owner, !owner.isEmpty else {
        macros.append((record.name, definition))
        continue
      }
      includedMacros.append((record.name, definition, owner))
    }
    definitions = MacroDefinitions(macros: macros, includedMacros: includedMacros)
  }

  /// What one file's bytes could hold: a line splice, a word that undefines a macro (`undef`,
  /// `pop_macro`), a word whose value is where it is used (`__LINE__`, `__COUNTER__`).
  private struct Scan {
    var splice = false
    var undefine = false
    var position = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
      guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
      splice = memchr(base, Int32(UInt8(ascii: "\\")), bytes.count) != nil
      undefine = bytes.contains(word: "undef") || bytes.contains(word: "pop_macro")
      position = bytes.contains(word: "__LINE__") || bytes.contains(word: "__COUNTER__")
    }
  }
}

extension LibClang.TranslationUnit {
  /// The tokens of `extent`, spelled and separated by spaces.
  fileprivate func tokenText(_ extent: CLibClang_SourceRange) -> [UInt8] {
    var tokens: UnsafeMutablePointer<CLibClang_Token>?
    var count: UInt32 = 0
    functions.tokenize(unit, extent, &tokens, &count)
    guard let tokens else { return [] }
    defer { functions.disposeTokens(unit, tokens, count) }
    var text: [UInt8] = []
    for index in 0..<Int(count) {
      if index > 0 { text.append(UInt8(ascii: " ")) }
      text += string(functions.getTokenSpelling(unit, tokens[index])).utf8
    }
    return text
  }
}
