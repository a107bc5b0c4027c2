internal import CLibClang
import FoundationEssentials
import Glibc

/// The toolchain's libclang, loaded into this process, so that a header costs clang's parse of it and
/// nothing else: no process to start, no JSON AST or IR for clang to write and this process to read
/// back. It is the same clang as the `clang` executable beside it (one toolchain, one version), driven
/// by the same command line.
struct LibClang: @unchecked Sendable {
  // @unchecked: the table is written once by `CLibClang_load` and only read after.
  private let functions: UnsafePointer<CLibClang_Functions>
  /// The `clang` beside it, given as the command line's first argument.
  private let executable: String
  /// Units parsed before, for parses of the same command line to reuse.
  let idle: IdleUnits

  /// The libclang of `clang`'s toolchain (`../lib/libclang.so` beside the resolved executable), loaded
  /// once per process; nil when there is none or it lacks a function this file calls.
  static func beside(_ clang: Clang) -> LibClang? {
    let path = path(beside: clang)
    return loaded.withLock { libraries in
      if let known = libraries[path] { return known }
      let library = CLibClang_load(path).map {
        LibClang(
          functions: $0, executable: clang.executable,
          idle: IdleUnits(functions: $0, limit: 4 * ProcessInfo.processInfo.activeProcessorCount))
      }
      libraries[path] = library
      return library
    }
  }

  private static let loaded = Locked<[String: LibClang?]>([:])

  private static func path(beside clang: Clang) -> String {
    Clang.parent(of: Clang.parent(of: Clang.realPath(clang.executable) ?? clang.executable)) + "/lib/libclang.so"
  }

  /// Whether there is a libclang beside `clang` to load, without loading it (which takes a while).
  static func exists(beside clang: Clang) -> Bool {
    access(path(beside: clang), F_OK) == 0
  }

  private static let preloadStarted = Locked(false)
  /// The preloads under way: a process must not exit while one runs, as `exit` then tears down the
  /// library (its static destructors, its allocator's state) under a thread still inside it, which
  /// ended in SIGSEGV or SIGABRT on an early exit.
  private static let preloads = Locked<[WorkerThread]>([])

  /// Finds the toolchain's `clang` and loads the library beside it on a thread of its own, so that
  /// both (a few milliseconds of relocations and page faults) overlap whatever the process does
  /// before its first parse, which then finds the library loaded. Once per process; the process
  /// awaits it with ``awaitPreloads()`` before it exits.
  static func preload() {
    guard preloadStarted.withLock({ started in
      defer { started = true }
      return !started
    }) else { return }
    // Without a thread of its own, the first parse loads the library.
    guard let thread = WorkerThread(stackSize: LargeStack.size, {
      if let clang = try? Clang.locate() { _ = LibClang.beside(clang) }
    }) else { return }
    preloads.withLock { $0.append(thread) }
  }

  /// Returns once no preload runs, so that whatever the caller does next (exiting included) never
  /// races the library's loading.
  static func awaitPreloads() {
    // Joined with the lock held: a second caller waits for these joins, not only for the list.
    preloads.withLock { threads in
      threads.forEach { $0.join() }
      threads.removeAll()
    }
  }

  /// One error clang reported: where (the file clang names and the line) and clang's text for it.
  struct Error {
    var file: String
    var line: Int
    var text: String
  }

  /// Parses `source` as the unit `name` (an unsaved file: nothing is written to disk) with the driver's
  /// `arguments` as `clang` would take them, and hands the unit to `body` while it is alive. `options`
  /// are libclang's `CXTranslationUnit_…` flags. `spellChecking` words errors as a clang process does,
  /// with "did you mean"; it costs a search of every name in scope for each error, so a parse whose
  /// error texts nobody reads goes without. A unit parsed before with the same command line, name and
  /// options, idle, is parsed again instead (``IdleUnits``): what differs is only the source.
  func parse<T>(
    _ source: [UInt8], name: String, arguments: [String], options: UInt32 = 0, spellChecking: Bool,
    _ body: (TranslationUnit) throws(ABIError) -> T
  ) throws(ABIError) -> T {
    let f = functions.pointee
    // libclang turns clang's spell checking off unless asked.
    let key = IdleUnits.Key(command: [executable] + arguments + (spellChecking ? ["-fspell-checking"] : []), name: name, options: options)
    let parsed = try name.withCString { cName -> Result<IdleUnits.Unit, ABIError> in
      source.withUnsafeBufferPointer { bytes in
        bytes.withMemoryRebound(to: CChar.self) { text in
          var unsaved = CLibClang_UnsavedFile(filename: cName, contents: text.baseAddress, length: UInt(text.count))
          if let reused = idle.take(key) {
            if f.reparseTranslationUnit(reused.unit, 1, &unsaved, 0) == 0 { return .success(reused) }
            idle.dispose(reused)
          }
          guard let index = f.createIndex(0, 0) else { return .failure(.processFailed("libclang could not create an index")) }
          var unit: CLibClang_TranslationUnit?
          let status = withCStrings(key.command) { argv in
            f.parseTranslationUnit2FullArgv(index, cName, argv, Int32(key.command.count), &unsaved, 1, options, &unit)
          }
          guard status == Int32(CLibClang_Success), let unit else {
            f.disposeIndex(index)
            return .failure(.processFailed("libclang could not parse the unit (error \(status))"))
          }
          return .success(IdleUnits.Unit(index: index, unit: unit))
        }
      }
    }.get()
    defer { idle.keep(parsed, for: key) }
    return try body(TranslationUnit(functions: f, unit: parsed.unit))
  }

  /// A parsed unit, valid only inside ``parse(_:name:arguments:_:)``'s body.
  struct TranslationUnit {
    let functions: CLibClang_Functions
    let unit: CLibClang_TranslationUnit

    /// The errors, in clang's order, each located where a user would look: in a macro expansion, where
    /// the macro was expanded or its argument written.
    var errors: [Error] { diagnostics { $0 >= Int32(CLibClang_SeverityError) } }

    /// The warnings (not those made errors), as ``errors`` gives errors.
    var warnings: [Error] { diagnostics { $0 == Int32(CLibClang_SeverityWarning) } }

    private func diagnostics(_ wanted: (Int32) -> Bool) -> [Error] {
      var errors: [Error] = []
      for position in 0..<functions.getNumDiagnostics(unit) {
        guard let diagnostic = functions.getDiagnostic(unit, position) else { continue }
        defer { functions.disposeDiagnostic(diagnostic) }
        guard wanted(functions.getDiagnosticSeverity(diagnostic)) else { continue }
        let (file, line) = location(functions.getDiagnosticLocation(diagnostic))
        // As the clang executable prints it: `FILE:LINE:COL: error: TEXT [-Wflag]`, the location
        // written here (libclang's formatting names where the tokens are spelt, inside a macro's
        // definition for an error in its expansion).
        let text = string(functions.formatDiagnostic(diagnostic, UInt32(CLibClang_DisplayOption)))
        let place = displayedLocation(functions.getDiagnosticLocation(diagnostic))
        errors.append(Error(file: file, line: line, text: place.map { "\($0): \(text)" } ?? text))
      }
      return errors
    }

    var cursor: CLibClang_Cursor { functions.getTranslationUnitCursor(unit) }

    /// Visits `parent`'s children in order; `body` says whether to visit a child's own children. A unit
    /// parsed with a preprocessing record (``MacroRecords/parseOptions``) has a cursor for each macro
    /// definition and expansion and each inclusion among the declarations: `body` sees them only with
    /// `preprocessing`, so that a reader of declarations reads the same cursors with the record or without.
    func visitChildren(of parent: CLibClang_Cursor, preprocessing: Bool = false, _ body: (CLibClang_Cursor) -> Visit) {
      withoutActuallyEscaping(body) { body in
        let firstPreprocessing = Int32(CLibClang_CursorFirstPreprocessing)
        let lastPreprocessing = Int32(CLibClang_CursorLastPreprocessing)
        var context = preprocessing ? body : { cursor in
          (firstPreprocessing...lastPreprocessing).contains(cursor.kind) ? .next : body(cursor)
        }
        _ = withUnsafeMutablePointer(to: &context) { pointer in
          functions.visitChildren(parent, { cursor, _, context in
            context!.assumingMemoryBound(to: ((CLibClang_Cursor) -> Visit).self).pointee(cursor).rawValue
          }, pointer)
        }
      }
    }

    enum Visit: Int32 {
      case stop = 0, next = 1, children = 2
    }

    /// The fields of a record type in declaration order, unnamed bit-fields and the members holding
    /// anonymous records included (the fields clang lays out).
    func fields(of type: CLibClang_Type) -> [CLibClang_Cursor] {
      var fields: [CLibClang_Cursor] = []
      _ = withUnsafeMutablePointer(to: &fields) { pointer in
        functions.Type_visitFields(type, { cursor, context in
          context!.assumingMemoryBound(to: [CLibClang_Cursor].self).pointee.append(cursor)
          return 1
        }, pointer)
      }
      return fields
    }

    /// The cursors `visitChildren` visits under `parent`, in order, without their own children.
    func children(of parent: CLibClang_Cursor) -> [CLibClang_Cursor] {
      var children: [CLibClang_Cursor] = []
      visitChildren(of: parent) { child in
        children.append(child)
        return .next
      }
      return children
    }

    /// The file a declaration belongs to: where its name is written once macros are expanded, named as
    /// clang opened it (a `#line` directive changes the name clang reports, not this one).
    func file(_ cursor: CLibClang_Cursor) -> String? {
      var file: CLibClang_File?
      var line: UInt32 = 0
      var column: UInt32 = 0
      var offset: UInt32 = 0
      functions.getExpansionLocation(functions.getCursorLocation(cursor), &file, &line, &column, &offset)
      return file.map { string(functions.getFileName($0)) }
    }

    func spelling(_ cursor: CLibClang_Cursor) -> String { string(functions.getCursorSpelling(cursor)) }
    func spelling(_ type: CLibClang_Type) -> String { string(functions.getTypeSpelling(type)) }
    func bitWidth(_ field: CLibClang_Cursor) -> Int? {
      functions.Cursor_isBitField(field) != 0 ? Int(functions.getFieldDeclBitWidth(field)) : nil
    }
    func typedefUnderlyingType(_ cursor: CLibClang_Cursor) -> CLibClang_Type { functions.getTypedefDeclUnderlyingType(cursor) }
    func namedType(_ type: CLibClang_Type) -> CLibClang_Type { functions.Type_getNamedType(type) }
    func modifiedType(_ type: CLibClang_Type) -> CLibClang_Type { functions.Type_getModifiedType(type) }
    func declaration(_ type: CLibClang_Type) -> CLibClang_Cursor { functions.getTypeDeclaration(type) }
    func canonical(_ type: CLibClang_Type) -> CLibClang_Type { functions.getCanonicalType(type) }
    func isQualified(_ type: CLibClang_Type) -> Bool {
      functions.isConstQualifiedType(type) != 0 || functions.isVolatileQualifiedType(type) != 0
        || functions.isRestrictQualifiedType(type) != 0
    }
    func typeSpelling(_ cursor: CLibClang_Cursor) -> String { string(functions.getTypeSpelling(functions.getCursorType(cursor))) }
    func isDefinition(_ cursor: CLibClang_Cursor) -> Bool { functions.isCursorDefinition(cursor) != 0 }
    func type(_ cursor: CLibClang_Cursor) -> CLibClang_Type { functions.getCursorType(cursor) }

    /// `sizeof` and `_Alignof` a type as clang lays it out; nil for a type without them (incomplete,
    /// a function, invalid).
    func size(_ type: CLibClang_Type) -> Int? {
      let size = functions.Type_getSizeOf(type)
      return size >= 0 ? Int(size) : nil
    }

    func alignment(_ type: CLibClang_Type) -> Int? {
      let alignment = functions.Type_getAlignOf(type)
      return alignment >= 0 ? Int(alignment) : nil
    }

    /// A field's offset in bits within the record that declares it; nil when clang has none (the
    /// record is invalid or incomplete).
    func bitOffset(_ field: CLibClang_Cursor) -> Int? {
      let offset = functions.Cursor_getOffsetOfField(field)
      return offset >= 0 ? Int(offset) : nil
    }

    /// An enumerator's value as C reads the constant: negative only when its type is signed.
    func enumeratorValue(_ cursor: CLibClang_Cursor) -> String {
      var type = functions.getCanonicalType(functions.getCursorType(cursor))
      if type.kind == Int32(CLibClang_TypeEnum) {
        type = functions.getCanonicalType(functions.getEnumDeclIntegerType(functions.getTypeDeclaration(type)))
      }
      return (Int32(CLibClang_TypeFirstSigned)...Int32(CLibClang_TypeLastSigned)).contains(type.kind)
        ? String(functions.getEnumConstantDeclValue(cursor)) : String(functions.getEnumConstantDeclUnsignedValue(cursor))
    }

    /// The line an expression or declaration starts on, in the file clang names for it.
    func startLine(_ cursor: CLibClang_Cursor) -> (file: String, line: Int) {
      location(functions.getRangeStart(functions.getCursorExtent(cursor)))
    }

    /// The file and line an expression or declaration starts on, the file as libclang's handle (no
    /// name is made: see ``isFile(_:named:cache:)``).
    func start(_ cursor: CLibClang_Cursor) -> (file: UnsafeMutableRawPointer?, line: Int) {
      var file: CLibClang_File?
      var line: UInt32 = 0
      functions.getFileLocation(functions.getRangeStart(functions.getCursorExtent(cursor)), &file, &line, nil, nil)
      return (file, Int(line))
    }

    /// Whether the file `handle` is named `name`, each handle's name read once into `cache`.
    func isFile(_ handle: UnsafeMutableRawPointer?, named name: String, cache: inout [UnsafeMutableRawPointer: Bool]) -> Bool {
      guard let handle else { return name.isEmpty }
      if let known = cache[handle] { return known }
      let matches = string(functions.getFileName(handle)) == name
      cache[handle] = matches
      return matches
    }

    /// The value clang computes for an integer constant expression, as a 64-bit pattern; nil when it is
    /// not one.
    func integer(_ cursor: CLibClang_Cursor) -> Int64? {
      guard let result = functions.Cursor_Evaluate(cursor) else { return nil }
      defer { functions.EvalResult_dispose(result) }
      guard functions.EvalResult_getKind(result) == Int32(CLibClang_EvalInt) else { return nil }
      return functions.EvalResult_getAsLongLong(result)
    }

    private func location(_ location: CLibClang_SourceLocation) -> (file: String, line: Int) {
      var file: CLibClang_File?
      var line: UInt32 = 0
      var column: UInt32 = 0
      var offset: UInt32 = 0
      functions.getFileLocation(location, &file, &line, &column, &offset)
      return (file.map { string(functions.getFileName($0)) } ?? "", Int(line))
    }

    /// `FILE:LINE:COL` as clang's own diagnostics print a location: in a macro's expansion, where the
    /// macro is expanded or its argument written (the file location), under the name and line a
    /// `#line` directive gives it; nil when it has no name (clang prints none).
    private func displayedLocation(_ location: CLibClang_SourceLocation) -> String? {
      var file: CLibClang_File?
      var line: UInt32 = 0
      var column: UInt32 = 0
      var offset: UInt32 = 0
      functions.getFileLocation(location, &file, &line, &column, &offset)
      let fileLocation = file.map { functions.getLocationForOffset(unit, $0, offset) } ?? location
      var name = CLibClang_String(data: nil, private_flags: 0)
      functions.getPresumedLocation(fileLocation, &name, &line, &column)
      let presumed = string(name)
      return presumed.isEmpty ? nil : "\(presumed):\(line):\(column)"
    }

    func string(_ string: CLibClang_String) -> String {
      defer { functions.disposeString(string) }
      return functions.getCString(string).map { String(cString: $0) } ?? ""
    }
  }
}

/// `arguments` as a null-terminated C `argv` for `body`.
private func withCStrings<T>(_ arguments: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
  let copies = arguments.map { strdup($0) }
  defer { copies.forEach { free($0) } }
  let pointers = copies.map { UnsafePointer<CChar>($0) } + [nil]
  return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
