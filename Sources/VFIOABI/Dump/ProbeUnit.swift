/// The translation unit that asks clang for every number a manifest holds, one question per line: the
/// value of each macro and enumerator, `sizeof`, `_Alignof` and the offset of every record and field,
/// the size of a bit-field's type. A macro or enumerator question is an enumerator, which C requires to
/// be an integer constant expression, so clang rejects on that line whatever is not one (a macro that
/// is a type or a string); one constant array at the end, `{ q0_l, q0_h, q1_l, q1_h, … }`, carries
/// every answer into the LLVM IR clang emits (`-S -emit-llvm`): the low 64 bits of the mathematical
/// value and its high 64 bits (see ``value(low:high:)``). A layout question
/// (`sizeof`, `_Alignof`, `offsetof`) is a constant of type `size_t` whenever it compiles, so it is
/// written straight into the array with the flag 0: an enumerator per layout question cost clang more
/// than the header itself (as one global per answer did). The unit includes the header by the path
/// `-include` would take (a path that `#include "…"` cannot spell is `/proc/PID/fd/N`, see
/// ``ABIHeader/resolve(searchPath:)``), after a record of its own that marks where its record layouts
/// begin in clang's output.
///
/// Names are `vfio_abi_<token>_…` with a token drawn per unit, so no name in the header can collide
/// with or be mistaken for an answer. Macro values are asked first; then every name the later
/// questions use is `#undef`ed, so a macro cannot rewrite a record, field or type name.
struct ProbeUnit {
  enum Entry: Hashable {
    case macro(String)
    case enumerator(String)
    /// A record is named by its spelling (``ABIRecord/spelling``): `struct foo` or a typedef's name.
    case recordSize(String)
    case recordAlignment(String)
    case fieldOffset(record: String, field: String)
    case fieldSize(record: String, field: String)
    case typeSize(String)

    var needsMacros: Bool {
      if case .macro = self { return true }
      return false
    }

    /// Whether the question is `sizeof`, `_Alignof` or `offsetof`: never negative, and never anything
    /// but an integer constant expression when it compiles.
    var isLayout: Bool {
      switch self {
      case .macro, .enumerator: false
      case .recordSize, .recordAlignment, .fieldOffset, .fieldSize, .typeSize: true
      }
    }
  }

  let token: String
  private(set) var entries: [Entry] = []
  /// Each entry's index in ``entries``.
  private var indexes: [Entry: Int] = [:]

  init() {
    token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
  }

  /// The name of the answers' global.
  var answers: String { "vfio_abi_\(token)_answers" }

  /// Makes room for `count` entries more, so that adding them does not grow the storage again and again.
  mutating func reserve(_ count: Int) {
    entries.reserveCapacity(entries.count + count)
    indexes.reserveCapacity(indexes.count + count)
  }

  mutating func add(_ entry: Entry) {
    guard indexes[entry] == nil else { return }
    indexes[entry] = entries.count
    entries.append(entry)
  }

  /// The index of `entry` in ``entries``; nil when the unit does not ask it.
  func index(of entry: Entry) -> Int? { indexes[entry] }

  /// How a unit carries its answers out of clang.
  enum Form {
    /// Every answer in the answers array, as its low and high 64 bits: what a clang process puts in
    /// its IR, and what libclang in this process reads for a value wider than 64 bits.
    case array
    /// Each question once, as the enumerator that checks it, read from the enumerator by libclang in
    /// this process: an enumerator holds any value of 64 bits, signed or not, exactly. A wider one is
    /// cut to 64 bits, and clang says so with `-Wenum-too-large` on its line (see ``wideWarning``),
    /// so that question is asked again in the array form.
    case enumerators
  }

  /// The warning clang gives on an enumerator's line when its value does not fit 64 bits and is cut.
  static let wideWarning = "-Wenum-too-large"

  /// The source, for each line that asks or answers a question the entry's index, and the entries in
  /// the order the answers array holds them; `marked` puts the marker record first. Macro
  /// questions come first, before anything is `#undef`ed; the answers come last, after the names they
  /// spell are, so a header's `#define long …` cannot reach them either. `checkingDefined` (in the
  /// enumerators form) asks each macro question only under `#ifdef`, and otherwise declares an
  /// enumerator of its own on a line ``Source/undefinedAtLine`` names: the question's macro was
  /// `#undef`ed after its last definition.
  func source(
    asking indexes: [Int], including header: String, marked: Bool = true, form: Form = .array, checkingDefined: Bool = false
  ) -> Source {
    var text: [UInt8] = []
    text.reserveCapacity(1024 + indexes.count * (checkingDefined ? 96 : 48))
    var entryAtLine: [Int: Int] = [:]
    var undefinedAtLine: [Int: Int] = [:]
    var line = 1
    func emit(_ string: String, entry: Int? = nil) {
      if let entry { entryAtLine[line] = entry }
      text.append(contentsOf: string.utf8)
      text.append(UInt8(ascii: "\n"))
      line += 1
    }
    // The marker record comes before the header, so its layout is the first clang prints for the unit
    // (a clang process prints layouts; libclang in this process does not need it).
    if marked {
      emit("\(marker) { int vfio_abi_\(token)_m; };")
      emit("enum { vfio_abi_\(token)_mark_size = sizeof(\(marker)) };")
    }
    emit("#include \"\(header)\"")
    // The questions' warnings stay silent as `-w` makes them (which probe runs leave out, as nothing
    // could make one an error after it), but for those their lines turn into errors below. Only after
    // the header: `-Weverything` ignored would silence the warnings clang makes errors by default
    // (`-Wimplicit-int`, `-Wint-conversion`), with which the header does not compile; its other
    // warnings stay warnings, which no reader counts.
    emit("#pragma clang diagnostic ignored \"-Weverything\"")
    if form == .enumerators { emit("#pragma clang diagnostic warning \"\(Self.wideWarning)\"") }
    // A header that leaves a declaration open swallows what follows; this line then fails, outside
    // every question, so the unit fails as the header does rather than lose a question silently.
    emit("struct vfio_abi_\(token)_end { int vfio_abi_\(token)_e; };")
    // A value that does not fit 64 bits travels as its low and high halves (its mathematical value,
    // as a 128-bit integer where the target has one); without 128-bit integers the high half is the sign.
    emit("#ifdef __SIZEOF_INT128__")
    emit("#define \(high)(x) ((long long)((__int128)(x) >> 64))")
    emit("#else")
    emit("#define \(high)(x) (-(long long)((x) < 0))")
    emit("#endif")
    // A macro whose value C leaves undefined (`1 << 70`, `INT_MAX + 1`) has none to record: it is no
    // integer constant expression, but clang folds it to some number with a warning, made an error on
    // the questions' lines only.
    for warning in Self.undefinedValueWarnings { emit("#pragma clang diagnostic error \"\(warning)\"") }
    let questionPrefix = Array("vfio_abi_\(token)_q".utf8)
    /// `question(index)`.
    func appendQuestion(_ index: Int) {
      text += questionPrefix
      // The decimal digits in place: a buffer per question cost half of writing its line.
      var divisor = 1
      while divisor <= index / 10 { divisor *= 10 }
      while divisor > 0 {
        text.append(UInt8(ascii: "0") + UInt8(index / divisor % 10))
        divisor /= 10
      }
    }
    let ordered = indexes.filter { entries[$0].needsMacros } + indexes.filter { !entries[$0].needsMacros }
    var undefined = false
    for index in ordered {
      let entry = entries[index]
      if !entry.needsMacros && !undefined {
        for name in Self.protectedNames(entries: ordered.map { entries[$0] }) { emit("#undef \(name)") }
        undefined = true
      }
      if form == .enumerators, case .macro(let name) = entry {
        // Written byte by byte: one interpolated line per macro cost more than the rest of a dump of
        // 20,000 macros but clang's parse.
        if checkingDefined { emit("#ifdef \(name)") }
        entryAtLine[line] = index
        text += "enum { ".utf8
        appendQuestion(index)
        text += " = (".utf8
        text += name.utf8
        text += ") };\n".utf8
        line += 1
        guard checkingDefined else { continue }
        emit("#else")
        undefinedAtLine[line] = index
        text += "enum { ".utf8
        appendQuestion(index)
        text += "_u };\n".utf8
        line += 1
        emit("#endif")
        continue
      }
      let expression = Self.expression(entry)
      if form == .enumerators {
        emit("enum { \(question(index)) = \(expression) };", entry: index)
        continue
      }
      if entry.isLayout { continue }
      emit(
        "enum { \(question(index)) = \(expression) }; enum { \(question(index))_l = (unsigned long long)\(expression) };"
          + " enum { \(question(index))_h = \(high)(\(expression)) };", entry: index)
    }
    if form == .enumerators {
      // The last line asks nothing, as the answers array's last does: a header that leaves a declaration
      // open then fails outside every question (an initialised variable is no member of a record; an
      // enumerator is, and would let an open record end the unit on a question's line).
      emit("const long long vfio_abi_\(token)_z = 0;")
      return Source(text: text, entryAtLine: entryAtLine, order: ordered, undefinedAtLine: undefinedAtLine)
    }
    for name in ["const", "long"] { emit("#undef \(name)") }
    emit("const long long \(answers)[] = {")
    for index in ordered {
      if entries[index].isLayout {
        emit("\(Self.expression(entries[index])), 0,", entry: index)
      } else {
        emit("\(question(index))_l, \(question(index))_h,", entry: index)
      }
    }
    emit("};")
    return Source(text: text, entryAtLine: entryAtLine, order: ordered)
  }

  /// A unit's text, the entry each line asks or answers, and the entries in the order the answers
  /// array holds them.
  struct Source {
    var text: [UInt8]
    var entryAtLine: [Int: Int]
    var order: [Int]
    /// For each line that declares a question's enumerator only when its macro is not defined, the entry.
    var undefinedAtLine: [Int: Int] = [:]
  }

  /// The record that marks where the unit's record layouts begin in clang's output.
  var marker: String { "struct vfio_abi_\(token)_mark" }

  private func question(_ index: Int) -> String { "vfio_abi_\(token)_q\(index)" }

  /// The macro giving a value's high 64 bits.
  private var high: String { "vfio_abi_\(token)_high" }

  /// The flags of a probe run: without `-w`, which nothing can undo (the unit silences warnings itself).
  static func flags(_ flags: [String]) -> [String] { flags.filter { $0 != "-w" } }

  /// Warnings clang gives for a constant expression whose value C leaves undefined.
  static let undefinedValueWarnings = ["-Wgnu-folding-constant", "-Winteger-overflow"]

  /// The value an answer's two elements give: the low 64 bits and the high 64 bits of a 128-bit value
  /// (only the sign, 0 or -1, for a layout answer or on a target without 128-bit integers). A value
  /// that fits 64 bits is written as before, signed only when negative; an unsigned 128-bit value from
  /// 2¹²⁷ reads as its two's complement, the one range two halves cannot tell from a negative value.
  static func value(low: Int64, high: Int64) -> String {
    if high == 0 { return String(UInt64(bitPattern: low)) }
    if high == -1 && low < 0 { return String(low) }
    return String(Int128(high) << 64 | Int128(UInt64(bitPattern: low)))
  }

  private static func expression(_ entry: Entry) -> String {
    switch entry {
    case .macro(let name), .enumerator(let name): "(\(name))"
    case .recordSize(let record): "sizeof(\(record))"
    case .recordAlignment(let record): "_Alignof(\(record))"
    case .fieldOffset(let record, let field): "__builtin_offsetof(\(record), \(field))"
    case .fieldSize(let record, let field): "sizeof(((\(record) *)0)->\(field))"
    case .typeSize(let type): "sizeof(\(type))"
    }
  }

  /// Every identifier the layout questions spell, keywords included, except those the preprocessor
  /// refuses to `#undef`.
  private static func protectedNames(entries: [Entry]) -> [String] {
    var names: Set<String> = ["sizeof", "_Alignof", "__builtin_offsetof", "struct", "union", "enum"]
    for entry in entries {
      switch entry {
      case .macro: continue
      case .enumerator(let name): names.insert(name)
      case .recordSize(let record), .recordAlignment(let record): names.formUnion(identifiers(in: record))
      case .fieldOffset(let record, let field), .fieldSize(let record, let field):
        names.formUnion(identifiers(in: record))
        names.insert(field)
      case .typeSize(let type): names.formUnion(identifiers(in: type))
      }
    }
    names.subtract(["defined", "__VA_ARGS__", "__VA_OPT__", "__has_include", "__has_include_next"])
    return names.filter { $0.first.map { !$0.isNumber } ?? false }.sorted()
  }

  private static func identifiers(in text: String) -> [String] {
    text.utf8.split(whereSeparator: { !MacroDefinitions.isIdentifier($0) }).map { String(decoding: $0, as: UTF8.self) }
  }
}
